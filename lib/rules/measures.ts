// Which expressions are measures (chart measures, master measures and their alternatives, measure-like variables are excluded).
import type { IndexedExpression } from '../analyze/analysis-index';

export const isMeasure = (e: IndexedExpression): boolean => e.expression.syntax === 'expression' && e.expression.location.kind === 'measure';

/** expressions whose aggregations run over the data (measures, conditions, colours, sort, labels) */
export const isCalculated = (e: IndexedExpression): boolean => e.expression.syntax === 'expression' && e.expression.location.owner !== 'variable';
