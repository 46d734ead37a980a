import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'R04',
  name: 'synthetic-key',
  category: 'resource',
  severity: 'warning',
  summary: 'A synthetic key table ($Syn): two or more tables share more than one field.',
  why: {
    text: 'When tables share several fields Qlik builds a synthetic key from their combinations. It costs memory and calculation time, and chains of synthetic keys usually mean a data model that gives wrong results.',
    sources: [SOURCES.syntheticKeys, SOURCES.appAnalyzer],
  },
  howToFix: 'Keep one key field between the tables: rename or drop the extra shared fields, or build a composite key (AutoNumber of the combination).',
  severityReason:
    'The cost is certain: the engine builds and keeps a synthetic key table, paid in memory and calculation time; the results may still be right, so it is a warning.',
  options: z.object({}),
  needs: ['dataModel'],
  check(ctx) {
    const model = ctx.snapshot.dataModel;
    const names = new Set([...(model?.syntheticTables ?? []), ...(model?.tables ?? []).filter((t) => t.isSynthetic).map((t) => t.name)]);
    for (const name of names) {
      const table = ctx.index.tables.get(name);
      const fields = table?.fields.map((f) => f.name) ?? [];
      ctx.report({
        target: ctx.index.tableTarget(name),
        message: `Synthetic key ${name}${fields.length ? ` combines the fields ${fields.join(', ')}` : ''}.`,
        data: { fields },
        content: `${name}\u0000${fields.join(',')}`,
      });
    }
  },
});
