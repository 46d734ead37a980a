import { z } from 'zod';
import { defineRule } from '../../analyze/rule';
import { describeSite, reportAt } from '../helpers';
import { SOURCES } from '../sources';

// Diagnostics that are syntax errors; undefined variables (Q10) and unknown values are other rules' business.
export const SYNTAX_CODES = new Set(['syntax', 'unknown-function', 'argument-count', 'qualifier-not-allowed', 'unbalanced-dollar']);

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
      'Errors that only appear after a variable is expanded are reported on the variable (Q17).',
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
      const ours = index.rawErrors(e.expression.text).find((d) => SYNTAX_CODES.has(d.code));
      // the engine checks the expanded text: trust its message alone only when no variable is involved
      const engine = e.expression.text.includes('$(') ? undefined : e.expression.check?.errorMsg?.trim() || undefined;
      if (!ours && !engine) continue;
      const detail = ours ? ours.message : `engine: ${engine}`;
      const where = isVariable ? `definition of variable "${index.locationTarget(e.expression.location).id}"` : describeSite(ctx, e);
      reportAt(ctx, e, `Syntax error in the ${where}: ${detail}.`, ours ?? undefined, {
        data: { parserMessage: ours?.message, engineMessage: engine },
        content: `${e.expression.location.path}\u0000${e.expression.text}`,
      });
    }
  },
});
