// Which variable breaks an expression. Expansion is text replacement before parsing, so a variable's
// text can be a fragment that only the expansion completes (`Max$(vOpen)Aggr$(vOpen)Avg(x),A))` with
// vOpen = '('). The expression is judged after expansion; a variable is to blame when the expression
// parses with that variable left unexpanded (read as an unknown value) and fails once it is expanded.
import type { Diagnostic } from './diagnostics';
import { expandDollars, toOriginalRange, type VariableDefinition } from './dollar';
import { parseExpression } from './parser';

export interface BrokenExpansion {
  /** the variable, as written in the expression (the outermost one when variables nest) */
  variable: string;
  /** the first error of the expanded expression, positions in the original text */
  diagnostic: Diagnostic;
}

export interface ExpansionVerdict {
  /** variables whose expansion breaks the expression */
  broken: BrokenExpansion[];
  /**
   * errors of the expanded text that no variable is to blame for, outside every expansion, positions in
   * the original text: the text as written is wrong, though the text alone could not tell (Q01's business)
   */
  written: Diagnostic[];
}

interface MappedError {
  diagnostic: Diagnostic;
  /** the variable name or '=expr' whose expansion holds the error */
  expansion?: string;
}

/** Error diagnostics of the text after expansion, positions in the original text. */
function expandedErrors(text: string, variables: ReadonlyMap<string, VariableDefinition>, evaluated?: ReadonlyMap<string, string>): MappedError[] {
  const expanded = expandDollars(text, { variables, evaluated });
  const errors = parseExpression(expanded.text, { reportDollar: false }).diagnostics.filter((d) => d.severity === 'error');
  return errors.map((d) => {
    const { from, to, expansion } = toOriginalRange(expanded.sourceMap, d.from, d.to);
    // "found end of expression" lies after the last expansion, not in it
    if (d.from >= expanded.text.length) return { diagnostic: { ...d, from: text.length, to: text.length } };
    return { diagnostic: { ...d, from, to }, expansion };
  });
}

/** A parse without errors and without a verdict that waits for an expansion. */
function parsesCleanly(text: string, variables: ReadonlyMap<string, VariableDefinition>, evaluated?: ReadonlyMap<string, string>): boolean {
  const expanded = expandDollars(text, { variables, evaluated });
  return parseExpression(expanded.text, { reportDollar: false }).diagnostics.every((d) => d.severity === 'warning');
}

const NO_VERDICT: ExpansionVerdict = { broken: [], written: [] };

/** Judges an expression after expansion: which variables break it, and what is wrong in the text itself. */
export function judgeExpansion(
  text: string,
  variables: ReadonlyMap<string, VariableDefinition>,
  evaluated?: ReadonlyMap<string, string>,
): ExpansionVerdict {
  if (!text.includes('$(')) return NO_VERDICT;
  const errors = expandedErrors(text, variables, evaluated);
  if (errors.length === 0) return NO_VERDICT;
  // broken as written, whatever the variables hold: the text itself is to blame, and the parse of the text says so
  if (parseExpression(text).diagnostics.some((d) => d.severity === 'error')) return NO_VERDICT;
  const used = new Set(
    expandDollars(text, { variables, evaluated })
      .variables.filter((u) => u.via.length === 0 && u.defined)
      .map((u) => u.name),
  );
  const broken: BrokenExpansion[] = [];
  for (const name of used) {
    const without = new Map(variables);
    without.delete(name);
    if (parsesCleanly(text, without, evaluated)) broken.push({ variable: name, diagnostic: errors[0].diagnostic });
  }
  if (broken.length === 0) {
    // several variables break it each on their own ($(vA) * $(vB), both '1,05'): blame each one whose
    // expansion, alone, holds an error
    for (const name of used) {
      const definition = variables.get(name);
      if (!definition) continue;
      const inside = expandedErrors(text, new Map([[name, definition]]), evaluated).find((e) => e.expansion === name);
      if (inside) broken.push({ variable: name, diagnostic: inside.diagnostic });
    }
  }
  const written = broken.length > 0 ? [] : errors.filter((e) => e.expansion === undefined).map((e) => e.diagnostic);
  return { broken, written };
}

/**
 * The variables used in `text` whose expansion turns it into an invalid expression. Empty when the
 * expanded text parses (a fragment completed by expansion is fine) or when the text itself is wrong.
 */
export function brokenExpansions(
  text: string,
  variables: ReadonlyMap<string, VariableDefinition>,
  evaluated?: ReadonlyMap<string, string>,
): BrokenExpansion[] {
  return judgeExpansion(text, variables, evaluated).broken;
}
