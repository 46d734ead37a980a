import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { formatMs } from '../../format/numbers';
import { targetSubject } from '../shared/helpers';
import { evaluationSheets } from '../shared/evaluation';
import { SOURCES } from '../shared/sources';
import type { SlowSheetData } from '../shared/time-finding-data';
import { sheetCalcTotals } from '../../snapshot/timings';

export default defineRule({
  code: 'P02',
  name: 'slow-sheet',
  category: 'performance',
  severity: 'warning',
  summary: "A sheet whose objects together take long to calculate (sum of the objects' first calculation).",
  why: {
    text: 'Users feel the sheet, not the object: a sheet whose objects together need several seconds feels broken, even when no single object is slow.',
    sources: [SOURCES.appEvaluation, SOURCES.qlikApiApps],
  },
  howToFix: 'Split the sheet, remove objects nobody needs, or fix its slowest objects first (see P01).',
  severityReason:
    "Measured: the sum of the sheet's object calculation times is what users wait for when they open the sheet; every object still shows its data.",
  options: z.object({ totalMs: z._default(z.number().check(z.positive()), 3000).check(z.describe('sum of first calculation times (ms)')) }),
  needs: [],
  reads: ['timings', 'evaluation'],
  check(ctx) {
    const { snapshot, options, index } = ctx;
    if (!snapshot.timings && !snapshot.evaluation) return ctx.cannotRun('neither object timings nor an app evaluation were collected');
    const totals = sheetCalcTotals(snapshot);
    for (const s of evaluationSheets(snapshot)) if (!totals.has(s.id)) totals.set(s.id, s.seconds * 1000);
    for (const [sheetId, ms] of totals) {
      if (ms <= options.totalMs) continue;
      const target = index.sheetTarget(sheetId);
      const slowest = (snapshot.timings?.objects ?? []).filter((t) => t.sheetId === sheetId).sort((a, b) => b.firstMs - a.firstMs).slice(0, 3);
      ctx.report({
        target,
        message: `${targetSubject(ctx, target)} needs ${formatMs(ms)} to calculate its objects (threshold ${formatMs(options.totalMs)}).`,
        data: { totalMs: ms, slowest: slowest.map((t) => ({ objectId: t.objectId, firstMs: t.firstMs })) } satisfies SlowSheetData,
        content: sheetId,
      });
    }
  },
});
