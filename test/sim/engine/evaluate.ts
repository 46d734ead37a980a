// Plausible values for expressions: engine-behaviour.json's fixed answers first, then
// literals, string concatenation and simple aggregations (Sum/Avg/Min/Max/Count of one
// field) over the generated data; anything else gets a stable made-up number.
import { expandDollars, type DollarContext } from '../checker/dollar-expansion';
import { aggregate, hashSeed, seeded } from '../data/generate';
import type { AppModel, JsonObject } from '../app/app-model';

export interface Value {
  text: string;
  num: number | 'NaN';
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '-';
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

export function variableLookup(model: AppModel, sessionVariables?: Map<string, JsonObject>): (name: string) => string | undefined {
  return (name) => {
    for (const variables of [model.variables, sessionVariables]) {
      for (const v of variables?.values() ?? []) if (v.qName === name) return typeof v.qDefinition === 'string' ? v.qDefinition : '';
    }
    return scriptVariables(model).get(name);
  };
}

const scriptVariableCache = new WeakMap<AppModel, { script: string; vars: Map<string, string> }>();

/** The script without block comments, `//` comment lines and REM statements (none of them assign). */
function scriptStatementsText(script: string): string {
  return script
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/^\s*REM\b[^;]*;/gim, '');
}

/**
 * The variables a reload of the script leaves in the app, by name → definition, running the
 * statements in order as a reload does (help.qlik.com cloud-services "Working with variables in
 * the data load editor", and the Set and Let statements):
 * - every statement is dollar-expanded first with the variables so far (an unknown one expands to
 *   nothing), so a name built with `$(…)` (`LET file_size_$(t) = …`) gets its real name;
 * - `SET name = text;` assigns the text; a value that is one quoted string is that string
 *   (`SET ThousandSep=',';` gives `,`, `Set Constant="My string";` gives `My string`);
 * - `LET name = expr;` assigns the value of the expression, evaluated at reload
 *   (`let x = 3 + 4;` gives 7): literals and what evaluateExpression knows, else a stable number;
 * - `FOR EACH v IN 'a', 'b' … NEXT` runs its statements once per listed value (a list that is not
 *   all literals runs them once with `v` unset);
 * - an assignment with an empty value (`LET vMinDate = ;`, `SET x=;`) deletes it, so a variable
 *   the script emptied is not there after the reload [I: the project's contract, see
 *   test/sim/apps/README.md D06; the usual idiom to clean up temporary script variables];
 * - `DROP VARIABLE(S) a, b;` deletes them, and variables assigned while `ScriptOnlyVariables`
 *   is 1 stay inside the script ("Deleting a variable": the Drop variable statement and the
 *   ScriptOnlyVariables system variable remove script variables from the app).
 * Other control flow (IF, SUB, DO) is not run: their statements are read in text order.
 */
export function scriptVariables(model: AppModel): Map<string, string> {
  const cached = scriptVariableCache.get(model);
  if (cached && cached.script === model.script) return cached.vars;
  const vars = new Map<string, string>();
  const run: ScriptRun = { model, vars, scriptOnly: false, loopValues: new Map() };
  runStatements(scriptStatements(scriptStatementsText(model.script)), run);
  scriptVariableCache.set(model, { script: model.script, vars });
  return vars;
}

type ScriptStatement =
  | { kind: 'assign'; op: 'SET' | 'LET'; name: string; value: string }
  | { kind: 'drop'; names: string }
  | { kind: 'for-each'; variable: string; list: string }
  | { kind: 'next' };

interface ScriptRun {
  model: AppModel;
  vars: Map<string, string>;
  scriptOnly: boolean;
  /** FOR EACH variables, which are script variables while the loop runs but not app variables after it */
  loopValues: Map<string, string>;
}

// a value runs to the first ';' outside quotes and brackets; a name may be built with $(…)
const SCRIPT_STATEMENT =
  /^[ \t]*(?:(SET|LET)\s+((?:[\w.$#@]|\$\([^()\n]*\))+)\s*=\s*((?:'[^']*'|"[^"]*"|\[[^\]]*\]|[^;'"[])*);|DROP\s+VARIABLES?\s+([^;]*);|FOR\s+EACH\s+(\w+)\s+IN\s+([^\n]*)$|NEXT\b[^\n]*$)/gim;

function scriptStatements(text: string): ScriptStatement[] {
  const out: ScriptStatement[] = [];
  for (const m of text.matchAll(SCRIPT_STATEMENT)) {
    if (m[1] !== undefined) out.push({ kind: 'assign', op: m[1].toUpperCase() as 'SET' | 'LET', name: m[2], value: m[3] });
    else if (m[4] !== undefined) out.push({ kind: 'drop', names: m[4] });
    else if (m[5] !== undefined) out.push({ kind: 'for-each', variable: m[5], list: m[6] });
    else out.push({ kind: 'next' });
  }
  return out;
}

function runStatements(statements: readonly ScriptStatement[], run: ScriptRun): void {
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i];
    if (st.kind === 'for-each') {
      const end = matchingNext(statements, i);
      const body = statements.slice(i + 1, end);
      const values = literalList(expandScript(st.list, run));
      for (const value of values ?? [undefined]) {
        if (value === undefined) run.loopValues.delete(st.variable);
        else run.loopValues.set(st.variable, value);
        runStatements(body, run);
      }
      run.loopValues.delete(st.variable);
      i = end;
    } else if (st.kind === 'drop') {
      for (const name of expandScript(st.names, run).split(',')) run.vars.delete(name.trim().replace(/^\[|\]$/g, ''));
    } else if (st.kind === 'assign') {
      assign(st, run);
    }
  }
}

function matchingNext(statements: readonly ScriptStatement[], at: number): number {
  let depth = 0;
  for (let j = at + 1; j < statements.length; j++) {
    if (statements[j].kind === 'for-each') depth++;
    else if (statements[j].kind === 'next' && depth-- === 0) return j;
  }
  return statements.length;
}

/** `'a', 'b', 3` → its values; undefined when an item is not a literal (FileList(…), a field …). */
function literalList(list: string): string[] | undefined {
  const items = list.match(/'(?:[^']|'')*'|"[^"]*"|[^,]+/g)?.map((s) => s.trim()).filter((s) => s !== '') ?? [];
  const values: string[] = [];
  for (const item of items) {
    if (/^'.*'$/s.test(item)) values.push(item.slice(1, -1).replace(/''/g, "'"));
    else if (/^".*"$/s.test(item)) values.push(item.slice(1, -1));
    else if (/^-?\d+(\.\d+)?$/.test(item)) values.push(item);
    else return undefined;
  }
  return values.length > 0 ? values : undefined;
}

function scriptDollarContext(run: ScriptRun): DollarContext {
  const ctx: DollarContext = {
    variable: (name) => run.loopValues.get(name) ?? run.vars.get(name),
    evaluate: (expr) => evaluateExpression(run.model, expr, ctx).text,
  };
  return ctx;
}

/** The statement text as the reload sees it: dollar-expanded with the variables so far. */
function expandScript(text: string, run: ScriptRun): string {
  return text.includes('$(') ? expandDollars(text, scriptDollarContext(run)).text : text;
}

function assign(st: Extract<ScriptStatement, { kind: 'assign' }>, run: ScriptRun): void {
  const name = expandScript(st.name, run);
  const raw = expandScript(st.value, run).trim();
  let value: string;
  if (st.op === 'SET') value = /^'(?:[^']|'')*'$/s.test(raw) ? raw.slice(1, -1).replace(/''/g, "'") : /^"[^"]*"$/s.test(raw) ? raw.slice(1, -1) : raw;
  else value = raw === '' ? '' : letValue(raw, run);
  if (name === 'ScriptOnlyVariables') {
    run.scriptOnly = value.trim() === '1';
    return;
  }
  if (value === '' || run.scriptOnly) run.vars.delete(name);
  else run.vars.set(name, value);
}

/** What a LET assigns: the expression's value (a string literal is its text, `3 + 4` is 7). */
function letValue(expression: string, run: ScriptRun): string {
  const arithmetic = numericValue(expression);
  if (arithmetic !== undefined) return formatNumber(arithmetic);
  return evaluateExpression(run.model, expression, scriptDollarContext(run)).text;
}

/** + - * / and brackets over number literals; undefined for anything else. */
function numericValue(expression: string): number | undefined {
  if (!/^[\d\s.+\-*/()]+$/.test(expression) || !/\d/.test(expression)) return undefined;
  const tokens = expression.match(/\d+(?:\.\d+)?|[-+*/()]/g) ?? [];
  let at = 0;
  const primary = (): number => {
    const t = tokens[at++];
    if (t === '(') {
      const v = sum();
      if (tokens[at++] !== ')') throw new Error('bracket');
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === undefined || !/^\d/.test(t)) throw new Error('operand');
    return Number(t);
  };
  const product = (): number => {
    let v = primary();
    while (tokens[at] === '*' || tokens[at] === '/') v = tokens[at++] === '*' ? v * primary() : v / primary();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (tokens[at] === '+' || tokens[at] === '-') v = tokens[at++] === '+' ? v + product() : v - product();
    return v;
  };
  try {
    const v = sum();
    return at === tokens.length && Number.isFinite(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function dollarContext(model: AppModel, sessionVariables?: Map<string, JsonObject>): DollarContext {
  const variable = variableLookup(model, sessionVariables);
  const ctx: DollarContext = {
    variable,
    // a NULL result expands to nothing [I: Evaluate shows NULL as '-', an expansion has no text]
    evaluate: (expr) => {
      const value = evaluateExpression(model, expr, ctx);
      return value.num === 'NaN' && value.text === '-' ? '' : value.text;
    },
  };
  return ctx;
}

const AGG = /^(SUM|AVG|MIN|MAX|COUNT)\s*\(\s*(?:\{[^}]*\}\s*)?(DISTINCT\s+)?(?:\[([^\]]+)\]|"([^"]+)"|([\w.]+))\s*\)$/i;

const valueCache = new WeakMap<AppModel, { revision: number; values: Map<string, Value> }>();

/** evaluateExpression over the app's own variables, cached per app revision. */
export function evaluateCached(model: AppModel, expr: string): Value {
  let cache = valueCache.get(model);
  if (!cache || cache.revision !== model.revision) {
    cache = { revision: model.revision, values: new Map() };
    valueCache.set(model, cache);
  }
  let value = cache.values.get(expr);
  if (!value) {
    value = evaluateExpression(model, expr);
    cache.values.set(expr, value);
  }
  return value;
}

export function evaluateExpression(model: AppModel, exprIn: string, dollars: DollarContext = dollarContext(model)): Value {
  const fixed = model.behaviour.evaluate[exprIn] ?? model.behaviour.evaluate[exprIn.replace(/^=/, '')];
  if (fixed !== undefined) return toValue(fixed);
  const expr = expandDollars(exprIn.trim().replace(/^=/, ''), dollars).text.trim();
  if (expr === '') return { text: '', num: 'NaN' };
  if (/^-?\d+(\.\d+)?$/.test(expr)) return { text: expr, num: Number(expr) };
  const parts = expr.split(/\s*&\s*/);
  if (parts.every((p) => /^'(?:[^']|'')*'$/.test(p) || /^-?\d+(\.\d+)?$/.test(p))) {
    return { text: parts.map((p) => (p.startsWith("'") ? p.slice(1, -1).replace(/''/g, "'") : p)).join(''), num: 'NaN' };
  }
  const agg = AGG.exec(expr);
  if (agg) {
    const field = model.dataModel.fieldByName.get(agg[3] ?? agg[4] ?? agg[5]);
    const n = aggregate(model.dataModel, agg[1].toUpperCase(), field, Boolean(agg[2]));
    return Number.isNaN(n) ? { text: '-', num: 'NaN' } : { text: formatNumber(n), num: n };
  }
  const n = Math.round(seeded(hashSeed(expr), 0) * 1_000_000) / 100;
  return { text: formatNumber(n), num: n };
}

function toValue(text: string): Value {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? { text, num: n } : { text, num: 'NaN' };
}
