import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import type { VariableDefinition } from '../../expression';
import { judgeExpansion } from '../../expression/blame';
import { describeSite, engineVerdict, reportAt, reportParserGap } from '../shared/helpers';
import { SOURCES } from '../shared/sources';

// Diagnostics that are syntax errors; undefined variables (Q10) and unknown values are other rules' business.
export const SYNTAX_CODES = new Set(['syntax', 'unknown-function', 'argument-count', 'qualifier-not-allowed', 'unbalanced-dollar']);

/**
 * An error in the text as written that only the expanded text shows (`Sum(Sales$(vYear)`: the parse
 * of the text as written cannot tell whether the expansion completes it): asked only when the
 * expanded text has an error, since it re-parses.
 */
function writtenErrorRevealedByExpansion(text: string, expandedHasErrors: boolean, variables: ReadonlyMap<string, VariableDefinition>) {
  if (!expandedHasErrors || !text.includes('$(')) return undefined;
  return judgeExpansion(text, variables).written.find((d) => SYNTAX_CODES.has(d.code));
}

export default defineRule({
  code: 'Q01',
  name: 'expression-syntax-error',
  category: 'quality',
  severity: 'error',
  summary: 'A syntax error in any expression as written: measures, dimensions, labels, titles, colours, conditions, sort expressions, tooltips, calculated variables.',
  why: {
    text:
      'An expression with a syntax error shows "Error in expression" or, in labels, titles and conditions, silently ' +
      'falls back to nothing. Errors hide in places nobody opens: show conditions, colour expressions, sort expressions. ' +
      'Errors that only appear after a variable is expanded are reported on the variable (Q17). When the engine ' +
      'checked the expression in a live run (CheckExpression) and found no error, its verdict wins and nothing is ' +
      'reported; offline (a saved snapshot, an app folder) our own parser decides.',
    sources: [SOURCES.qsdaQuality, SOURCES.qsdaValidation, SOURCES.engineApi],
  },
  howToFix: 'Open the expression editor at the reported place and correct the text at the marked position.',
  examples: { bad: 'Sum(Sales', good: 'Sum(Sales)' },
  severityReason: 'An expression with a syntax error does not calculate: the chart, KPI or condition it belongs to shows an error to the app\'s users.',
  options: z.object({}),
  needs: ['objects'],
  check(ctx) {
    const { index } = ctx;
    for (const e of index.expressions) {
      if (e.expression.syntax !== 'expression') continue;
      const isVariable = e.expression.location.owner === 'variable';
      // a variable definition is an expression of its own only when it starts with '='; text variables are judged where used (Q17)
      if (isVariable && !e.expression.text.trim().startsWith('=')) continue;
      const ours = index.rawErrors(e.expression.text).find((d) => SYNTAX_CODES.has(d.code)) ?? writtenErrorRevealedByExpansion(e.expression.text, e.parsed.hasErrors, index.variableDefinitions);
      const where = isVariable ? `definition of variable "${index.locationTarget(e.expression.location).id}"` : describeSite(ctx, e);
      const verdict = engineVerdict(e.expression.check);
      if (verdict === 'accepted') {
        // the engine's verdict wins: our parser's disagreement is a gap to fix, not a finding
        if (ours) reportParserGap(ctx, e, ours.message, where);
        continue;
      }
      // the engine checks the expanded text: trust its message alone only when no variable is involved
      const engine = verdict !== 'not-checked' && !e.expression.text.includes('$(') ? verdict.message : undefined;
      if (!ours && !engine) continue;
      const detail = ours ? ours.message : `engine: ${engine}`;
      reportAt(ctx, e, `Syntax error in the ${where}: ${detail}.`, ours ?? undefined, {
        data: { parserMessage: ours?.message, engineMessage: engine },
        content: `${e.expression.location.path}\u0000${e.expression.text}`,
      });
    }
  },
});
