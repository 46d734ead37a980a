import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { plural } from '../../format/numbers';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'P18',
  name: 'eager-variable',
  category: 'performance',
  severity: 'info',
  summary: 'A variable defined with a leading = (recalculated on every selection) that objects use.',
  why: {
    text: 'A variable whose definition starts with = is calculated globally after every selection, whether or not a visible object needs it; without the = the text is expanded only where it is used.',
    sources: [SOURCES.variables, SOURCES.magicOfVariables],
  },
  howToFix: 'Remove the leading = when the variable only holds an expression for charts; keep it only for a value that must be the same everywhere.',
  examples: { bad: 'vSales = =Sum(Sales)', good: 'vSales = Sum(Sales)' },
  severityReason: 'A calculated variable costs a recalculation per selection only where objects use it, and the cost was not measured: a suggestion.',
  rollUp: true,
  options: z.object({}),
  needs: ['variables', 'objects'],
  check(ctx) {
    const { index } = ctx;
    for (const v of ctx.snapshot.variables) {
      if (!v.definition.trim().startsWith('=') || v.isReserved) continue;
      const uses = (index.usage.variableUses.get(v.name) ?? []).filter((u) => u.target.kind !== 'variable');
      if (uses.length === 0) continue;
      const objects = new Set(uses.map((u) => u.target.id));
      ctx.report({
        target: index.variableTarget(v.name),
        message: `Variable "${v.name}" starts with "=" and is recalculated on every selection; ${plural(objects.size, 'object')} ${objects.size === 1 ? 'uses' : 'use'} it.`,
        data: { usedBy: [...objects] },
        content: v.definition,
      });
    }
  },
});
