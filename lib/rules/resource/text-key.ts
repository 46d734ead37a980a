import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'R14',
  name: 'text-key',
  category: 'resource',
  severity: 'info',
  summary: 'A key field stored as text: an AutoNumber candidate.',
  why: {
    text: 'The data type of a key does not change how fast associations are, but its values do cost memory: long text keys (GUIDs, composite keys) take far more room than the sequential integers AutoNumber makes.',
    sources: [SOURCES.keyDataTypes, SOURCES.symbolTables],
  },
  howToFix: "Replace the key by AutoNumber(Key, 'KeyName') in every table that holds it (same counter name everywhere).",
  severityReason:
    'Text keys associate as fast as numeric ones; AutoNumber saves memory of a size not measured here: a suggestion.',
  options: z.object({}),
  needs: ['dataModel'],
  check(ctx) {
    for (const f of ctx.snapshot.dataModel?.fields ?? []) {
      if (f.isSystem || f.name.startsWith('$') || !f.isKey || !f.tags.includes('$text') || f.tags.includes('$numeric')) continue;
      ctx.report({ target: ctx.index.fieldTarget(f.name), message: `Key field "${f.name}" (tables ${f.tables.join(', ')}) holds text values: AutoNumber it.`, data: { tables: f.tables }, content: f.name });
    }
  },
});
