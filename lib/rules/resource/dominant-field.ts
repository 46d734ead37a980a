import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { formatBytes } from '../../format/bytes';
import { SOURCES } from '../shared/sources';
import { formatPercent } from '../../format/numbers';

export default defineRule({
  code: 'R13',
  name: 'dominant-field',
  category: 'resource',
  severity: 'info',
  summary: "One field holds a large share of the app's memory.",
  why: {
    text: 'When one field takes a large part of the memory, that field is where optimisation pays: dropping, splitting or rounding it shrinks the whole app.',
    sources: [SOURCES.metadataAnalyzer, SOURCES.symbolTables],
  },
  howToFix: 'Check whether the field is needed (R01); split timestamps, round numbers, AutoNumber keys, or move long texts to a detail app.',
  severityReason:
    'A large share of the memory shows where optimisation pays, not a fault (the field may well be needed): a suggestion.',
  options: z.object({
    share: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.1).check(z.describe('share of the app memory at which to report')),
    minAppBytes: z._default(z.number().check(z.nonnegative()), 100 * 1024 ** 2).check(z.describe('only for apps at least this large (bytes): in small apps some field always dominates')),
  }),
  needs: ['dataModel'],
  check(ctx) {
    const total = ctx.snapshot.dataModel?.staticByteSize;
    if (!total) return ctx.cannotRun('the app size (static_byte_size) was not collected');
    if (total < ctx.options.minAppBytes) return;
    for (const f of ctx.snapshot.dataModel?.fields ?? []) {
      if (f.isSystem || f.name.startsWith('$') || f.byteSize === undefined || f.byteSize / total < ctx.options.share) continue;
      ctx.report({
        target: ctx.index.fieldTarget(f.name),
        message: `Field "${f.name}" takes ${formatBytes(f.byteSize)}, ${formatPercent(f.byteSize / total)} of the app's ${formatBytes(total)} (threshold ${formatPercent(ctx.options.share)}).`,
        data: { bytes: f.byteSize, share: f.byteSize / total },
        content: f.name,
      });
    }
  },
});
