import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';
import { formatPercent } from '../../format/numbers';

export default defineRule({
  code: 'R18',
  name: 'low-density-field',
  category: 'resource',
  severity: 'info',
  summary: 'A field that is almost always null in its table (information density far below 1).',
  why: {
    text: 'A field with values in only a tiny share of the rows still costs a pointer in every row; often it belongs in a separate table or is a leftover of a concatenation.',
    sources: [SOURCES.engineApi],
  },
  howToFix: 'Move the field to its own table linked by a key, or check the concatenation that leaves it empty.',
  severityReason:
    'A pointer per row costs little and sparse fields are often legitimate (optional attributes): a suggestion.',
  options: z.object({ density: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.01).check(z.describe('information density below which to report')) }),
  needs: ['dataModel'],
  check(ctx) {
    for (const t of ctx.snapshot.dataModel?.tables ?? []) {
      if (t.rows === 0 || t.isSystem) continue;
      for (const f of t.fields) {
        if (f.name.startsWith('$') || f.nonNulls === 0 || f.informationDensity >= ctx.options.density) continue; // all-null: R02
        ctx.report({
          target: ctx.index.fieldTarget(f.name),
          message: `Field "${f.name}" has values in ${formatPercent(f.informationDensity, 2)} of the rows of table ${t.name} (threshold ${formatPercent(ctx.options.density, 2)}).`,
          data: { table: t.name, density: f.informationDensity },
          content: `${f.name}\u0000${t.name}`,
        });
      }
    }
  },
});
