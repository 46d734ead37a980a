import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { describeSite, reportAt } from '../shared/helpers';
import { isCalculated } from '../shared/measures';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'P21',
  name: 'string-comparison-in-aggregation',
  category: 'performance',
  severity: 'info',
  summary: 'Match, WildMatch or a string comparison evaluated row by row inside an aggregation.',
  why: {
    text: 'Comparing text for every row is far slower than comparing numbers or letting set analysis select the values; map text to a numeric flag in the script.',
    sources: [SOURCES.expressionCosts],
  },
  howToFix: "Use set analysis (Sum({<Status={'Open'}>} Amount)) or a numeric flag made in the script.",
  examples: { bad: "Sum(If(Status = 'Open', Amount))", good: "Sum({<Status={'Open'}>} Amount)" },
  severityReason:
    'Comparing text row by row is slower than numeric flags or set analysis, but the cost was not measured and some comparisons have no numeric equivalent: a suggestion.',
  options: z.object({}),
  needs: ['objects'],
  check(ctx) {
    for (const e of ctx.index.expressions) {
      const refs = isCalculated(e) ? e.parsed.references() : undefined;
      const first = refs?.stringComparisonsInAggregations[0];
      if (!first) continue;
      reportAt(ctx, e, `The ${describeSite(ctx, e)} compares text (${first.text}) row by row inside an aggregation.`, e.parsed.toOriginal(first.from, first.to), {
        content: `${e.expression.location.path}\u0000${e.expression.text}`,
      });
    }
  },
});
