// The variables a reload of the load script leaves in the app, read from the script text (the one
// reading of SET/LET): so that expressions using them are not called undefined (Q10) and their
// definitions are judged (Q17) also where the engine's variable list is not available, and so that
// an app folder analysed offline lists the script-created variables the engine would
// (lib/offline/snapshot.ts: `assignmentsAfterReload`, `computedVariableNames`).
//
// Qlik help, "Working with variables in the data load editor" and the Set / Let statements
// (https://help.qlik.com/en-US/cloud-services/Subsystems/Hub/Content/Sense_Hub/Scripting/work-with-variables-in-data-load-editor.htm,
// …/Scripting/ScriptRegularStatements/Let.htm, …/Set.htm):
// - `Set name = string` assigns the text right of '=' (a value that is one quoted string is that
//   string: `SET ThousandSep=',';` gives `,`);
// - `Let name = expression` assigns the expression's result, computed at reload: a literal is that
//   literal; any other value is not known here, so the variable expands to an unknown value (like
//   a calculated variable);
// - variable names are case-sensitive; a name can be built with `$(…)` (`LET file_size_$(t) = …;`
//   inside a loop): such a name stands for every name that matches it;
// - `Drop Variable(s)`, an empty assignment and `ScriptOnlyVariables = 1` leave the variable out of
//   the app ("Deleting a variable").
// The statements are read in text order (control flow is not run): a sound approximation for a
// rule that must not call a used variable undefined.
import type { VariableDefinition } from '../expression/dollar';

export interface ScriptVariable {
  /** the name as written (may contain `$(…)`) */
  written: string;
  statement: 'set' | 'let';
  /** what the engine would list, as far as the text tells: the SET text, a LET's literal, else the LET expression as written (not run) */
  value: string;
  /** what `$(name)` inserts: the SET text or LET literal, or `=expression` (value unknown until reload) for another LET */
  definition: VariableDefinition;
  /** for a name built with `$(…)`: the names it can stand for */
  pattern?: RegExp;
  /** 1-based script line of the statement that assigns it (the last one, for a name assigned again) */
  line: number;
}

/** Every character but line ends blanked, so what follows keeps its line. */
const blank = (text: string) => text.replace(/[^\n]/g, ' ');

/** Comments and REM statements blanked (none of them assign), lines kept in place. */
function withoutComments(script: string): string {
  return script
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    // a // comment starts a line or follows a blank (`lib://` and other URLs do not)
    .replace(/(^|[ \t])(\/\/.*)$/gm, (_all: string, lead: string, comment: string) => lead + blank(comment))
    .replace(/^\s*REM\b[^;]*;/gim, blank);
}

const NAME = String.raw`((?:\$\([^()\n]*\)|\[[^\]\n]+\]|[\p{L}\p{N}_.#@$])+)`;
// a value runs to the first ';' outside quotes and brackets
const VALUE = String.raw`((?:'[^']*'|"[^"]*"|\[[^\]]*\]|[^;'"[])*)`;
const STATEMENT = new RegExp(String.raw`^[ \t]*(?:(SET|LET)\s+${NAME}\s*=\s*${VALUE};|DROP\s+VARIABLES?\s+([^;]*);)`, 'gimu');

/** `'text'` or `"text"` as a whole → its text (doubled quotes unescaped); anything else unchanged. */
export function unquoteSetValue(value: string): string {
  const m = /^'((?:[^']|'')*)'$/s.exec(value) ?? /^"((?:[^"]|"")*)"$/s.exec(value);
  if (!m) return value;
  const quote = value[0];
  return m[1].split(quote + quote).join(quote);
}

/** A LET whose expression is one literal has that literal as its value. */
function letValue(expression: string): string | undefined {
  if (/^[+-]?\d+(\.\d+)?$/.test(expression)) return expression;
  const quoted = /^'((?:[^']|'')*)'$/s.exec(expression);
  return quoted ? quoted[1].replace(/''/g, "'") : undefined;
}

const unbracket = (name: string) => (name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function patternOf(written: string): RegExp | undefined {
  if (!written.includes('$(')) return undefined;
  const parts = written.split(/\$\([^()]*\)/);
  return new RegExp(`^${parts.map(escapeRegExp).join('.+')}$`, 'u');
}

type Statement = { kind: 'assign'; statement: ScriptVariable['statement']; written: string; raw: string; line: number } | { kind: 'drop'; names: string[] };

/** The SET, LET and DROP VARIABLE statements of a script, in text order. */
function* statements(script: string): Generator<Statement> {
  const text = withoutComments(script);
  let line = 1;
  let counted = 0;
  for (const m of text.matchAll(STATEMENT)) {
    if (m[4] !== undefined) {
      yield { kind: 'drop', names: m[4].split(',').map((name) => unbracket(name.trim())) };
      continue;
    }
    // the match starts at the blanks before the keyword: the line is the keyword's
    const keyword = m.index + m[0].search(/\S/);
    for (let i = counted; i < keyword; i++) if (text.charCodeAt(i) === 10) line++;
    counted = keyword;
    yield { kind: 'assign', statement: m[1].toLowerCase() as ScriptVariable['statement'], written: unbracket(m[2]), raw: m[3].trim(), line };
  }
}

/** The script-created variables a reload leaves in the app, by the name as written. */
export function scriptVariables(script: string | undefined): Map<string, ScriptVariable> {
  const vars = new Map<string, ScriptVariable>();
  if (!script) return vars;
  let scriptOnly = false;
  for (const s of statements(script)) {
    if (s.kind === 'drop') {
      for (const name of s.names) vars.delete(name);
      continue;
    }
    const { statement, written, raw, line } = s;
    if (written === 'ScriptOnlyVariables') {
      scriptOnly = (statement === 'set' ? unquoteSetValue(raw) : (letValue(raw) ?? raw)).trim() === '1';
      continue;
    }
    if (raw === '' || scriptOnly) {
      vars.delete(written);
      continue;
    }
    // a LET of one literal stores that literal (`Let vSales2 = '=Sum(Sales)'` makes a calculated variable); any other LET stores a value computed at reload
    const literal = statement === 'let' ? letValue(raw) : undefined;
    const value = statement === 'set' ? unquoteSetValue(raw) : (literal ?? raw);
    const definition: VariableDefinition = { definition: statement === 'let' && literal === undefined ? `=${raw}` : value };
    const pattern = patternOf(written);
    vars.set(written, { written, statement, value, definition, line, ...(pattern ? { pattern } : {}) });
  }
  return vars;
}

/**
 * What the engine would list as script-created variables after a reload, name → value (see
 * `ScriptVariable.value`) and the 1-based script line of the assignment that left it (an app
 * folder's file lines), for an app no engine reloaded: names built with `$(…)` are left out (only a
 * reload knows them; `computedVariableNames`).
 */
export function assignmentsAfterReload(script: string): Map<string, { definition: string; line: number }> {
  return new Map([...scriptVariables(script).values()].filter((v) => !v.pattern).map((v) => [v.written, { definition: v.value, line: v.line }]));
}

/** The names SET/LET statements build with `$(…)` (`LET file_size_$(t) = …`), in text order: which variables they create only a reload knows. */
export function computedVariableNames(script: string): string[] {
  return [...statements(script)].flatMap((s) => (s.kind === 'assign' && s.written.includes('$(') ? [s.written] : []));
}

/**
 * The app's variables (from the engine's list, or an app folder) plus the script-created ones the
 * list does not have: `get` also answers for names a `$(…)`-built script name stands for.
 */
export class VariableDefinitions extends Map<string, VariableDefinition> {
  private readonly patterns: ScriptVariable[] = [];

  constructor(listed: Iterable<[string, VariableDefinition]>, script: ReadonlyMap<string, ScriptVariable>) {
    super(listed);
    for (const v of script.values()) {
      if (v.pattern) this.patterns.push(v);
      else if (!super.has(v.written)) super.set(v.written, v.definition);
    }
  }

  override get(name: string): VariableDefinition | undefined {
    return super.get(name) ?? this.patterns.find((p) => p.pattern?.test(name))?.definition;
  }

  override has(name: string): boolean {
    return this.get(name) !== undefined;
  }
}

/** Variable names the script itself uses: `$(name)` expansions and names in its statements, apart from where it assigns or drops them. */
export function scriptMentions(script: string | undefined): string {
  if (!script) return '';
  // an assignment keeps its value and the $(…) of its name (both are uses); a DROP VARIABLE is none
  return withoutComments(script).replace(STATEMENT, (_whole: string, kind: string | undefined, name: string | undefined, value: string | undefined) =>
    kind ? ` ${(name ?? '').match(/\$\([^()]*\)/g)?.join(' ') ?? ''} ${value ?? ''} ` : ' ',
  );
}
