import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { formatNumber } from '../../format/numbers';
import { targetSubject } from '../shared/helpers';
import { SOURCES } from '../shared/sources';

export const TABLE_TYPES = new Set(['table', 'pivot-table', 'sn-table', 'sn-pivot-table', 'sn-straight-table']);

export default defineRule({
  code: 'P15',
  name: 'large-table-without-condition',
  category: 'performance',
  severity: 'warning',
  summary: 'A table or pivot table over a large table of the data model, without a calculation condition.',
  why: {
    text: "QlikTech's best practice is a calculation condition on tables that can show many rows: without one, opening the sheet unfiltered calculates every row for every user.",
    sources: [SOURCES.bestPractices, SOURCES.appPerformance],
  },
  howToFix: "Add a calculation condition such as GetSelectedCount(Customer) > 0 or Count(DISTINCT OrderID) < 50000, with a message telling users what to select.",
  severityReason:
    'The cost is certain: without a calculation condition every user who opens the sheet unfiltered waits for every row of a large table to be calculated.',
  options: z.object({ rows: z._default(z.number().check(z.int(), z.positive()), 100_000).check(z.describe('rows of the largest table behind the dimensions')) }),
  needs: ['objects', 'dataModel'],
  check(ctx) {
    const { index, options } = ctx;
    for (const o of ctx.snapshot.objects) {
      if (!TABLE_TYPES.has(o.visualization ?? o.type)) continue;
      const cube = o.properties.qHyperCubeDef as { qCalcCondition?: { qCond?: { qv?: string } }; qCalcCond?: { qv?: string } } | undefined;
      if (cube?.qCalcCondition?.qCond?.qv?.trim() || cube?.qCalcCond?.qv?.trim()) continue;
      const tables = index.dimensionFieldsOf(o.id).flatMap((f) => index.fields.get(f)?.tables ?? []);
      const largest = tables.map((t) => index.tables.get(t)).filter((t) => t !== undefined).sort((a, b) => b.rows - a.rows)[0];
      if (!largest || largest.rows <= options.rows) continue;
      const target = index.objectTarget(o.id);
      ctx.report({
        target,
        message: `${targetSubject(ctx, target, 'table')} has no calculation condition and shows dimensions of table ${largest.name} with ${formatNumber(largest.rows)} rows (threshold ${formatNumber(options.rows)}).`,
        data: { table: largest.name, rows: largest.rows },
        content: `${o.id}\u0000${largest.name}`,
      });
    }
  },
});
