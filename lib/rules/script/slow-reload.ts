import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { formatMs } from '../../format/numbers';
import { lastSuccessfulReload } from '../shared/reloads';
import { SOURCES } from '../shared/sources';
import type { SlowReloadData } from '../shared/time-finding-data';

export default defineRule({
  code: 'S04',
  name: 'slow-reload',
  category: 'script',
  severity: 'warning',
  summary: 'The last reload took long (duration or CPU time over a threshold).',
  why: { text: "Long reloads delay fresh data, hold capacity and collide with other reloads; Qlik's App Analyzer reports reload CPU over 30 minutes.", sources: [SOURCES.appAnalyzer, SOURCES.reloadApi] },
  howToFix: 'Look at the slowest statements (S05): load incrementally, store intermediate QVDs, push work to the database.',
  severityReason:
    "Measured: the last reload's duration or CPU time over the threshold delays fresh data and holds capacity; that reload succeeded, so it is a warning.",
  options: z.object({ maxMs: z._default(z.number().check(z.positive()), 30 * 60_000).check(z.describe('duration or CPU time threshold (ms)')) }),
  needs: ['reloads'],
  check(ctx) {
    const { metadata: meta, reload: last } = lastSuccessfulReload(ctx.snapshot);
    const duration = meta?.duration ?? last?.durationMs;
    const cpu = meta?.cpuTimeSpentMs;
    if (duration === undefined && cpu === undefined) return ctx.cannotRun('the duration of the last reload was not collected');
    const worst = Math.max(duration ?? 0, cpu ?? 0);
    if (worst <= ctx.options.maxMs) return;
    ctx.report({
      target: { kind: 'reload', id: meta?.reloadId ?? last?.id ?? 'last', name: 'Last successful reload' },
      message: `The last successful reload took ${formatMs(duration ?? 0)}${cpu !== undefined ? ` with ${formatMs(cpu)} of CPU` : ''} (threshold ${formatMs(ctx.options.maxMs)}).`,
      data: { durationMs: duration, cpuMs: cpu } satisfies SlowReloadData,
      content: 'slow-reload',
    });
  },
});
