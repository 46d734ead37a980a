// Which expressions are measures (chart measures, master measures and their alternatives, measure-like variables are excluded).
import type { IndexedExpression } from '../../analyze/analysis-index';

export const isMeasure = (e: IndexedExpression): boolean => e.expression.syntax === 'expression' && e.expression.location.kind === 'measure';

/** an expression in its own right: not a text variable, whose definition is a fragment judged where it is expanded */
export const isStandalone = (e: IndexedExpression): boolean =>
  e.expression.syntax === 'expression' && (e.expression.location.owner !== 'variable' || e.expression.text.trim().startsWith('='));

/** expressions whose aggregations run over the data (measures, conditions, colours, sort, labels) */
export const isCalculated = (e: IndexedExpression): boolean => e.expression.syntax === 'expression' && e.expression.location.owner !== 'variable';
