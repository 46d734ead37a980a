import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';
import { reportMissingLibraryItems } from '../shared/library-references';

export default defineRule({
  code: 'Q06',
  name: 'missing-master-visualization',
  category: 'quality',
  severity: 'error',
  summary: 'A sheet object or container child that extends (qExtendsId) a deleted master visualization.',
  why: {
    text: 'Qlik lets you delete a master visualization that sheets still show; the sheet then shows an empty or broken object.',
    sources: [SOURCES.qsdaQuality, SOURCES.masterItems],
  },
  howToFix: 'Replace the object with an existing master visualization, or unlink it and rebuild it.',
  severityReason: 'An object extending a deleted master visualization has nothing to render: users see an invalid object.',
  options: z.object({}),
  needs: ['objects', 'masterMeasures', 'masterDimensions', 'masterVisualizations'],
  check(ctx) {
    reportMissingLibraryItems(ctx, 'visualization', new Set(ctx.snapshot.masterVisualizations.map((m) => m.id)));
  },
});
