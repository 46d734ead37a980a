import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';
import { formatNumber } from '../../format/numbers';

export default defineRule({
  code: 'R02',
  name: 'all-null-field',
  category: 'resource',
  severity: 'warning',
  summary: 'A field without a single non-null value.',
  why: {
    text: 'A field that is null in every row carries no information but still costs a column in every table that holds it; it usually means a broken source column or a failed mapping.',
    sources: [SOURCES.qsdaFlags, SOURCES.engineApi],
  },
  howToFix: 'Fix the source or the mapping that should fill it, or stop loading it.',
  severityReason:
    'Measured: the field holds no value in any row yet costs a column in every table that has it; nothing users see breaks.',
  options: z.object({}),
  needs: ['dataModel'],
  check(ctx) {
    const tables = (ctx.snapshot.dataModel?.tables ?? []).filter((t) => !t.isSystem && t.rows > 0);
    for (const field of ctx.snapshot.dataModel?.fields ?? []) {
      if (field.isSystem || field.name.startsWith('$')) continue;
      const occurrences = tables.flatMap((t) => t.fields.filter((f) => f.name === field.name).map((f) => ({ table: t, f })));
      if (occurrences.length === 0 || occurrences.some((o) => o.f.nonNulls > 0)) continue; // per field, across its tables
      const rows = occurrences.reduce((sum, o) => sum + o.table.rows, 0);
      ctx.report({
        target: ctx.index.fieldTarget(field.name),
        message: `Field "${field.name}" (table ${occurrences.map((o) => o.table.name).join(', ')}) is null in all ${formatNumber(rows)} rows.`,
        data: { tables: occurrences.map((o) => o.table.name), rows },
        content: field.name,
      });
    }
  },
});
