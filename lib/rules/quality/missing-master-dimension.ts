import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';
import { reportMissingLibraryItems } from '../shared/library-references';

export default defineRule({
  code: 'Q05',
  name: 'missing-master-dimension',
  category: 'quality',
  severity: 'error',
  summary: 'A chart dimension linked (qLibraryId) to a master dimension that was deleted.',
  why: {
    text: 'Qlik lets you delete a master dimension that charts still use; the charts then show "Invalid dimension" and no numbers.',
    sources: [SOURCES.qsdaQuality, SOURCES.masterItems],
  },
  howToFix: 'Link the chart dimension to an existing master dimension, or replace it with a field.',
  severityReason: 'A dimension linked to a deleted master dimension has no definition left: the chart shows an error to users.',
  options: z.object({}),
  needs: ['objects', 'masterMeasures', 'masterDimensions', 'masterVisualizations'],
  check(ctx) {
    reportMissingLibraryItems(ctx, 'dimension', new Set(ctx.snapshot.masterDimensions.map((m) => m.id)));
  },
});
