import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { formatMs } from '../../format/numbers';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'P20',
  name: 'slow-app-open',
  category: 'performance',
  severity: 'info',
  summary: 'The app takes long to open.',
  why: {
    text: 'Opening the app loads it into memory when it is not already there; a long open time means a large data model or heavy global variables, and users wait before the first sheet.',
    sources: [SOURCES.appEvaluation, SOURCES.qsdaFlags],
  },
  howToFix: 'Reduce the data model (unused fields, high-cardinality fields), and remove variables with leading = that calculate on open.',
  severityReason:
    "One open time depends on whether the engine already held the app in memory and on the tenant's load, so a single analysis does not measure a certain cost: a pointer to the model size.",
  options: z.object({ openMs: z._default(z.number().check(z.positive()), 10_000).check(z.describe('open time threshold (ms)')) }),
  needs: ['timings'],
  check(ctx) {
    const ms = ctx.snapshot.timings?.appOpenMs;
    if (ms === undefined) return ctx.cannotRun('the app open time was not measured');
    if (ms <= ctx.options.openMs) return;
    ctx.report({ target: ctx.index.appTarget(), message: `The app took ${formatMs(ms)} to open (threshold ${formatMs(ctx.options.openMs)}).`, data: { openMs: ms }, content: 'app-open' });
  },
});
