import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { formatNumber } from '../../format/numbers';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'R08',
  name: 'high-cardinality-timestamp',
  category: 'resource',
  severity: 'warning',
  summary: 'A timestamp field with many distinct values: split it into date and time, or round it.',
  why: {
    text: 'A timestamp to the second has almost as many values as rows. Split into a date (a few thousand values) and a time (86,400 at most), it takes a fraction of the memory.',
    sources: [SOURCES.symbolTables, SOURCES.appAnalyzer],
  },
  howToFix: 'In the script: Date(Floor(TS)) AS Date, Time(Frac(TS)) AS Time; or round: Timestamp(Floor(TS, 1/24/60)) for minutes.',
  severityReason:
    "Measured: the timestamp's distinct values cost memory that a date and a time field, or rounding, would save.",
  options: z.object({ distinct: z._default(z.number().check(z.int(), z.positive()), 100_000).check(z.describe('distinct values above which to report')) }),
  needs: ['dataModel'],
  check(ctx) {
    for (const f of ctx.snapshot.dataModel?.fields ?? []) {
      if (f.isSystem || !f.tags.includes('$timestamp') || f.cardinal <= ctx.options.distinct) continue;
      ctx.report({
        target: ctx.index.fieldTarget(f.name),
        message: `Timestamp field "${f.name}" has ${formatNumber(f.cardinal)} distinct values (threshold ${formatNumber(ctx.options.distinct)}).`,
        data: { distinct: f.cardinal, byteSize: f.byteSize },
        content: f.name,
      });
    }
  },
});
