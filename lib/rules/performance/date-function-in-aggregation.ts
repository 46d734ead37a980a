import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { describeSite, reportAt } from '../shared/helpers';
import { isCalculated } from '../shared/measures';
import { SOURCES } from '../shared/sources';

const DATE_TESTS = new Set([
  'INDAY', 'INDAYTOTIME', 'INWEEK', 'INWEEKTODATE', 'INLUNARWEEK', 'INLUNARWEEKTODATE', 'INMONTH', 'INMONTHTODATE',
  'INMONTHS', 'INMONTHSTODATE', 'INQUARTER', 'INQUARTERTODATE', 'INYEAR', 'INYEARTODATE', 'DATE#', 'TIMESTAMP#',
]);

export default defineRule({
  code: 'P10',
  name: 'date-function-in-aggregation',
  category: 'performance',
  severity: 'warning',
  summary: 'InMonth, InYear, Date# and similar date tests inside aggregations instead of set analysis or flags.',
  why: {
    text: "QlikTech's best-practice guide measured 3 to 15 times longer waits for time functions in expressions than for a simple comparison or set analysis.",
    sources: [SOURCES.bestPractices],
  },
  howToFix: 'Make period flags in the master calendar (IsCurrentYear, IsYTD) and use them in set analysis.',
  examples: { bad: 'Sum(If(InYearToDate(OrderDate, Today(), 0), Sales))', good: 'Sum({<IsYTD={1}>} Sales)' },
  severityReason:
    "A measured cost: QlikTech's best-practice guide timed date functions inside expressions at 3 to 15 times the wait of set analysis or a simple comparison.",
  options: z.object({}),
  needs: ['objects'],
  check(ctx) {
    for (const e of ctx.index.expressions) {
      const refs = isCalculated(e) ? e.parsed.references() : undefined;
      const first = refs?.calls.find((c) => c.aggregationDepth > 0 && DATE_TESTS.has(c.node.name.toUpperCase()));
      if (!first) continue;
      reportAt(ctx, e, `The ${describeSite(ctx, e)} calls ${first.canonicalName}() for every row inside an aggregation: use a calendar flag and set analysis.`, e.parsed.toOriginal(first.from, first.to), {
        content: `${e.expression.location.path}\u0000${e.expression.text}`,
      });
    }
  },
});
