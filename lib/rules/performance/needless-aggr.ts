import { z } from '../../schema/zod';
import type { Expr } from '../../expression/ast';
import { unwrap } from '../../expression/walk';
import { defineRule } from '../../analyze/rule';
import type { ExpressionKind } from '../../snapshot/schema';
import { describeSite, reportAt } from '../shared/helpers';
import { isCalculated } from '../shared/measures';
import { SOURCES } from '../shared/sources';

// Sum of sums, min of mins, max of maxes: the Aggr adds nothing (HIC, "When should the Aggr function NOT be used?").
const SELF_NESTING = new Set(['SUM', 'MIN', 'MAX']);

/**
 * Expressions the chart's hypercube evaluates once per row, in the context of the chart's dimensions.
 * Titles, axis limits, reference lines, labels, conditions and texts are evaluated once for the whole
 * object, outside any dimension value: there Max(Aggr(Count(x), D)) over the chart's dimension D is the
 * only way to get the largest bar, not a needless Aggr.
 */
const PER_ROW_KINDS: ReadonlySet<ExpressionKind> = new Set<ExpressionKind>(['measure', 'attribute', 'colour', 'tooltip']);

export default defineRule({
  code: 'P12',
  name: 'needless-aggr',
  category: 'performance',
  severity: 'warning',
  summary: 'An Aggr that adds nothing: Sum(Aggr(Sum(x), D)) is Sum(x), and an Aggr over exactly the chart dimensions is the plain aggregation.',
  why: {
    text:
      'Aggr builds a temporary table for every calculation. When the result is the same without it (a sum of sums, or the same dimensions as the chart), it only costs time and memory; subtotals need TOTAL, not Aggr. ' +
      "The chart's dimensions only apply to what is calculated per row (measures, colours, tooltips): an Aggr over them in a title, an axis limit or a reference line is needed.",
    sources: [SOURCES.aggrNotUsed],
  },
  howToFix: 'Remove the Aggr and keep the inner aggregation; for shares of a total use TOTAL: Sum(Sales) / Sum(TOTAL Sales).',
  examples: { bad: 'Sum(Aggr(Sum(Sales), Customer))', good: 'Sum(Sales)' },
  severityReason:
    'The cost is certain: the Aggr builds a temporary table on every calculation for a result the plain aggregation gives alone.',
  options: z.object({}),
  needs: ['objects'],
  check(ctx) {
    for (const e of ctx.index.expressions) {
      const refs = isCalculated(e) ? e.parsed.references() : undefined;
      if (!refs) continue;
      for (const aggr of refs.aggrs) {
        const inner = aggr.innerAggregations;
        const innerExpr = unwrap((aggr.node.args[0] ?? null) as Expr | null);
        const single = inner.length === 1 && innerExpr === inner[0].node ? inner[0] : undefined;
        let why: string | undefined;
        const outer = aggr.outerAggregation;
        if (outer && single && !outer.distinct && !single.distinct && !outer.hasTotal && !single.hasTotal) {
          const o = outer.node.name.toUpperCase();
          if (o === single.node.name.toUpperCase() && SELF_NESTING.has(o) && unwrap((outer.node.args[0] ?? null) as Expr | null) === aggr.node && !outer.hasSet && !single.hasSet) {
            why = `${outer.canonicalName}(Aggr(${single.canonicalName}(…))) is the same as ${single.canonicalName}(…) alone`;
          }
        }
        if (!why && e.expression.location.owner === 'object' && PER_ROW_KINDS.has(e.expression.location.kind)) {
          const chartDims = new Set(ctx.index.dimensionFieldsOf(e.expression.location.objectId));
          if (chartDims.size > 0 && aggr.dimensions.length === chartDims.size && aggr.dimensions.every((d) => chartDims.has(d))) {
            why = `the Aggr runs over exactly the chart's dimensions (${aggr.dimensions.join(', ')})`;
          }
        }
        if (!why) continue;
        reportAt(ctx, e, `Needless Aggr in the ${describeSite(ctx, e)}: ${why}.`, e.parsed.toOriginal(aggr.from, aggr.to), {
          content: `${e.expression.location.path}\u0000${e.expression.text}`,
        });
        break;
      }
    }
  },
});
