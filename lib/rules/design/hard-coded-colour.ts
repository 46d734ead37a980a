import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { describeSite, reportAt } from '../shared/helpers';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'D09',
  name: 'hard-coded-colour',
  category: 'design',
  severity: 'info',
  summary: "RGB(), ARGB() or '#rrggbb' in colour expressions instead of master-item or theme colours.",
  why: { text: 'Colours written into expressions ignore the theme and drift apart from chart to chart; master item colours and the theme keep them consistent and change in one place.', sources: [SOURCES.masterItems, SOURCES.themes] },
  howToFix: 'Assign colours to master dimensions and measures, or define them in a custom theme.',
  examples: { bad: "If(Sum(Margin) < 0, RGB(255, 0, 0), '#00aa00')", good: 'colour by master measure / theme palette' },
  severityReason: 'A hard-coded colour works; it only ignores the theme, so it is a style suggestion.',
  rollUp: true,
  options: z.object({}),
  needs: ['objects'],
  check(ctx) {
    for (const e of ctx.index.expressions) {
      if (e.expression.location.kind !== 'colour') continue;
      const colours = e.parsed.references()?.colours ?? [];
      if (colours.length === 0) continue;
      const first = colours[0];
      reportAt(ctx, e, `The ${describeSite(ctx, e)} hard-codes ${colours.length === 1 ? 'a colour' : `${colours.length} colours`} (${colours.map((c) => c.text).join(', ')}).`, e.parsed.toOriginal(first.from, first.to), {
        data: { colours: colours.map((c) => c.text) },
        content: `${e.expression.location.path}\u0000${e.expression.text}`,
      });
    }
  },
});
