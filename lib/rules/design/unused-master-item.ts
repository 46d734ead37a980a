import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'D05',
  name: 'unused-master-item',
  category: 'design',
  severity: 'info',
  summary: 'A master measure, dimension or visualization referenced nowhere (by id or by label).',
  why: {
    text: 'Unused master items clutter the assets panel and make users wonder which measure is the right one; field-usage tools also miss label references, so check before deleting.',
    sources: [SOURCES.fieldUsage, SOURCES.masterItems],
  },
  howToFix: 'Delete the master item if nobody needs it for self-service, or use it in the sheets.',
  severityReason: 'An unused master item costs nothing at run time and is often kept on purpose (template and library apps): a suggestion to tidy up.',
  rollUp: true,
  options: z.object({}),
  needs: ['masterMeasures', 'masterDimensions', 'masterVisualizations', 'objects'],
  check(ctx) {
    const { usage } = ctx.index;
    for (const m of ctx.snapshot.masterMeasures) {
      if (usage.masterMeasureUses.has(m.id)) continue;
      ctx.report({ target: { kind: 'master-measure', id: m.id, name: m.label }, message: `Master measure "${m.label}" is not used by any object, by id or by label.`, content: m.label });
    }
    for (const d of ctx.snapshot.masterDimensions) {
      if (usage.masterDimensionUses.has(d.id)) continue;
      ctx.report({ target: { kind: 'master-dimension', id: d.id, name: d.title }, message: `Master dimension "${d.title}" is not used by any object.`, content: d.title });
    }
    for (const v of ctx.snapshot.masterVisualizations) {
      if (usage.masterVisualizationUses.has(v.id)) continue;
      ctx.report({ target: { kind: 'master-object', id: v.id, name: v.title }, message: `Master visualization "${v.title}" is not placed on any sheet.`, content: v.title });
    }
  },
});
