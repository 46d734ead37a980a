import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'R03',
  name: 'empty-table',
  category: 'resource',
  severity: 'warning',
  summary: 'A table with zero rows.',
  why: {
    text: 'An empty table usually means a source that returned nothing or a WHERE clause that filters everything; its fields then associate with nothing and charts show no data.',
    sources: [SOURCES.qsdaFlags],
  },
  howToFix: 'Check the source and the filters of the LOAD statement, or remove the table.',
  severityReason:
    "The zero row count is measured and the table's fields associate with nothing; it often means a failed source, but whether users miss data depends on the app, so it is a warning.",
  options: z.object({}),
  needs: ['dataModel'],
  check(ctx) {
    for (const t of ctx.snapshot.dataModel?.tables ?? []) {
      if (t.rows !== 0 || t.isSystem || t.isSynthetic) continue;
      ctx.report({ target: ctx.index.tableTarget(t.name), message: `Table ${t.name} has no rows.`, content: t.name });
    }
  },
});
