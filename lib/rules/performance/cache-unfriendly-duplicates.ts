import { z } from '../../schema/zod';
import type { IndexedExpression } from '../../analyze/analysis-index';
import { defineRule } from '../../analyze/rule';
import { describeSite, reportAt } from '../shared/helpers';
import { isMeasure } from '../shared/measures';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'P19',
  name: 'cache-unfriendly-duplicates',
  category: 'performance',
  severity: 'info',
  summary: 'Expressions that differ only in spacing or case: each is a separate cache entry.',
  why: {
    text: 'The engine caches results by the exact expression text. Sum(Sales) and sum( Sales ) are calculated and cached twice; a master measure or one spelling shares the work.',
    sources: [SOURCES.expressionsInVariables, SOURCES.masterItems],
  },
  howToFix: 'Use one master measure, or write the expression the same way everywhere (Qlarity shows the most common spelling).',
  examples: { bad: 'Sum(Sales) in one chart, sum( Sales ) in another', good: 'the master measure [Sales] in both' },
  severityReason:
    'Each spelling costs one more cache entry and calculation, too little to measure per finding: a suggestion to use one spelling or a master measure.',
  options: z.object({}),
  needs: ['objects'],
  check(ctx) {
    const groups = new Map<string, IndexedExpression[]>();
    for (const e of ctx.index.expressions) {
      if (!isMeasure(e) || e.parsed.hasErrors) continue;
      const key = ctx.index.normalised(e.expression.text);
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    for (const group of groups.values()) {
      const spellings = new Map<string, number>();
      for (const e of group) spellings.set(e.expression.text.trim(), (spellings.get(e.expression.text.trim()) ?? 0) + 1);
      if (spellings.size < 2) continue;
      const common = [...spellings.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
      for (const e of group) {
        if (e.expression.text.trim() === common) continue;
        reportAt(ctx, e, `The ${describeSite(ctx, e)} is written "${e.expression.text.trim()}"; elsewhere the same expression is "${common}": each spelling is cached separately.`, undefined, {
          data: { common, spellings: spellings.size },
          content: `${e.expression.location.path}\u0000${e.expression.text}\u0000${common}`,
        });
      }
    }
  },
});
