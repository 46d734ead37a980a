import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'D03',
  name: 'missing-app-description',
  category: 'design',
  severity: 'info',
  summary: 'The app has no description.',
  why: { text: 'The description tells users in the hub and the catalog what the app answers and where its data comes from.', sources: [SOURCES.qsdaCustomFlags] },
  howToFix: 'Write a description in the app details: purpose, data sources, refresh schedule, owner.',
  severityReason:
    'Documentation only: the app works and costs the same without a description, which helps users find and trust it: a suggestion.',
  options: z.object({}),
  needs: [],
  check(ctx) {
    if (ctx.snapshot.app.description?.trim()) return;
    ctx.report({ target: ctx.index.appTarget(), message: `App "${ctx.snapshot.app.name}" has no description.`, content: 'description' });
  },
});
