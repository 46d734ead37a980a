import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'G02',
  name: 'section-access',
  category: 'context',
  severity: 'info',
  summary: 'The app has section access: field statistics may be partial for this user.',
  why: { text: 'With section access the engine reduces the data to what the analysing user may see; counts, cardinalities and empty-field checks describe that reduced data.', sources: [SOURCES.sectionAccess, SOURCES.qlikApiApps] },
  howToFix: 'Nothing to fix; for full statistics analyse with a user who sees all data.',
  severityReason:
    'A note that counts describe the data the analysing user may see; section access itself is right.',
  options: z.object({}),
  needs: [],
  check(ctx) {
    if (!ctx.snapshot.app.sectionAccess) return;
    ctx.report({ target: ctx.index.appTarget(), message: 'The app has section access: data-model statistics reflect only the data this user may see.', content: 'section-access' });
  },
});
