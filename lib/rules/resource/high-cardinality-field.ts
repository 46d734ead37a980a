import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { formatNumber } from '../../format/numbers';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'R07',
  name: 'high-cardinality-field',
  category: 'resource',
  severity: 'warning',
  summary: 'A field with very many distinct values.',
  why: {
    text: "Memory grows with the number of distinct values (the field's symbol table and the width of its pointers). Qlik's App Analyzer flags fields over 1,000,000 distinct values.",
    sources: [SOURCES.appAnalyzer, SOURCES.symbolTables],
  },
  howToFix: 'Drop the field if it is not needed, split it (date and time, codes into parts), round numbers, or AutoNumber keys.',
  severityReason:
    "Measured: the number of distinct values sets the size of the field's symbol table and the width of its pointers, memory over the App Analyzer's threshold.",
  options: z.object({ distinct: z._default(z.number().check(z.int(), z.positive()), 1_000_000).check(z.describe('distinct values above which to report')) }),
  needs: ['dataModel'],
  check(ctx) {
    for (const f of ctx.snapshot.dataModel?.fields ?? []) {
      if (f.isSystem || f.name.startsWith('$') || f.tags.includes('$timestamp') || f.cardinal <= ctx.options.distinct) continue; // timestamps: R08
      ctx.report({
        target: ctx.index.fieldTarget(f.name),
        message: `Field "${f.name}" has ${formatNumber(f.cardinal)} distinct values (threshold ${formatNumber(ctx.options.distinct)}).`,
        data: { distinct: f.cardinal, byteSize: f.byteSize },
        content: f.name,
      });
    }
  },
});
