import { z } from '../../schema/zod';
import type { IndexedExpression } from '../../analyze/analysis-index';
import { defineRule } from '../../analyze/rule';
import { describeSite, reportAt } from '../shared/helpers';
import { isBareFieldDimension } from '../shared/dimensions';
import { SOURCES } from '../shared/sources';

/**
 * A dimension that names no field (a constant, a ValueList/ValueLoop synthetic dimension) is not a
 * calculated dimension in Qlik's sense ("an expression involving one or more fields", help page
 * "Calculated dimensions"): nothing is evaluated over the data and no script column can replace it.
 * Only decided when the whole text was read (no error, no value known only at run time).
 */
const namesNoField = (e: IndexedExpression): boolean => !e.parsed.hasErrors && e.parsed.unknownValues.length === 0 && e.parsed.fields.length === 0;

export default defineRule({
  code: 'P06',
  name: 'calculated-dimension',
  category: 'performance',
  severity: 'warning',
  summary: 'A dimension defined as an expression over fields (=…) rather than a field.',
  why: {
    text:
      'A calculated dimension is evaluated row by row over the data on every selection and its result cannot use the ' +
      "field's precomputed symbol table; the same column made in the script costs nothing at run time. A dimension that names " +
      'no field (a constant, a ValueList or ValueLoop synthetic dimension) evaluates nothing over the data and is not reported.',
    sources: [SOURCES.qlikCalculatedDimensions, SOURCES.valueList, SOURCES.qsdaFlagLevels, SOURCES.calculatedDimensions],
  },
  howToFix: 'Create the column in the load script and use it as a plain field; keep calculated dimensions for what really depends on selections.',
  examples: { bad: "=If(Sales > 1000, 'Large', 'Small')", good: 'SizeClass  // made in the script' },
  severityReason:
    "The cost is certain: the dimension is evaluated row by row on every selection instead of read from a field's symbol table; the chart works, so it is a warning.",
  options: z.object({}),
  needs: ['objects'],
  check(ctx) {
    for (const e of ctx.index.expressions) {
      if (e.expression.location.kind !== 'dimension' || e.expression.syntax !== 'expression') continue;
      if (isBareFieldDimension(e)) continue; // P07
      if (namesNoField(e)) continue;
      reportAt(ctx, e, `The ${describeSite(ctx, e)} is calculated: ${e.expression.text.trim()}.`, undefined, { content: `${e.expression.location.path}\u0000${e.expression.text}` });
    }
  },
});
