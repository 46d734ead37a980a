import { z } from '../../schema/zod';
import { type RuleContext, defineRule } from '../../analyze/rule';
import { plural } from '../../format/numbers';
import { describeSite, reportAt } from '../shared/helpers';
import { SOURCES } from '../shared/sources';
import { labelCandidates } from '../shared/label-candidates';

/** Qlik resolves a chart measure's label only inside that chart: say so when another chart has the label. */
function otherCharts(ctx: RuleContext<unknown>, objectIds: readonly string[]): string {
  if (objectIds.length === 0) return '';
  const first = ctx.index.objectTarget(objectIds[0] as string);
  const where = ctx.index.describeTarget(first, { withSheet: true });
  const more = objectIds.length > 1 ? ` and ${plural(objectIds.length - 1, 'other chart')}` : '';
  return ` It labels a measure in ${where}${more}, but a chart measure's label works only in its own chart: make it a master measure to reuse it.`;
}

export default defineRule({
  code: 'Q15',
  name: 'unknown-master-label',
  category: 'quality',
  severity: 'error',
  summary: 'A [Label] reference outside any aggregation that matches neither a field nor a master measure label.',
  why: {
    text:
      'Expressions can reuse a master measure or another column by its label, e.g. [Revenue] - [Cost]. When the master ' +
      'measure is renamed, the reference silently returns null. A chart measure\'s label works only inside its own chart, ' +
      'so a reference to a label of another chart does not resolve either. Field-usage tools cannot see these references at all.',
    sources: [SOURCES.labelReferences, SOURCES.namesInExpressions, SOURCES.fieldUsage, SOURCES.masterItems],
  },
  howToFix: 'Correct the label, rename the master measure back, turn a measure of another chart into a master measure to reuse it, or write the expression out.',
  examples: { bad: '[Total Revenu] - [Total Cost]', good: '[Total Revenue] - [Total Cost]' },
  severityReason: 'A [Label] that resolves to nothing makes the expression fail: the chart shows an error to users.',
  options: z.object({}),
  needs: ['dataModel', 'masterMeasures', 'masterDimensions', 'masterVisualizations'],
  check(ctx) {
    for (const e of ctx.index.expressions) {
      if (e.expression.location.owner === 'variable') continue;
      for (const ref of labelCandidates(e)) {
        if (ctx.index.resolveName(ref.name, e.expression.location.objectId, false)) continue;
        const elsewhere = ctx.index.objectsWithMeasureLabel(ref.name);
        reportAt(ctx, e, `[${ref.name}] in the ${describeSite(ctx, e)} is neither a field nor the label of a master measure or of a measure in this chart.${otherCharts(ctx, elsewhere)}`, ref.original, {
          data: { label: ref.name, ...(elsewhere.length ? { labelsMeasureIn: [...elsewhere] } : {}) },
          content: `${e.expression.location.path}\u0000${ref.name}\u0000${e.expression.text}`,
        });
      }
    }
  },
});
