// Which expressions the collection sends to the engine's CheckExpression: the collector asks for
// them, the `expressionChecks` need (lib/analyze/needs.ts) expects their answers.
import type { Expression } from './schema';

/**
 * Whether the engine should check this expression. Field names (dimension `qFieldDefs` without `=`)
 * are not expressions. A variable is a text macro: only a definition starting with `=` is an
 * expression by itself; the others are checked where they are expanded (rules, Q17).
 */
export function shouldCheck(e: Expression): boolean {
  if (e.syntax !== 'expression') return false;
  if (e.location.kind === 'variable') return e.text.trimStart().startsWith('=');
  return true;
}
