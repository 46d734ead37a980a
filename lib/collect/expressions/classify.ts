// Classifies where in a Qlik property tree an expression sits. Pure; paths are JSON-pointer segments.
// Property names follow the engine's HyperCubeDef/NxMeasure/NxDimension schema (engine-rpc.json) and
// the Sense client's own keys as seen in real unbuild trees (../shared/corpus: style/*/colorExpression,
// refLine/refLines/dimRefLines, measureAxes, objects/#/condition in layout containers, …).
import type { ExpressionKind } from '../../snapshot/schema';

const COLOUR = /colou?r/i;
const TOOLTIP = /tooltip/i;
const TEXT = /^(text|markdown|content|html)$/i;

/** Which of the keys that decide a kind a path passes through: one pass, no closures (this runs for every expression of an app). */
function factsOf(path: readonly string[]) {
  const f = { calcCondition: false, msg: false, calcCond: false, sort: false, attributes: false, referenceLine: false, colour: false, tooltip: false, limit: false, axis: false, otherLabel: false, fieldDefs: false, measures: false, show: false, label: false, text: false };
  for (const segment of path) {
    switch (segment) {
      case 'qCalcCondition': f.calcCondition = true; continue;
      case 'qMsg': f.msg = true; continue;
      case 'qCalcCond': f.calcCond = true; continue;
      case 'qSortCriterias': case 'qSortBy': f.sort = true; continue;
      case 'qAttributeExpressions': case 'qAttributeDimensions': f.attributes = true; continue;
      case 'refLine': case 'refLines': case 'dimRefLines': case 'refLineExpr': f.referenceLine = true; continue;
      case 'qOtherCounted': case 'qOtherLimit': f.limit = true; continue;
      case 'measureAxes': case 'measureAxis': case 'dimensionAxis': case 'axis': f.axis = true; continue;
      case 'qOtherLabel': case 'qTotalLabel': f.otherLabel = true; continue;
      case 'qFieldDefs': f.fieldDefs = true; continue;
      case 'qMeasures': case 'qMeasure': f.measures = true; continue;
      case 'show': case 'showCondition': case 'condition': case 'displayCondition': f.show = true; continue;
      case 'label': case 'labels': f.label = true; continue;
    }
    // none of the keys above matches these patterns
    if (!f.colour && COLOUR.test(segment)) f.colour = true;
    if (!f.tooltip && TOOLTIP.test(segment)) f.tooltip = true;
    if (!f.text && TEXT.test(segment)) f.text = true;
  }
  return f;
}

/** Kind of the expression at `path` (the full path to the string). `attributeId` is the `id` of an enclosing qAttributeExpressions entry. */
export function classifyExpressionPath(path: readonly string[], attributeId?: string): ExpressionKind {
  const last = path[path.length - 1];
  const f = factsOf(path);
  if (f.calcCondition) return f.msg ? 'calculation-condition-message' : 'calculation-condition';
  if (f.calcCond) return 'calculation-condition';
  if (f.sort) return 'sort';
  if (f.attributes) {
    const id = (attributeId ?? '').toLowerCase();
    if (id.includes('color') || id.includes('colour')) return 'colour';
    if (id.includes('tooltip')) return 'tooltip';
    return 'attribute';
  }
  if (f.referenceLine) return 'reference-line';
  if (f.colour) return 'colour';
  if (f.tooltip) return 'tooltip';
  if (f.limit) return 'limit';
  if (f.axis) return 'axis';
  if (last === 'qLabelExpression' || f.otherLabel) return 'label';
  if (f.fieldDefs) return 'dimension';
  if (last === 'qDef' && f.measures) return 'measure';
  if (f.show) return 'show-condition';
  const top = path[0];
  if (top === 'title') return 'title';
  if (top === 'subtitle') return 'subtitle';
  if (top === 'footnote') return 'footnote';
  if (f.label) return 'label';
  if (f.text) return 'text';
  return 'other';
}
