import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { describeSite, reportAt } from '../shared/helpers';
import { bareFieldOf, isBareFieldDimension } from '../shared/dimensions';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'P07',
  name: 'needless-calculated-dimension',
  category: 'performance',
  severity: 'info',
  summary: 'A dimension written as =[Field] or =Field: a calculated dimension that is only a field.',
  why: {
    text: 'The leading = makes the engine treat the dimension as calculated although it is just a field; the field alone is simpler and avoids the calculated-dimension path.',
    sources: [SOURCES.calculatedDimensions],
  },
  howToFix: 'Remove the = and use the field name.',
  examples: { bad: '=[Region]', good: 'Region' },
  severityReason:
    'A dimension that is only =Field behaves like the field and no cost was measured; dropping the = is a simplification, a suggestion.',
  options: z.object({}),
  needs: ['objects'],
  check(ctx) {
    for (const e of ctx.index.expressions) {
      if (e.expression.location.kind !== 'dimension' || e.expression.syntax !== 'expression' || !isBareFieldDimension(e)) continue;
      reportAt(ctx, e, `The ${describeSite(ctx, e)} is "${e.expression.text.trim()}": use the field ${bareFieldOf(e)} without "=".`, undefined, { content: e.expression.text });
    }
  },
});
