import { z } from '../../schema/zod';
import { describeEngineError, LIMIT_ERRORS } from '../../analyze/engine-errors';
import { defineRule } from '../../analyze/rule';
import { evaluationList, evaluationTarget } from '../shared/evaluation';
import { targetSubject } from '../shared/helpers';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'P05',
  name: 'memory-limit-object',
  category: 'performance',
  severity: 'error',
  summary: 'An object that hits a memory, time or size limit (app evaluation objMemoryLimit, or a limit error in its layout).',
  why: {
    text: 'An object that runs out of memory or time shows an error to every user and takes engine resources from everyone else while it tries.',
    sources: [SOURCES.appEvaluation, SOURCES.engineApi],
  },
  howToFix: 'Add a calculation condition that limits the data, reduce the dimensions, or precompute in the script.',
  severityReason: 'The engine stops calculating the object at the limit: users see an error or an empty object instead of its data.',
  options: z.object({}),
  needs: [],
  reads: ['timings', 'evaluation'],
  check(ctx) {
    const { snapshot, index } = ctx;
    if (!snapshot.timings && !snapshot.evaluation) return ctx.cannotRun('neither object layouts nor an app evaluation were collected');
    const seen = new Set<string>();
    for (const o of snapshot.objects) {
      const err = o.layoutErrors.find((e) => LIMIT_ERRORS.has(e.qErrorCode));
      if (!err) continue;
      seen.add(o.id);
      const target = index.objectTarget(o.id);
      ctx.report({ target, path: err.path, message: `${targetSubject(ctx, target)} hits an engine limit: ${describeEngineError(err.qErrorCode)}.`, data: { code: err.qErrorCode }, content: `${o.id}\u0000${err.qErrorCode}` });
    }
    for (const o of evaluationList(snapshot, 'objMemoryLimit')) {
      const id = o.id as string;
      if (seen.has(id)) continue;
      const target = evaluationTarget(index, o);
      ctx.report({ target, message: `The app evaluation reports that ${index.describeTarget(target)} hits the memory limit${o.memoryLimitStatusCode ? ` (${o.memoryLimitStatusCode})` : ''}.`, data: { ...o }, content: `${id}\u0000evaluation` });
    }
  },
});
