import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import type { CallReference } from '../../expression/queries';
import { describeSite, reportAt } from '../shared/helpers';
import { isCalculated } from '../shared/measures';
import { SOURCES } from '../shared/sources';

/**
 * The aggregation that evaluates `call` once per data row: the innermost enclosing aggregation, unless
 * an Aggr() is nearer: Aggr's first parameter "is calculated once per dimensional value" (Qlik help
 * "Aggr - chart function"), like a chart measure, so Sum(Aggr(If(Count(X) = 0, 1, 0), D)) runs its If
 * per value of D, not per row; Sum(Aggr(Sum(If(…)), D)) does run it per row.
 */
function rowLevelAggregationAround(call: CallReference, calls: readonly CallReference[]): CallReference | undefined {
  let innermost: CallReference | undefined;
  for (const c of calls) {
    if (c === call || c.from > call.from || c.to < call.to) continue;
    if (!c.aggregation && c.node.name.toUpperCase() !== 'AGGR') continue;
    if (!innermost || c.from >= innermost.from) innermost = c;
  }
  return innermost?.aggregation ? innermost : undefined;
}

export default defineRule({
  code: 'P09',
  name: 'if-inside-aggregation',
  category: 'performance',
  severity: 'warning',
  summary: 'A row-level If inside an aggregation, e.g. Sum(If(Year = 2024, Sales)): set analysis does the same faster.',
  why: {
    text:
      'An If inside an aggregation is evaluated for every row of the data; set analysis or a flag field selects the rows once, using the indexes. ' +
      'An If that is the expression of an Aggr() is evaluated once per value of its dimensions, not per row, and is not reported.',
    sources: [SOURCES.bestPractices, SOURCES.expressionCosts, SOURCES.aggrFunction],
  },
  howToFix: 'Use set analysis, Sum({<Year={2024}>} Sales), or multiply by a 0/1 flag made in the script: Sum(Sales * IsCurrentYear).',
  examples: { bad: 'Sum(If(Year = 2024, Sales))', good: 'Sum({<Year={2024}>} Sales)' },
  severityReason:
    'The cost is certain: the If is evaluated for every row of the data on each calculation, where set analysis or a flag selects the rows once; the result is right, so it is a warning.',
  options: z.object({}),
  needs: ['objects'],
  check(ctx) {
    for (const e of ctx.index.expressions) {
      const calls = (isCalculated(e) ? e.parsed.references()?.calls : undefined) ?? [];
      let first: { call: CallReference; aggregation: CallReference } | undefined;
      for (const call of calls) {
        if (call.aggregationDepth === 0 || call.node.name.toUpperCase() !== 'IF') continue;
        const aggregation = rowLevelAggregationAround(call, calls);
        if (aggregation) {
          first = { call, aggregation };
          break;
        }
      }
      if (!first) continue;
      const { call, aggregation } = first;
      reportAt(ctx, e, `The ${describeSite(ctx, e)} evaluates If() row by row inside ${aggregation.canonicalName}(): use set analysis or a flag field.`, e.parsed.toOriginal(call.from, call.to), {
        content: `${e.expression.location.path}\u0000${e.expression.text}`,
      });
    }
  },
});
