import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { describeSite, reportAt } from '../shared/helpers';
import { isMeasure } from '../shared/measures';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'P08',
  name: 'conditional-aggregation',
  category: 'performance',
  severity: 'warning',
  summary: 'If(cond, Sum(a), Count(b)): aggregations in the branches of a top-level If.',
  why: {
    text:
      'The engine calculates every branch of an If for every cell and throws away all but one; with aggregations in the ' +
      'branches a measure costs the sum of all of them. QSDA Pro flags this pattern and suggests a variable, a "Show column if" condition or an island table.',
    sources: [SOURCES.qsdaConditionalAggregation, SOURCES.expressionCosts],
  },
  howToFix: 'Pick the expression before the calculation: a variable holding the chosen expression ($(vMeasure)), alternative measures, or columns with show conditions.',
  examples: { bad: "If(vMode = 'Count', Count(OrderID), Sum(Sales))", good: '$(vChosenMeasure)' },
  severityReason:
    'The cost is certain: the engine calculates the aggregation of every branch for every cell and keeps one, so the measure costs all its branches together.',
  options: z.object({}),
  needs: ['objects'],
  check(ctx) {
    for (const e of ctx.index.expressions) {
      const refs = isMeasure(e) ? e.parsed.references() : undefined;
      if (!refs) continue;
      for (const c of refs.calls) {
        if (c.node.name.toUpperCase() !== 'IF' || c.aggregationDepth > 0) continue;
        const branches = c.node.args.slice(1);
        const withAggregation = branches.filter((b) => refs.calls.some((a) => a.aggregation && a.aggregationDepth === 0 && a.from >= b.from && a.to <= b.to));
        if (withAggregation.length < 2) continue;
        reportAt(ctx, e, `The ${describeSite(ctx, e)} chooses between ${withAggregation.length} aggregations inside If(): all of them are calculated every time.`, e.parsed.toOriginal(c.from, c.to), {
          content: `${e.expression.location.path}\u0000${e.expression.text}`,
        });
        break;
      }
    }
  },
});
