import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { describeSite, reportAt } from '../shared/helpers';
import { isCalculated } from '../shared/measures';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'P09',
  name: 'if-inside-aggregation',
  category: 'performance',
  severity: 'warning',
  summary: 'A row-level If inside an aggregation, e.g. Sum(If(Year = 2024, Sales)): set analysis does the same faster.',
  why: {
    text: 'An If inside an aggregation is evaluated for every row of the data; set analysis or a flag field selects the rows once, using the indexes.',
    sources: [SOURCES.bestPractices, SOURCES.expressionCosts],
  },
  howToFix: 'Use set analysis, Sum({<Year={2024}>} Sales), or multiply by a 0/1 flag made in the script: Sum(Sales * IsCurrentYear).',
  examples: { bad: 'Sum(If(Year = 2024, Sales))', good: 'Sum({<Year={2024}>} Sales)' },
  severityReason:
    'The cost is certain: the If is evaluated for every row of the data on each calculation, where set analysis or a flag selects the rows once; the result is right, so it is a warning.',
  options: z.object({}),
  needs: ['objects'],
  check(ctx) {
    for (const e of ctx.index.expressions) {
      const refs = isCalculated(e) ? e.parsed.references() : undefined;
      const first = refs?.calls.find((c) => c.aggregationDepth > 0 && c.node.name.toUpperCase() === 'IF');
      if (!first) continue;
      reportAt(ctx, e, `The ${describeSite(ctx, e)} evaluates If() row by row inside ${first.parent ?? 'an aggregation'}(): use set analysis or a flag field.`, e.parsed.toOriginal(first.from, first.to), {
        content: `${e.expression.location.path}\u0000${e.expression.text}`,
      });
    }
  },
});
