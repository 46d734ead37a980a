import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { describeSite, reportAt } from '../shared/helpers';
import { isCalculated } from '../shared/measures';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'P13',
  name: 'aggr-set-mismatch',
  category: 'performance',
  severity: 'info',
  summary: 'Set analysis only in the outer or only in the inner aggregation of an Aggr.',
  why: {
    text: 'The outer and the inner aggregation of an Aggr are calculated in different scopes; a set expression on only one of them usually gives rows that the other one ignores, so numbers are wrong or the Aggr table is larger than needed.',
    sources: [SOURCES.aggrSetAnalysis],
  },
  howToFix: 'Put the same set expression on the outer and the inner aggregation.',
  examples: { bad: 'Sum({<Year={2024}>} Aggr(Sum(Sales), Customer))', good: 'Sum({<Year={2024}>} Aggr(Sum({<Year={2024}>} Sales), Customer))' },
  severityReason:
    'A set expression on only one level of an Aggr is sometimes intended, and whether the numbers differ depends on the data: a suggestion to check.',
  options: z.object({}),
  needs: ['objects'],
  check(ctx) {
    for (const e of ctx.index.expressions) {
      const refs = isCalculated(e) ? e.parsed.references() : undefined;
      for (const aggr of refs?.aggrs ?? []) {
        const outer = aggr.outerAggregation;
        if (!outer || aggr.innerAggregations.length === 0) continue;
        const innerSet = aggr.innerAggregations.some((c) => c.hasSet);
        if (outer.hasSet === innerSet) continue;
        reportAt(ctx, e, `In the ${describeSite(ctx, e)}, set analysis is only on the ${outer.hasSet ? 'outer' : 'inner'} aggregation of Aggr().`, e.parsed.toOriginal(outer.from, outer.to), {
          content: `${e.expression.location.path}\u0000${e.expression.text}`,
        });
        break;
      }
    }
  },
});
