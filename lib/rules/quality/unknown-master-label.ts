import { z } from 'zod';
import { defineRule } from '../../analyze/rule';
import { describeSite, reportAt } from '../helpers';
import { SOURCES } from '../sources';
import { labelCandidates } from '../label-candidates';

export default defineRule({
  code: 'Q15',
  name: 'unknown-master-label',
  category: 'quality',
  severity: 'error',
  summary: 'A [Label] reference outside any aggregation that matches neither a field nor a master measure label.',
  why: {
    text:
      'Expressions can reuse a master measure or another column by its label, e.g. [Revenue] - [Cost]. When the master ' +
      'measure is renamed, the reference silently returns null. Field-usage tools cannot see these references at all.',
    sources: [SOURCES.labelReferences, SOURCES.fieldUsage, SOURCES.masterItems],
  },
  howToFix: 'Correct the label, rename the master measure back, or write the expression out.',
  examples: { bad: '[Total Revenu] - [Total Cost]', good: '[Total Revenue] - [Total Cost]' },
  options: z.object({}),
  needs: ['dataModel', 'masterItems'],
  check(ctx) {
    for (const e of ctx.index.expressions) {
      if (e.expression.location.owner === 'variable') continue;
      for (const ref of labelCandidates(e)) {
        if (ctx.index.resolveName(ref.name, e.expression.location.objectId, false)) continue;
        reportAt(ctx, e, `[${ref.name}] in the ${describeSite(ctx, e)} is neither a field nor the label of a master measure or of a measure in this chart.`, e.parsed.toOriginal(ref.from, ref.to), {
          data: { label: ref.name },
          content: `${e.expression.location.path}\u0000${ref.name}\u0000${e.expression.text}`,
        });
      }
    }
  },
});
