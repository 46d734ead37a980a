// Which variable breaks an expression. Expansion is text replacement before parsing, so a variable's
// text can be a fragment that only the expansion completes (`Max$(vOpen)Aggr$(vOpen)Avg(x),A))` with
// vOpen = '('). The expression is judged after expansion; a variable is to blame when the expression
// parses with that variable left unexpanded (read as an unknown value) and fails once it is expanded.
import type { Diagnostic } from './diagnostics.ts';
import { expandDollars, toOriginalRange, type VariableDefinition } from './dollar.ts';
import { parseExpression } from './parser.ts';

export interface BrokenExpansion {
  /** the variable, as written in the expression (the outermost one when variables nest) */
  variable: string;
  /** the first error of the expanded expression, positions in the original text */
  diagnostic: Diagnostic;
}

/** Error diagnostics of the text after expansion, positions in the original text. */
function expandedErrors(text: string, variables: ReadonlyMap<string, VariableDefinition>, evaluated?: ReadonlyMap<string, string>): Diagnostic[] {
  const expanded = expandDollars(text, { variables, evaluated });
  const errors = parseExpression(expanded.text, { reportDollar: false }).diagnostics.filter((d) => d.severity === 'error');
  return errors.map((d) => {
    const { from, to } = toOriginalRange(expanded.sourceMap, d.from, d.to);
    return { ...d, from, to };
  });
}

/** A parse without errors and without a verdict that waits for an expansion. */
function parsesCleanly(text: string, variables: ReadonlyMap<string, VariableDefinition>, evaluated?: ReadonlyMap<string, string>): boolean {
  const expanded = expandDollars(text, { variables, evaluated });
  return parseExpression(expanded.text, { reportDollar: false }).diagnostics.every((d) => d.severity === 'warning');
}

/**
 * The variables used in `text` whose expansion turns it into an invalid expression. Empty when the
 * expanded text parses (a fragment completed by expansion is fine) or when the text is broken whatever
 * the variables hold (then the text itself is to blame, not a variable).
 */
export function brokenExpansions(
  text: string,
  variables: ReadonlyMap<string, VariableDefinition>,
  evaluated?: ReadonlyMap<string, string>,
): BrokenExpansion[] {
  if (!text.includes('$(')) return [];
  const errors = expandedErrors(text, variables, evaluated);
  if (errors.length === 0) return [];
  // broken as written, whatever the variables hold: the text is to blame (Q01)
  if (parseExpression(text).diagnostics.some((d) => d.severity === 'error')) return [];
  const used = new Set(
    expandDollars(text, { variables, evaluated })
      .variables.filter((u) => u.via.length === 0 && u.defined)
      .map((u) => u.name),
  );
  const out: BrokenExpansion[] = [];
  for (const name of used) {
    const without = new Map(variables);
    without.delete(name);
    if (parsesCleanly(text, without, evaluated)) out.push({ variable: name, diagnostic: errors[0] });
  }
  if (out.length > 0) return out;
  // several variables break it each on their own ($(vA) * $(vB), both '1,05'): blame each one that breaks
  // the expression when it alone is expanded
  for (const name of used) {
    const definition = variables.get(name);
    if (!definition) continue;
    const alone = expandedErrors(text, new Map([[name, definition]]), evaluated);
    if (alone.length > 0) out.push({ variable: name, diagnostic: alone[0] });
  }
  return out;
}
