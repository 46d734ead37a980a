import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';
import { formatPercent } from '../../format/numbers';

export default defineRule({
  code: 'R15',
  name: 'orphan-key-values',
  category: 'resource',
  severity: 'info',
  summary: 'A key whose values are missing on the dimension side: facts without a matching master record.',
  why: {
    text: 'When the table that should list every key value (customers, products) lacks some of the values used elsewhere, those rows show as null in every chart by that dimension.',
    sources: [SOURCES.engineApi],
  },
  howToFix: 'Complete the dimension table (add the missing values, e.g. "Unknown"), or fix the key in the fact table.',
  severityReason:
    'Facts without a master record are often real (late or optional dimension rows) and the null row users see may be intended: a suggestion to check.',
  options: z.object({}),
  needs: ['dataModel'],
  check(ctx) {
    const model = ctx.snapshot.dataModel;
    for (const field of model?.fields ?? []) {
      if (field.isSystem || field.name.startsWith('$') || !field.isKey || field.tables.length < 2) continue;
      const occurrences = (model?.tables ?? []).flatMap((t) => t.fields.filter((f) => f.name === field.name).map((f) => ({ table: t, f })));
      // the dimension side: where the key is unique (primary/perfect key); else the smallest table
      const primary = occurrences.filter((o) => o.f.keyType === 'PRIMARY_KEY' || o.f.keyType === 'PERFECT_KEY');
      const sides = primary.length > 0 ? primary : [...occurrences].sort((a, b) => a.table.rows - b.table.rows).slice(0, 1);
      for (const { table, f } of sides) {
        if (f.subsetRatio >= 1 || f.subsetRatio <= 0) continue;
        ctx.report({
          target: ctx.index.fieldTarget(field.name),
          message: `Key "${field.name}": table ${table.name} holds only ${formatPercent(f.subsetRatio)} of its values; ${formatPercent(1 - f.subsetRatio)} are used elsewhere without a row here.`,
          data: { table: table.name, subsetRatio: f.subsetRatio },
          content: `${field.name}\u0000${table.name}`,
        });
      }
    }
  },
});
