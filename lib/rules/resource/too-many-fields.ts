import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'R10',
  name: 'too-many-fields',
  category: 'resource',
  severity: 'info',
  summary: 'An app with very many fields.',
  why: {
    text: "Hundreds of fields make an app hard to use (field lists, Insight Advisor) and usually include unused ones; Qlik's App Analyzer points out apps with over 150 fields.",
    sources: [SOURCES.appAnalyzer],
  },
  howToFix: 'Drop unused fields (see R01) and keep technical fields out of the app.',
  severityReason:
    'A field count is a usability pointer, not a measured cost (fields no one uses are R01): a suggestion.',
  options: z.object({ fields: z._default(z.number().check(z.int(), z.positive()), 150).check(z.describe('non-system fields above which to report')) }),
  needs: ['dataModel'],
  check(ctx) {
    const count = (ctx.snapshot.dataModel?.fields ?? []).filter((f) => !f.isSystem).length;
    if (count <= ctx.options.fields) return;
    ctx.report({ target: ctx.index.appTarget(), message: `The app has ${count} fields (threshold ${ctx.options.fields}).`, data: { fields: count }, content: 'fields' });
  },
});
