import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { DEFAULT_QUOTA_BYTES, quotaShareOption } from '../shared/quota';
import { formatBytes } from '../../format/bytes';
import { lastSuccessfulReload } from '../shared/reloads';
import { SOURCES } from '../shared/sources';
import { formatPercent } from '../../format/numbers';

export default defineRule({
  code: 'R12',
  name: 'reload-memory-near-quota',
  category: 'resource',
  severity: 'warning',
  summary: 'The peak memory of the last reload is close to the quota.',
  why: {
    text: 'A reload needs more memory than the finished app (temporary tables, joins). When the peak reaches the quota the reload fails; App Analyzer warns from 80 %.',
    sources: [SOURCES.appAnalyzer, SOURCES.reloadApi],
  },
  howToFix: 'Drop temporary tables as soon as they are used, avoid large joins, load incrementally, or raise the quota.',
  severityReason:
    "Measured: the last reload's peak memory against the quota; that reload succeeded, but one that reaches the quota fails.",
  options: z.object({
    quotaBytes: z._default(z.number().check(z.positive()), DEFAULT_QUOTA_BYTES).check(z.describe('the reload memory quota in bytes (default 5 GiB; set your entitlement)')),
    share: quotaShareOption(),
  }),
  needs: [],
  check(ctx) {
    const meta = lastSuccessfulReload(ctx.snapshot).metadata;
    const fromReload = meta?.peakMemoryBytes;
    const reloadMeta = (ctx.snapshot.metadata as { reload_meta?: { peak_memory_bytes?: unknown } } | undefined)?.reload_meta;
    const peak = fromReload ?? (typeof reloadMeta?.peak_memory_bytes === 'number' ? reloadMeta.peak_memory_bytes : undefined);
    if (peak === undefined) return ctx.cannotRun('the peak memory of the last reload was not collected');
    const { quotaBytes, share } = ctx.options;
    if (peak < quotaBytes * share) return;
    ctx.report({
      target: { kind: 'reload', id: meta?.reloadId ?? lastSuccessfulReload(ctx.snapshot).reload?.id ?? 'last', name: 'Last successful reload' },
      message: `The last reload peaked at ${formatBytes(peak)}, ${formatPercent(peak / quotaBytes)} of the ${formatBytes(quotaBytes)} quota (threshold ${formatPercent(share)}).`,
      data: { peakBytes: peak, quotaBytes },
      content: 'reload-peak',
    });
  },
});
