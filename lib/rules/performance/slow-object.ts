import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { formatMs } from '../../format/numbers';
import { targetSubject } from '../shared/helpers';
import { evaluationList, evaluationTarget } from '../shared/evaluation';
import { SOURCES } from '../shared/sources';
import type { SlowObjectData } from '../shared/time-finding-data';

export default defineRule({
  code: 'P01',
  name: 'slow-object',
  category: 'performance',
  severity: 'warning',
  summary: 'An object whose layout (first data page) takes long: first calculation or from the cache.',
  why: {
    text:
      "Every object on a sheet calculates when the sheet opens and after every selection. Qlik's own evaluation flags " +
      'objects over 0.3 s when cached; a first calculation over 1 s is felt by every user after each reload.',
    sources: [SOURCES.appEvaluation, SOURCES.appEvaluationAutomation],
  },
  howToFix: 'Look at the performance findings on the same object (P06–P21); simplify the expression, add a calculation condition, or move work to the script.',
  severityReason:
    'The time is measured on this app: users wait that long for the object when the sheet opens and after selections; the object still shows its data, so it is a cost, not an error.',
  options: z.object({
    firstMs: z._default(z.number().check(z.positive()), 1000).check(z.describe('first calculation threshold (ms)')),
    cachedMs: z._default(z.number().check(z.positive()), 300).check(z.describe('cached calculation threshold (ms)')),
  }),
  needs: [],
  reads: ['timings', 'evaluation'],
  check(ctx) {
    const { snapshot, options, index } = ctx;
    const slowUncached = evaluationList(snapshot, 'objSlowUncached');
    const slowCached = evaluationList(snapshot, 'objSlowCached');
    if (!snapshot.timings && !snapshot.evaluation) return ctx.cannotRun('neither object timings nor an app evaluation were collected');
    const seen = new Set<string>();
    for (const t of snapshot.timings?.objects ?? []) {
      if (t.error) continue;
      const first = t.firstMs > options.firstMs;
      // quick mode timed the first calculation only: no cached time to judge
      const cached = t.cachedMs !== undefined && t.cachedMs > options.cachedMs;
      if (!first && !cached) continue;
      seen.add(t.objectId);
      const target = index.objectTarget(t.objectId);
      const parts = [
        first ? `${formatMs(t.firstMs)} the first time (threshold ${formatMs(options.firstMs)})` : '',
        cached ? `${formatMs(t.cachedMs ?? 0)} from the cache (threshold ${formatMs(options.cachedMs)})` : '',
      ].filter(Boolean);
      ctx.report({
        target,
        message: `${targetSubject(ctx, target)} takes ${parts.join(' and ')} to calculate.`,
        data: { firstMs: t.firstMs, ...(t.cachedMs !== undefined ? { cachedMs: t.cachedMs } : {}), source: 'timings' } satisfies SlowObjectData,
        content: `${t.objectId}\u0000${first}\u0000${cached}`,
      });
    }
    for (const [list, cached] of [[slowUncached, false], [slowCached, true]] as const) {
      for (const o of list) {
        const id = o.id as string;
        if (seen.has(id)) continue;
        seen.add(id);
        const target = evaluationTarget(index, o);
        const seconds = o.responseTimeSeconds;
        ctx.report({
          target,
          message: `The app evaluation lists ${index.describeTarget(target)} as slow ${cached ? 'from the cache' : 'on first calculation'}${seconds !== undefined ? `: ${formatMs(seconds * 1000)}` : ''}.`,
          data: { responseTimeSeconds: seconds, source: 'evaluation', cached } satisfies SlowObjectData,
          content: `${id}\u0000evaluation\u0000${cached}`,
        });
      }
    }
  },
});
