import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'Q08',
  name: 'bookmark-unknown-field',
  category: 'quality',
  severity: 'error',
  summary: 'A bookmark that selects in a field the data model no longer has.',
  why: {
    text: 'After a field is renamed or dropped, bookmarks that select in it apply only part of their selection: users get other numbers than the bookmark promised.',
    sources: [SOURCES.qsdaQuality, SOURCES.bookmarks],
  },
  howToFix: 'Re-create the bookmark with the current field names, or delete it.',
  severityReason: 'Applying the bookmark cannot restore its selection in a field that is gone: users get other data than the bookmark promises.',
  options: z.object({}),
  needs: ['bookmarks', 'dataModel'],
  check(ctx) {
    const { index } = ctx;
    for (const b of ctx.snapshot.bookmarks) {
      for (const s of b.selections) {
        if (index.resolveName(s.field, undefined, true)) continue;
        ctx.report({
          target: { kind: 'bookmark', id: b.id, name: b.title },
          message: `Bookmark "${b.title}" selects in field "${s.field}", which does not exist in the data model.`,
          data: { field: s.field, state: s.stateName },
          content: s.field,
        });
      }
    }
  },
});
