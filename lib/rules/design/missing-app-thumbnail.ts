import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'D01',
  name: 'missing-app-thumbnail',
  category: 'design',
  severity: 'info',
  summary: 'The app has no thumbnail.',
  why: { text: 'In the hub, apps are found by their thumbnails; an app without one looks unfinished next to the others. QSDA flags it as a warning by default.', sources: [SOURCES.qsdaFlagLevels] },
  howToFix: 'Set a thumbnail in the app details (an image from the media library).',
  severityReason: 'A missing thumbnail breaks nothing and costs nothing: it only makes the app harder to find in the hub, a suggestion.',
  options: z.object({}),
  needs: [],
  check(ctx) {
    if (ctx.snapshot.app.thumbnail?.trim()) return;
    ctx.report({ target: ctx.index.appTarget(), message: `App "${ctx.snapshot.app.name}" has no thumbnail.`, content: 'thumbnail' });
  },
});
