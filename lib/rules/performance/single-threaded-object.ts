import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { reportEvaluationList } from '../shared/evaluation-rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'P04',
  name: 'single-threaded-object',
  category: 'performance',
  severity: 'warning',
  summary: 'An object the engine calculates on one thread (app evaluation objSingleThreaded).',
  why: {
    text: 'Single-threaded calculation cannot use the cores of the engine: the object stays slow however large the capacity is. Aggr over many values and some string functions force it.',
    sources: [SOURCES.appEvaluation, SOURCES.qlikApiApps],
  },
  howToFix: 'Rewrite the expression without the single-threaded construct (often Aggr or a large calculated dimension) or precompute it in the script.',
  severityReason:
    "The engine's own app evaluation reports it: the calculation cannot use more than one core, a certain cost in response time; the object still shows its data.",
  options: z.object({}),
  needs: ['evaluation'],
  check(ctx) {
    reportEvaluationList(ctx, 'objSingleThreaded', (o, name) => `The app evaluation reports that object "${name}" calculates single-threaded${o.cpuQuotient1 !== undefined ? ` (CPU quotient ${o.cpuQuotient1.toFixed(2)})` : ''}.`);
  },
});
