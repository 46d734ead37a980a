import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';
import { reportMissingLibraryItems } from '../shared/library-references';

export default defineRule({
  code: 'Q04',
  name: 'missing-master-measure',
  category: 'quality',
  severity: 'error',
  summary: 'A chart measure linked (qLibraryId) to a master measure that was deleted.',
  why: {
    text: 'Qlik lets you delete a master measure that charts still use; the charts then show "Invalid measure" and no numbers.',
    sources: [SOURCES.qsdaQuality, SOURCES.masterItems],
  },
  howToFix: 'Link the chart measure to an existing master measure, or replace it with an expression.',
  severityReason: 'A measure linked to a deleted master measure has no definition left: the chart shows an error to users.',
  options: z.object({}),
  needs: ['objects', 'masterMeasures', 'masterDimensions', 'masterVisualizations'],
  check(ctx) {
    reportMissingLibraryItems(ctx, 'measure', new Set(ctx.snapshot.masterMeasures.map((m) => m.id)));
  },
});
