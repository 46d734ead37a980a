import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { describeSite, reportAt } from '../shared/helpers';
import { isStandalone } from '../shared/measures';
import { SOURCES } from '../shared/sources';

const PERIOD_FIELD = /year|month|quarter|week|date|period|day|jahr|monat/i;
const PERIOD_VALUE = /^(19|20)\d{2}([-/.]\d{1,2}([-/.]\d{1,2})?)?$|^(19|20)\d{2}-?Q[1-4]$/i;

export default defineRule({
  code: 'D10',
  name: 'hard-coded-set-values',
  category: 'design',
  severity: 'info',
  summary: 'Literal periods in set modifiers, e.g. Year={2023}: the expression goes stale next year.',
  why: { text: "Hard-coded years and months in set analysis silently go out of date; QlikTech's best practice is variables or calendar flags for periods.", sources: [SOURCES.bestPractices, SOURCES.setAnalysis] },
  howToFix: 'Use a variable ({<Year={$(vCurrentYear)}>}), a search ({<Year={"$(=Max(Year))"}>}) or a calendar flag ({<IsCurrentYear={1}>}).',
  examples: { bad: 'Sum({<Year={2023}>} Sales)', good: 'Sum({<Year={$(vCurrentYear)}>} Sales)' },
  severityReason:
    'The expression is right today; that it goes stale in the next period is a maintenance suggestion, and a fixed period is sometimes intended.',
  options: z.object({}),
  needs: ['objects'],
  check(ctx) {
    for (const e of ctx.index.expressions) {
      const modifiers = (isStandalone(e) ? e.parsed.references()?.modifiers : undefined) ?? [];
      for (const m of modifiers) {
        const literal = m.literals.find((l) => PERIOD_VALUE.test(l.value.trim()) && (PERIOD_FIELD.test(m.field) || /^(19|20)\d{2}$/.test(l.value.trim())));
        if (!literal) continue;
        // a literal that came from a variable's expansion is not hard-coded in this expression
        const range = e.parsed.toOriginal(literal.from, literal.to);
        if (!e.expression.text.slice(range.from, range.to).includes(literal.value.trim())) continue;
        reportAt(ctx, e, `The ${describeSite(ctx, e)} hard-codes ${m.field}=${literal.value} in set analysis.`, range, {
          data: { field: m.field, value: literal.value },
          content: `${e.expression.location.path}\u0000${e.expression.text}`,
        });
        break;
      }
    }
  },
});
