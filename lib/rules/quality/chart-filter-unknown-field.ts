import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'Q16',
  name: 'chart-filter-unknown-field',
  category: 'quality',
  severity: 'error',
  summary: 'A chart-level filter on a field the data model does not have.',
  why: {
    text: 'Chart filters (Qlik Cloud) restrict the data of one chart. A filter on a missing field is dropped without a message, so the chart shows unfiltered numbers.',
    sources: [SOURCES.qsdaValidation],
  },
  howToFix: 'Edit the chart filter to use an existing field, or remove it.',
  severityReason: 'A chart filter on a missing field cannot apply: the chart shows an error or unfiltered data.',
  options: z.object({}),
  needs: ['objects', 'dataModel'],
  check(ctx) {
    for (const ref of ctx.snapshot.fieldReferences) {
      if (ref.kind !== 'chart-filter' || ctx.index.resolveName(ref.field, undefined, true)) continue;
      const target = ctx.index.objectTarget(ref.objectId);
      ctx.report({
        target,
        path: ref.path,
        message: `Chart filter of "${target.name}" uses field "${ref.field}", which does not exist in the data model.`,
        data: { field: ref.field },
        content: `${ref.path}\u0000${ref.field}`,
      });
    }
  },
});
