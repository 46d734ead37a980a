import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { describeSite, reportAt } from '../shared/helpers';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'Q10',
  name: 'undefined-variable',
  category: 'quality',
  severity: 'error',
  summary: 'A $(name) dollar expansion of a variable that does not exist.',
  why: {
    text:
      'An undefined variable expands to nothing, so Sum($(vMeasure)) becomes Sum() and $(vYear) in a set modifier clears ' +
      'the filter. Renaming a variable does not update the expressions that use it.',
    sources: [SOURCES.qsdaQuality, SOURCES.dollarExpansion],
  },
  howToFix: 'Create the variable, or correct the name (variable names are case-sensitive).',
  examples: { bad: 'Sum({<Year={$(vCurentYear)}>} Sales)', good: 'Sum({<Year={$(vCurrentYear)}>} Sales)' },
  severityReason: 'A dollar expansion of a missing variable expands to nothing: the expression around it fails or calculates something else.',
  options: z.object({}),
  needs: ['variables', 'objects'],
  check(ctx) {
    for (const e of ctx.index.expressions) {
      // a definition is checked where it is expanded (the message names the variable it came through)
      if (e.expression.location.owner === 'variable') continue;
      for (const d of e.parsed.diagnostics) {
        if (d.code !== 'undefined-variable') continue;
        reportAt(ctx, e, `${d.message} in the ${describeSite(ctx, e)}.`, d, {
          content: `${e.expression.location.path}\u0000${e.expression.text.slice(d.from, d.to)}\u0000${d.message}`,
          data: { reference: e.expression.text.slice(d.from, d.to) },
        });
      }
    }
  },
});
