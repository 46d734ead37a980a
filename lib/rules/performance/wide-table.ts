import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { targetSubject } from '../shared/helpers';
import { SOURCES } from '../shared/sources';
import { TABLE_TYPES } from './large-table-without-condition';

/** The columns of a table's hypercube: its dimensions and measures. */
function columnCount(properties: Record<string, unknown>): number {
  const cube = properties.qHyperCubeDef as { qDimensions?: unknown[]; qMeasures?: unknown[] } | undefined;
  return (cube?.qDimensions?.length ?? 0) + (cube?.qMeasures?.length ?? 0);
}

export default defineRule({
  code: 'P16',
  name: 'wide-table',
  category: 'performance',
  severity: 'info',
  summary: 'A table with many columns.',
  why: {
    text: 'Qlik\'s performance guide names "large or wide tables (15 columns or more)" among the objects that slow sheets down; each column is calculated for every visible row.',
    sources: [SOURCES.appPerformance],
  },
  howToFix: 'Split the table, move rarely used columns to a detail sheet, or use alternative columns users switch on.',
  severityReason:
    "A column count measures no cost and wide tables are often what users asked for; Qlik's guide names them as a possible cause of slow sheets, so it is a suggestion (slow sheets are P02).",
  options: z.object({ columns: z._default(z.number().check(z.int(), z.positive()), 15).check(z.describe('columns (dimensions + measures) at which to report')) }),
  needs: ['objects'],
  check(ctx) {
    for (const o of ctx.snapshot.objects) {
      if (!TABLE_TYPES.has(o.visualization ?? o.type)) continue;
      const columns = columnCount(o.properties);
      if (columns < ctx.options.columns) continue;
      const target = ctx.index.objectTarget(o.id);
      ctx.report({ target, message: `${targetSubject(ctx, target, 'table')} has ${columns} columns (threshold ${ctx.options.columns}).`, data: { columns }, content: `${o.id}\u0000${columns}` });
    }
  },
});
