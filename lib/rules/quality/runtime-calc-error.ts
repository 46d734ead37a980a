import { z } from '../../schema/zod';
import { CONDITION_CODES, describeEngineError, LIMIT_ERRORS } from '../../analyze/engine-errors';
import { defineRule } from '../../analyze/rule';
import { objectsWithStaticErrors } from '../shared/explained-errors';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'Q11',
  name: 'runtime-calc-error',
  category: 'quality',
  severity: 'error',
  summary: 'An object whose layout reports a calculation error (qError on the hypercube, a measure or a dimension).',
  why: {
    text: 'A calculation error is what users see as an error message instead of a chart. Expressions can be valid and still fail at run time (invalid sort, missing library item, Direct Query limits).',
    sources: [SOURCES.engineApi, SOURCES.appEvaluation],
  },
  howToFix: 'Open the object and follow the engine message. Resource limits (memory, time, cells) are P05; errors caused by a syntax error or a missing master item are reported by Q01, Q04–Q06 and Q17 instead.',
  severityReason: 'The engine itself reported the calculation error: the object does not show its data to users.',
  options: z.object({}),
  needs: ['objects', 'timings'],
  check(ctx) {
    const explained = objectsWithStaticErrors(ctx.index);
    for (const o of ctx.snapshot.objects) {
      if (explained.has(o.id)) continue; // Q01, Q04–Q06 or Q17 already says why
      for (const err of o.layoutErrors) {
        if (CONDITION_CODES.has(err.qErrorCode) || LIMIT_ERRORS.has(err.qErrorCode)) continue;
        const target = ctx.index.objectTarget(o.id);
        ctx.report({
          target,
          path: err.path,
          message: `Object "${target.name}" fails to calculate: ${describeEngineError(err.qErrorCode)}${err.qExtendedMessage ? ` ${err.qExtendedMessage}` : ''} at ${err.path}.`,
          data: { code: err.qErrorCode, context: err.qContext },
          content: `${err.path}\u0000${err.qErrorCode}`,
        });
      }
    }
  },
});
