import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { formatNumber } from '../../format/numbers';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'R09',
  name: 'large-table',
  category: 'resource',
  severity: 'info',
  summary: 'A table with very many rows.',
  why: {
    text: "Rows drive memory and the time of every aggregation; Qlik's App Analyzer points out tables over 50 million rows as candidates for aggregation or On-Demand Apps.",
    sources: [SOURCES.appAnalyzer],
  },
  howToFix: 'Aggregate to the grain the app needs, cut history, or use On-Demand App Generation / Direct Query for detail.',
  severityReason:
    "A row count is not a defect (large tables are often the point of the app); over the App Analyzer's threshold it marks a candidate for aggregation or On-Demand Apps: a suggestion.",
  options: z.object({ rows: z._default(z.number().check(z.int(), z.positive()), 50_000_000).check(z.describe('rows above which to report')) }),
  needs: ['dataModel'],
  check(ctx) {
    for (const t of ctx.snapshot.dataModel?.tables ?? []) {
      if (t.rows <= ctx.options.rows) continue;
      ctx.report({ target: ctx.index.tableTarget(t.name), message: `Table ${t.name} has ${formatNumber(t.rows)} rows (threshold ${formatNumber(ctx.options.rows)}).`, data: { rows: t.rows }, content: t.name });
    }
  },
});
