import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'R16',
  name: 'duplicate-field-contents',
  category: 'resource',
  severity: 'info',
  summary: 'Two fields with identical contents under different names.',
  why: {
    text: 'Qlik stores each field separately: the same column loaded twice under two names costs twice the memory and confuses users about which one to use.',
    sources: [SOURCES.qlikApiApps],
  },
  howToFix: 'Load the column once; if both names are needed, rename in the presentation (labels), not in the data.',
  severityReason:
    'The second copy costs memory, but a copy is often deliberate (a key kept also as an attribute): a suggestion to check.',
  options: z.object({}),
  needs: ['dataModel'],
  check(ctx) {
    const byHash = new Map<string, Array<{ name: string; isKey: boolean }>>();
    for (const f of ctx.snapshot.dataModel?.fields ?? []) {
      if (!f.hash || f.isSystem || f.name.startsWith('$')) continue;
      byHash.set(f.hash, [...(byHash.get(f.hash) ?? []), { name: f.name, isKey: f.isKey }]);
    }
    for (const group of byHash.values()) {
      if (group.length < 2) continue;
      // one finding per group, on the copy: a field that is not a key (keys link tables and stay)
      const sorted = [...group].sort((a, b) => Number(b.isKey) - Number(a.isKey) || a.name.localeCompare(b.name));
      const original = sorted[0];
      const copy = sorted.find((f) => f !== original && !f.isKey) ?? sorted[1];
      const others = group.filter((f) => f !== copy).map((f) => f.name);
      ctx.report({
        target: ctx.index.fieldTarget(copy.name),
        message: `Field "${copy.name}" has the same contents as ${others.map((n) => `"${n}"`).join(', ')}.`,
        data: { sameAs: others },
        content: [copy.name, ...others].join('\u0000'),
      });
    }
  },
});
