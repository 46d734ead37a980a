import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'D02',
  name: 'missing-sheet-thumbnail',
  category: 'design',
  severity: 'info',
  summary: 'A sheet without a thumbnail.',
  why: { text: 'The sheet overview shows thumbnails; sheets without one are harder to tell apart. A common custom check in QSDA Pro.', sources: [SOURCES.qsdaCustomFlags] },
  howToFix: 'Set a thumbnail in the sheet properties.',
  severityReason: 'A missing sheet thumbnail is a matter of style: nothing breaks and nothing costs more.',
  rollUp: true,
  options: z.object({}),
  needs: ['objects'],
  check(ctx) {
    for (const s of ctx.snapshot.sheets) {
      if (s.thumbnail?.trim()) continue;
      ctx.report({ target: ctx.index.sheetTarget(s.id), message: `Sheet "${s.title}" has no thumbnail.`, content: 'thumbnail' });
    }
  },
});
