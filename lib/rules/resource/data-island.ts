import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'R05',
  name: 'data-island',
  category: 'resource',
  severity: 'info',
  summary: 'A table that shares no field with the rest of the data model.',
  why: {
    text: 'An island table does not associate with the other tables: selections in it do not filter the rest. That is right for parameter tables (what-if values), and a bug when a key field was misspelt.',
    sources: [SOURCES.appAnalyzer],
  },
  howToFix: 'If the table should be linked, give its key field the same name as in the related table; if it is a parameter island, suppress the finding.',
  severityReason:
    'An island is right for parameter and what-if tables and a bug only when a key name is misspelt: a suggestion to check.',
  options: z.object({}),
  needs: ['dataModel'],
  check(ctx) {
    const tables = (ctx.snapshot.dataModel?.tables ?? []).filter((t) => !t.isSystem);
    if (tables.length < 2) return;
    for (const t of tables) {
      if (t.isSynthetic || t.keyFieldCount > 0) continue;
      const shares = t.fields.some((f) => (ctx.index.fields.get(f.name)?.tables.length ?? 0) > 1);
      if (shares) continue;
      ctx.report({ target: ctx.index.tableTarget(t.name), message: `Table ${t.name} shares no field with the other ${tables.length - 1} tables.`, content: t.name });
    }
  },
});
