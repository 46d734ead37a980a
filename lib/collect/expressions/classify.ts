// Classifies where in a Qlik property tree an expression sits. Pure; paths are JSON-pointer segments.
// Property names follow the engine's HyperCubeDef/NxMeasure/NxDimension schema (engine-rpc.json) and
// the Sense client's own keys as seen in real unbuild trees (../shared/corpus: style/*/colorExpression,
// refLine/refLines/dimRefLines, measureAxes, objects/#/condition in layout containers, …).
import type { ExpressionKind } from '../../snapshot/schema.ts';

const has = (path: readonly string[], key: string): boolean => path.includes(key);
const hasMatch = (path: readonly string[], re: RegExp): boolean => path.some((p) => re.test(p));

/** Kind of the expression at `path` (the full path to the string). `attributeId` is the `id` of an enclosing qAttributeExpressions entry. */
export function classifyExpressionPath(path: readonly string[], attributeId?: string): ExpressionKind {
  const last = path[path.length - 1];
  if (has(path, 'qCalcCondition')) return has(path, 'qMsg') ? 'calculation-condition-message' : 'calculation-condition';
  if (has(path, 'qCalcCond')) return 'calculation-condition';
  if (has(path, 'qSortCriterias') || has(path, 'qSortBy')) return 'sort';
  if (has(path, 'qAttributeExpressions') || has(path, 'qAttributeDimensions')) {
    const id = (attributeId ?? '').toLowerCase();
    if (id.includes('color') || id.includes('colour')) return 'colour';
    if (id.includes('tooltip')) return 'tooltip';
    return 'attribute';
  }
  if (hasMatch(path, /^(refLine|refLines|dimRefLines|refLineExpr)$/)) return 'reference-line';
  if (hasMatch(path, /colou?r/i)) return 'colour';
  if (hasMatch(path, /tooltip/i)) return 'tooltip';
  if (has(path, 'qOtherCounted') || has(path, 'qOtherLimit')) return 'limit';
  if (hasMatch(path, /^(measureAxes|measureAxis|dimensionAxis|axis)$/)) return 'axis';
  if (last === 'qLabelExpression' || has(path, 'qOtherLabel') || has(path, 'qTotalLabel')) return 'label';
  if (has(path, 'qFieldDefs')) return 'dimension';
  if (last === 'qDef' && (has(path, 'qMeasures') || has(path, 'qMeasure'))) return 'measure';
  if (hasMatch(path, /^(show|showCondition|condition|displayCondition)$/)) return 'show-condition';
  const top = path[0];
  if (top === 'title') return 'title';
  if (top === 'subtitle') return 'subtitle';
  if (top === 'footnote') return 'footnote';
  if (hasMatch(path, /^(label|labels)$/)) return 'label';
  if (hasMatch(path, /^(text|markdown|content|html)$/i)) return 'text';
  return 'other';
}
