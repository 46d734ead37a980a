import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { reportEvaluationList } from '../shared/evaluation-rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'P03',
  name: 'non-cacheable-object',
  category: 'performance',
  severity: 'warning',
  summary: 'An object whose result the engine cannot cache (app evaluation objNoCache).',
  why: {
    text: 'A result that cannot be cached is recalculated for every user and every repeat of a selection; typical causes are Rand(), Now() and other volatile functions.',
    sources: [SOURCES.appEvaluation, SOURCES.qlikApiApps],
  },
  howToFix: 'Remove volatile functions (Now(), Rand(), ReloadTime() inside aggregations) from the object, or compute them in the script.',
  severityReason:
    "The engine's own app evaluation reports it: the result is recalculated for every user and every repeat of a selection, a certain calculation cost.",
  options: z.object({}),
  needs: ['evaluation'],
  check(ctx) {
    reportEvaluationList(ctx, 'objNoCache', (_o, name) => `The app evaluation reports that the result of object "${name}" cannot be cached.`);
  },
});
