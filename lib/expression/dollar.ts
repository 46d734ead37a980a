// Dollar-sign expansion as its own pass over the text, before parsing (as the engine does it):
// $(v), $(v(a, b)) with $1…$n, $(=expr), nesting (inner expansions first), expansion inside strings
// and set modifiers. Qlik help: "Dollar-sign expansion using parameters"
// (https://help.qlik.com/en-US/cloud-services/Subsystems/Hub/Content/Sense_Hub/Scripting/dollar-sign-expansion-using-parameters.htm):
// missing actual parameters leave their $n as written, extra ones are ignored, $0 is the count.
// A source map leads from every offset of the expanded text back to the original text, so that
// diagnostics point at what the user wrote. What cannot be expanded (undefined variable, unknown value
// of a calculated variable or $(=…)) stays in the text as written; the parser reads it as an opaque
// operand, so one unknown value does not turn into a cascade of syntax errors.
import type { Diagnostic } from './diagnostics';
import { matchParen } from './lexer';

export interface VariableDefinition {
  /** the variable's definition text (qDefinition) */
  definition: string;
  /** the engine's value of a definition starting with '=', when it was evaluated */
  value?: string;
}

export interface ExpandOptions {
  /** variables by exact name (Qlik variable names are case-sensitive) */
  variables: ReadonlyMap<string, VariableDefinition>;
  /** values of $(=expr) the engine evaluated, keyed by the expression text after '=' (trimmed) */
  evaluated?: ReadonlyMap<string, string>;
  /** maximum nesting of variable expansions (default 20) */
  maxDepth?: number;
}

/** A piece of the expanded text: copied from the original, or produced by one top-level $(…). */
export interface SourceSegment {
  /** [from, to) in the expanded text */
  from: number;
  to: number;
  /** [from, to) in the original text */
  originalFrom: number;
  originalTo: number;
  /** for expansions: the variable name or '=expr' that produced this text */
  expansion?: string;
}

export interface SourceMap {
  segments: SourceSegment[];
}

export interface UnknownValue {
  /** the $(…) text left in place */
  text: string;
  /** '=' for $(=expr); 'variable' for a calculated variable without a known value; 'undefined' otherwise */
  reason: 'computed' | 'variable' | 'undefined';
  /** the expression of $(=expr) or the definition of the calculated variable */
  expression?: string;
  from: number;
  to: number;
}

export interface VariableUse {
  name: string;
  defined: boolean;
  /** range of the $(…) in the original text (for uses inside other variables: the outermost one) */
  from: number;
  to: number;
  /** the chain of variables through which this one was reached, outermost first */
  via: string[];
}

export interface ExpandResult {
  text: string;
  sourceMap: SourceMap;
  diagnostics: Diagnostic[];
  unknownValues: UnknownValue[];
  variables: VariableUse[];
}

/** A hostile app could nest variables so that the text doubles at every level: stop well before. */
const MAX_EXPANSIONS = 5000;
const MAX_LENGTH = 1_000_000;
/** $( written inside $( inside $( …: real expressions nest a few levels */
const MAX_NESTING = 50;

interface Context {
  options: ExpandOptions;
  maxDepth: number;
  expansions: number;
  stopped: boolean;
  diagnostics: Diagnostic[];
  unknownValues: UnknownValue[];
  variables: VariableUse[];
}

/** Expands every $(…) of `text`. Never throws. */
export function expandDollars(text: string, options: ExpandOptions): ExpandResult {
  const ctx: Context = {
    options,
    maxDepth: options.maxDepth ?? 20,
    expansions: 0,
    stopped: false,
    diagnostics: [],
    unknownValues: [],
    variables: [],
  };
  const segments: SourceSegment[] = [];
  if (text.indexOf('$(') < 0) {
    segments.push({ from: 0, to: text.length, originalFrom: 0, originalTo: text.length });
    return { text, sourceMap: { segments }, diagnostics: [], unknownValues: [], variables: [] };
  }
  let out = '';
  let copyFrom = 0;
  let i = text.indexOf('$(');
  while (i >= 0) {
    const close = matchParen(text, i + 1);
    if (close < 0) {
      report(ctx, {
        code: 'unbalanced-dollar',
        message: "Unbalanced '$(': no matching ')'",
        from: i,
        to: text.length,
        severity: 'error',
      });
      break;
    }
    if (i > copyFrom) {
      segments.push({ from: out.length, to: out.length + i - copyFrom, originalFrom: copyFrom, originalTo: i });
      out += text.slice(copyFrom, i);
    }
    const site = { from: i, to: close + 1 };
    // inner $(…) of the content are expanded first, with their own original positions
    const content = expandInner(text, i + 2, close, 1, ctx);
    const replacement = expandOne(content, text.slice(i, close + 1), site, [], 0, ctx);
    segments.push({
      from: out.length,
      to: out.length + replacement.text.length,
      originalFrom: site.from,
      originalTo: site.to,
      expansion: replacement.label,
    });
    out += replacement.text;
    copyFrom = close + 1;
    i = text.indexOf('$(', copyFrom);
  }
  if (copyFrom < text.length) {
    segments.push({ from: out.length, to: out.length + text.length - copyFrom, originalFrom: copyFrom, originalTo: text.length });
    out += text.slice(copyFrom);
  }
  return { text: out, sourceMap: { segments }, diagnostics: ctx.diagnostics, unknownValues: ctx.unknownValues, variables: ctx.variables };
}

/** Expands the $(…) inside text[start, end) of the original text (positions are original ones). */
function expandInner(text: string, start: number, end: number, nesting: number, ctx: Context): string {
  if (nesting > MAX_NESTING) return nestedTooDeep(text.slice(start, end), { from: start - 2, to: end + 1 }, ctx);
  let out = '';
  let copyFrom = start;
  let i = text.indexOf('$(', start);
  while (i >= 0 && i < end) {
    const close = matchParen(text, i + 1, end);
    if (close < 0) break; // the outer scan already matched the parentheses, so this cannot happen
    out += text.slice(copyFrom, i);
    const content = expandInner(text, i + 2, close, nesting + 1, ctx);
    out += expandOne(content, text.slice(i, close + 1), { from: i, to: close + 1 }, [], 0, ctx).text;
    copyFrom = close + 1;
    i = text.indexOf('$(', copyFrom);
  }
  return out + text.slice(copyFrom, end);
}

/** Expands text produced by a variable: its positions are not in the original, so all point at `site`. */
function expandProduced(text: string, site: { from: number; to: number }, via: string[], depth: number, ctx: Context, nesting = 0): string {
  if (nesting > MAX_NESTING) return nestedTooDeep(text, site, ctx);
  let out = '';
  let copyFrom = 0;
  let i = text.indexOf('$(');
  while (i >= 0) {
    const close = matchParen(text, i + 1);
    if (close < 0) {
      report(ctx, {
        code: 'unbalanced-dollar',
        message: `Unbalanced '$(' in the definition of '${via[via.length - 1]}'`,
        from: site.from,
        to: site.to,
        severity: 'error',
      });
      break;
    }
    out += text.slice(copyFrom, i);
    const content = expandProduced(text.slice(i + 2, close), site, via, depth, ctx, nesting + 1);
    out += expandOne(content, text.slice(i, close + 1), site, via, depth, ctx).text;
    copyFrom = close + 1;
    i = text.indexOf('$(', copyFrom);
  }
  return out + text.slice(copyFrom);
}

/** Expands one $(content) whose inner $(…) are already expanded. */
function expandOne(
  content: string,
  written: string,
  site: { from: number; to: number },
  via: string[],
  depth: number,
  ctx: Context,
): { text: string; label: string } {
  const body = content.trim();
  if (body.startsWith('=')) {
    const expression = body.slice(1).trim();
    const value = ctx.options.evaluated?.get(expression);
    if (value !== undefined) return { text: value, label: body };
    ctx.unknownValues.push({ text: written, reason: 'computed', expression, from: site.from, to: site.to });
    return { text: `$(${content})`, label: body };
  }
  const call = splitCall(body.startsWith('#') ? body.slice(1).trim() : body);
  const name = call.name;
  if (name === '') {
    report(ctx, { code: 'undefined-variable', message: 'Empty dollar-sign expansion $()', from: site.from, to: site.to, severity: 'error' });
    return { text: written, label: '' };
  }
  if (++ctx.expansions > MAX_EXPANSIONS || content.length > MAX_LENGTH) {
    if (!ctx.stopped)
      report(ctx, {
        code: 'expansion-too-deep',
        message: `Expansion stopped: more than ${MAX_EXPANSIONS} expansions or ${MAX_LENGTH} characters`,
        from: site.from,
        to: site.to,
        severity: 'error',
      });
    ctx.stopped = true;
    return { text: written, label: name };
  }
  const variable = ctx.options.variables.get(name);
  ctx.variables.push({ name, defined: variable !== undefined, from: site.from, to: site.to, via });
  const where = via.length > 0 ? ` (used in the definition of '${via[via.length - 1]}')` : '';
  if (!variable) {
    report(ctx, {
      code: 'undefined-variable',
      message: `Variable '${clip(name)}' is not defined${suggestion(name, ctx.options.variables)}${where}`,
      from: site.from,
      to: site.to,
      severity: 'error',
    });
    ctx.unknownValues.push({ text: written, reason: 'undefined', from: site.from, to: site.to });
    return { text: `$(${content})`, label: name };
  }
  if (via.includes(name)) {
    report(ctx, {
      code: 'recursive-variable',
      message: `Variable '${name}' refers to itself: ${[...via, name].join(' → ')}`,
      from: site.from,
      to: site.to,
      severity: 'error',
    });
    return { text: `$(${content})`, label: name };
  }
  if (depth >= ctx.maxDepth) {
    report(ctx, {
      code: 'expansion-too-deep',
      message: `Expansion of '${name}' nests more than ${ctx.maxDepth} variables deep`,
      from: site.from,
      to: site.to,
      severity: 'error',
    });
    return { text: `$(${content})`, label: name };
  }
  const definition = variable.definition.trimStart();
  if (definition.startsWith('=')) {
    // a calculated variable: $(v) gives its value, which the engine computes
    if (variable.value !== undefined) return { text: variable.value, label: name };
    ctx.unknownValues.push({ text: written, reason: 'variable', expression: definition.slice(1), from: site.from, to: site.to });
    return { text: `$(${content})`, label: name };
  }
  const substituted = call.args ? substituteParameters(variable.definition, call.args) : variable.definition;
  return { text: expandProduced(substituted, site, [...via, name], depth + 1, ctx), label: name };
}

const MAX_DIAGNOSTICS = 50;

function report(ctx: Context, d: Diagnostic): void {
  if (ctx.diagnostics.length < MAX_DIAGNOSTICS) ctx.diagnostics.push(d);
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Leaves over-nested $( … ) text as it is, with one diagnostic. */
function nestedTooDeep(text: string, site: { from: number; to: number }, ctx: Context): string {
  if (!ctx.stopped)
    report(ctx, {
      code: 'expansion-too-deep',
      message: `Expansion stopped: '$(' nested more than ${MAX_NESTING} levels deep`,
      from: site.from,
      to: site.to,
      severity: 'error',
    });
  ctx.stopped = true;
  return text;
}

/** 'vName(a, b)' → name and arguments (split at top-level commas); 'vName' → no arguments. */
function splitCall(body: string): { name: string; args: string[] | null } {
  const open = body.indexOf('(');
  if (open < 0 || !body.endsWith(')')) return { name: body, args: null };
  const name = body.slice(0, open).trim();
  const inner = body.slice(open + 1, -1);
  const args: string[] = [];
  let depth = 0;
  let quote = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 39 || c === 34) quote = c;
    else if (c === 40) depth++;
    else if (c === 41) depth--;
    else if (c === 44 && depth === 0) {
      args.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  args.push(inner.slice(start));
  return { name, args };
}

/** Replaces $1…$n by the arguments and $0 by their count; parameters without an argument stay as written. */
function substituteParameters(definition: string, args: string[]): string {
  let out = '';
  let copyFrom = 0;
  for (let i = 0; i < definition.length - 1; i++) {
    if (definition.charCodeAt(i) !== 36) continue;
    let j = i + 1;
    while (j < definition.length && definition.charCodeAt(j) >= 48 && definition.charCodeAt(j) <= 57) j++;
    if (j === i + 1) continue;
    const n = Number(definition.slice(i + 1, j));
    if (n === 0) {
      out += definition.slice(copyFrom, i) + String(args.length);
      copyFrom = j;
    } else if (n <= args.length) {
      out += definition.slice(copyFrom, i) + args[n - 1].trim();
      copyFrom = j;
    }
    i = j - 1;
  }
  return out + definition.slice(copyFrom);
}

function suggestion(name: string, variables: ReadonlyMap<string, VariableDefinition>): string {
  const lower = name.toLowerCase();
  for (const key of variables.keys()) if (key.toLowerCase() === lower) return ` (did you mean '${key}'? variable names are case-sensitive)`;
  return '';
}

/** Maps a range of the expanded text back to the original text. */
export function toOriginalRange(map: SourceMap, from: number, to: number): { from: number; to: number; expansion?: string } {
  const a = segmentAt(map, from);
  const b = to > from ? segmentAt(map, to - 1) : a;
  if (!a || !b) return { from, to };
  const start = a.expansion !== undefined ? a.originalFrom : a.originalFrom + (from - a.from);
  const end = b.expansion !== undefined ? b.originalTo : b.originalFrom + (Math.max(to, from) - b.from);
  const expansion = a === b ? a.expansion : undefined;
  return expansion !== undefined ? { from: start, to: Math.max(end, start), expansion } : { from: start, to: Math.max(end, start) };
}

function segmentAt(map: SourceMap, offset: number): SourceSegment | undefined {
  const s = map.segments;
  if (s.length === 0) return undefined;
  let lo = 0;
  let hi = s.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid].from <= offset) lo = mid;
    else hi = mid - 1;
  }
  // an offset at the very end belongs to the last segment
  return s[lo];
}
