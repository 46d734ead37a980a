import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { targetSubject } from '../shared/helpers';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'D12',
  name: 'private-sheets-in-published-app',
  category: 'design',
  severity: 'info',
  summary: 'Sheets that are not published in a published app.',
  why: { text: 'In a published app, unpublished sheets are private to their owners: work that others never see, or community sheets that should be promoted to base sheets.', sources: [SOURCES.unusedSheets, SOURCES.addSense] },
  howToFix: 'Publish and approve the sheets that belong to everyone; delete abandoned private sheets.',
  severityReason:
    'Unpublished sheets are a normal part of a published app (its community and private sheets): a suggestion to promote or tidy up.',
  options: z.object({}),
  needs: ['objects', 'publishState'],
  check(ctx) {
    if (!ctx.snapshot.app.published) return;
    for (const s of ctx.snapshot.sheets) {
      if (s.published) continue;
      const target = ctx.index.sheetTarget(s.id);
      ctx.report({ target, message: `${targetSubject(ctx, target)} is private in a published app.`, data: { ownerId: s.ownerId }, content: 'private' });
    }
  },
});
