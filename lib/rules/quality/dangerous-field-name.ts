import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { describeSite, reportAt } from '../shared/helpers';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'Q13',
  name: 'dangerous-field-name',
  category: 'quality',
  severity: 'info',
  summary: 'A field name the engine marks as dangerous in an expression (e.g. one that needs brackets).',
  why: {
    text: 'The engine flags field names that it may read as something else (names with spaces or operators, names that look like functions) unless they are bracketed.',
    sources: [SOURCES.engineApi],
  },
  howToFix: 'Put the field name in brackets: [Order Date].',
  severityReason:
    'The engine accepted the expression and calculates it (a real error is Q01 or Q11); bracketing the name only guards against a future misreading and no cost is measured today, so it is a suggestion.',
  options: z.object({}),
  needs: ['expressionChecks'],
  check(ctx) {
    for (const e of ctx.index.expressions) {
      for (const range of e.expression.check?.dangerousFieldNames ?? []) {
        const name = e.expression.text.slice(range.from, range.from + range.count);
        // a bracketed name is already the fix
        if (name.startsWith('[') || e.expression.text[range.from - 1] === '[') continue;
        reportAt(ctx, e, `"${name}" in the ${describeSite(ctx, e)} is a field name the engine reads as dangerous: bracket it.`, { from: range.from, to: range.from + range.count }, {
          data: { field: name },
          content: `${e.expression.location.path}\u0000${name}`,
        });
      }
    }
  },
});
