// Plausible values for expressions: engine-behaviour.json's fixed answers first, then
// literals, string concatenation and simple aggregations (Sum/Avg/Min/Max/Count of one
// field) over the generated data; anything else gets a stable made-up number.
import { expandDollars, type DollarContext } from '../checker/dollar-expansion';
import { aggregate, hashSeed, seeded } from '../data/generate';
import { variablesAfterReload } from '../../../lib/offline/script-variables.ts';
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

/** The variables a reload of the app's script leaves (lib/offline/script-variables.ts), cached per script text. */
export function scriptVariables(model: AppModel): Map<string, string> {
  const cached = scriptVariableCache.get(model);
  if (cached && cached.script === model.script) return cached.vars;
  const vars = variablesAfterReload(model.script);
  scriptVariableCache.set(model, { script: model.script, vars });
  return vars;
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
