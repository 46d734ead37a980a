// Dollar-sign expansion as the engine does before it parses an expression: `$(var)`,
// parameterised `$(fn(a,b))` with `$1`…, computed `$(=expr)`, and `$(var)` of a variable
// defined as `=expr` (its calculated value is pasted). Unknown variables expand
// to nothing, like the engine. Positions in the expanded text map back to the original so
// qBadFieldNames can point at the user's text (a name that came from a variable points at
// the whole `$(…)`).

export interface Expansion {
  text: string;
  /** original position of every expanded character, plus one entry for the end */
  origin: number[];
  /** the original span that produced each expanded character (its own position, or the `$(…)` span) */
  span: { from: number; to: number }[];
}

export interface DollarContext {
  /** variable name → definition; names are case-sensitive like the engine's */
  variable(name: string): string | undefined;
  /** value of a `$(=expr)` expansion */
  evaluate(expr: string): string;
}

const MAX_DEPTH = 10;

function findClose(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return -1;
      i = end;
    }
  }
  return -1;
}

function splitArgs(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      args.push(current.trim());
      current = '';
    } else current += c;
  }
  args.push(current.trim());
  return args;
}

/** Calculated variables can refer to themselves (`v = '=$(v)+1'`): nesting is cut off like text expansion. */
let evaluating = 0;
function evaluateGuarded(ctx: DollarContext, expr: string): string {
  if (evaluating >= MAX_DEPTH) return '';
  evaluating++;
  try {
    return ctx.evaluate(expr);
  } finally {
    evaluating--;
  }
}

function expandBody(body: string, ctx: DollarContext, depth: number): string {
  if (body.startsWith('=')) return evaluateGuarded(ctx, body.slice(1));
  const call = /^\s*([^()]+?)\s*\((.*)\)\s*$/s.exec(body);
  const name = (call ? call[1] : body).trim();
  let definition = ctx.variable(name) ?? ctx.variable(name.replace(/^\[|\]$/g, ''));
  if (definition === undefined) return '';
  if (call) {
    const args = splitArgs(call[2]);
    definition = definition.replace(/\$(\d)/g, (m, n: string) => args[Number(n) - 1] ?? m);
  }
  // A definition that starts with '=' is calculated and its VALUE is pasted, not its text
  // (help.qlik.com "Dollar-sign expansion using an expression": `Let vSelectMeasure =
  // '=MinString(Measure)'` makes `$(vSelectMeasure)` expand to the value MinString returns).
  if (definition.trimStart().startsWith('=')) return evaluateGuarded(ctx, definition.trimStart().slice(1));
  return expandText(definition, ctx, depth + 1);
}

function expandText(text: string, ctx: DollarContext, depth: number): string {
  if (depth > MAX_DEPTH || !text.includes('$(')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '$' && text[i + 1] === '(') {
      const close = findClose(text, i + 1);
      if (close > 0) {
        out += expandBody(expandText(text.slice(i + 2, close), ctx, depth + 1), ctx, depth);
        i = close + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

export function expandDollars(text: string, ctx: DollarContext): Expansion {
  const out: string[] = [];
  const origin: number[] = [];
  const span: { from: number; to: number }[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '$' && text[i + 1] === '(') {
      const close = findClose(text, i + 1);
      if (close > 0) {
        const value = expandBody(expandText(text.slice(i + 2, close), ctx, 1), ctx, 0);
        for (const c of value) {
          out.push(c);
          origin.push(i);
          span.push({ from: i, to: close + 1 });
        }
        i = close + 1;
        continue;
      }
    }
    out.push(text[i]);
    origin.push(i);
    span.push({ from: i, to: i + 1 });
    i++;
  }
  origin.push(text.length);
  return { text: out.join(''), origin, span };
}

/** The original range of an expanded range [from, to). */
export function originalRange(exp: Expansion, from: number, to: number): { qFrom: number; qCount: number } {
  if (from >= exp.span.length) return { qFrom: exp.origin[exp.origin.length - 1], qCount: 0 };
  const start = exp.span[from].from;
  const end = exp.span[Math.max(from, Math.min(to, exp.span.length) - 1)].to;
  return { qFrom: start, qCount: Math.max(0, end - start) };
}
