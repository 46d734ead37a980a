import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { formatMs, formatNumber } from '../../format/numbers';
import { lastSuccessfulReload } from '../shared/reloads';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'S05',
  name: 'slowest-statements',
  category: 'script',
  severity: 'info',
  summary: 'The slowest statements of the last successful reload, with their duration and rows (one finding listing them).',
  why: { text: 'Reload time is rarely spread evenly: a few statements usually take most of it, and the reload metadata names them.', sources: [SOURCES.reloadApi] },
  howToFix: 'Start with the slowest statement: filter at the source, load from QVD, or make it incremental.',
  severityReason:
    'A list of where the reload time went, for orientation: information, not a fault.',
  options: z.object({
    top: z._default(z.number().check(z.int(), z.positive()), 5).check(z.describe('how many statements to list')),
    minMs: z._default(z.number().check(z.nonnegative()), 60_000).check(z.describe('only statements at least this long (ms)')),
  }),
  needs: ['reloads'],
  check(ctx) {
    const meta = lastSuccessfulReload(ctx.snapshot).metadata;
    if (!meta) return ctx.cannotRun('the metadata of the last successful reload was not collected');
    const slow = meta.statements
      .filter((s) => (s.duration ?? 0) >= ctx.options.minMs)
      .sort((a, b) => (b.duration ?? 0) - (a.duration ?? 0))
      .slice(0, ctx.options.top)
      .map((s, i) => ({ statement: s.label ?? s.tableName ?? `statement ${i + 1}`, durationMs: s.duration ?? 0, rows: s.nbrOfRows }));
    if (slow.length === 0) return;
    const list = slow.map((s) => `"${s.statement}" ${formatMs(s.durationMs)}${s.rows !== undefined ? ` (${formatNumber(s.rows)} rows)` : ''}`).join(', ');
    ctx.report({
      target: { kind: 'reload', id: meta.reloadId, name: 'Last successful reload' },
      message: `Slowest statements of the last successful reload (at least ${formatMs(ctx.options.minMs)}): ${list}.`,
      data: { statements: slow },
      content: slow.map((s) => s.statement).join('\u0000'),
    });
  },
});
