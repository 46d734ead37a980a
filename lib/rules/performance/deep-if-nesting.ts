import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { describeSite, reportAt } from '../shared/helpers';
import { isCalculated } from '../shared/measures';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'P11',
  name: 'deep-if-nesting',
  category: 'performance',
  severity: 'info',
  summary: 'If nested deeper than a threshold.',
  why: {
    text: 'Nested If is memory and CPU intensive and hard to read; beyond a few levels a mapping table, Pick(Match()) or a script field is faster and clearer.',
    sources: [SOURCES.expressionCosts],
  },
  howToFix: 'Replace the chain with Pick(Match(…)), a mapping table in the script, or ApplyMap.',
  severityReason:
    'Nesting depth alone measures no cost and deep If is sometimes the clearest form; a mapping table or Pick(Match()) is a suggestion.',
  options: z.object({ maxDepth: z._default(z.number().check(z.int(), z.positive()), 3).check(z.describe('deepest If nesting allowed')) }),
  needs: ['objects'],
  check(ctx) {
    for (const e of ctx.index.expressions) {
      const refs = isCalculated(e) ? e.parsed.references() : undefined;
      if (!refs || refs.maxIfDepth <= ctx.options.maxDepth) continue;
      reportAt(ctx, e, `The ${describeSite(ctx, e)} nests If ${refs.maxIfDepth} levels deep (threshold ${ctx.options.maxDepth}).`, undefined, {
        data: { depth: refs.maxIfDepth, threshold: ctx.options.maxDepth },
        content: `${e.expression.location.path}\u0000${e.expression.text}`,
      });
    }
  },
});
