import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'G01',
  name: 'direct-query-app',
  category: 'context',
  severity: 'info',
  summary: 'A Direct Query app: the data-model rules do not apply.',
  why: { text: 'A Direct Query app keeps no data in memory; it queries the database on each selection. Field statistics, memory and data-model rules cannot run on it.', sources: [SOURCES.directQuery, SOURCES.engineApi] },
  howToFix: 'Nothing to fix: the data-model rules are reported as "could not run".',
  severityReason:
    'A note on what the analysis could cover, not a fault of the app.',
  options: z.object({}),
  needs: [],
  check(ctx) {
    if (!ctx.snapshot.app.directQuery) return;
    ctx.report({ target: ctx.index.appTarget(), message: 'This is a Direct Query app: rules about the in-memory data model do not apply.', content: 'direct-query' });
  },
});
