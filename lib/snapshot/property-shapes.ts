// Property shapes Qlik writes itself that look like expressions or links but are not live ones.
// Each shape and its source is written down in docs/property-shapes.md. Pure.

/**
 * `qData` of a list definition (`qChildListDef`, `qAppObjectListDef`, `qVariableListDef` …) is a
 * template: JSON pointers into each listed item's properties (engine-rpc.json ChildListDef.qData:
 * "You need to enter the paths to the information you want to retrieve"). Containers write
 * `qChildListDef.qData.qExtendsId: "/qExtendsId"`, which is not a link to a master visualization.
 */
export function isListTemplate(key: string, parentKey: string | undefined): boolean {
  return key === 'qData' && parentKey !== undefined && parentKey.startsWith('q') && parentKey.endsWith('ListDef');
}

/** Subtrees Sense keeps in the properties but the engine never lays out: their strings are mentions, not live expressions. */
export const KEPT_NOT_EVALUATED = new Set(['qLayoutExclude', 'qUndoExclude']);

/**
 * What each Sense chart colour mode (`color.mode`) reads; the other settings are kept but unused
 * (help.qlik.com sense-developer "linechart properties", `color`: "If auto: true, no other
 * properties need to be defined"; `mode` applies "when auto-coloring has been switched off";
 * byDimension reads its dimension definition, written `byDimDef` by Sense, `byDimensionDef` in the help).
 */
const COLOUR_MODE_KEYS: Record<string, readonly string[]> = {
  byExpression: ['colorExpression', 'expressionLabel'],
  byMeasure: ['byMeasureDef'],
  byDimension: ['byDimDef', 'byDimensionDef'],
};
const ALL_COLOUR_MODE_KEYS = ['colorExpression', 'expressionLabel', 'byMeasureDef', 'byDimDef', 'byDimensionDef'];

/**
 * Keys of `record` Sense keeps but does not use, and why: colour settings of an inactive colour
 * mode (below), or axis limits not in force: a measure axis reads `max` only with `autoMinMax: false`
 * and `minMax` 'max' or 'minMax', `min` only with 'min' or 'minMax' (Qlik Sense .NET SDK reference,
 * MeasureAxis.Max: "Automatic max/min must be turned off and minMax must be set to 'max' or
 * 'minMax' to use this property").
 */
export function inactiveKeys(record: Record<string, unknown>): { keys: readonly string[]; reason: 'inactive-colour' | 'inactive-setting' } | undefined {
  if ('autoMinMax' in record && ('min' in record || 'max' in record)) {
    if (record.autoMinMax === true) return { keys: ['min', 'max'], reason: 'inactive-setting' };
    if (record.minMax === 'min') return { keys: ['max'], reason: 'inactive-setting' };
    if (record.minMax === 'max') return { keys: ['min'], reason: 'inactive-setting' };
    return undefined;
  }
  const colour = colourKeys(record);
  return colour ? { keys: colour, reason: 'inactive-colour' } : undefined;
}

/**
 * Keys of `record` that hold colour settings of an inactive colour mode:
 * - a Sense chart's `color` object (`auto`, `mode`, `colorExpression`, `byMeasureDef`, `byDimDef`):
 *   with `auto: true` Sense colours by itself and none of them is read; otherwise only the keys of
 *   the selected `mode` are read;
 * - a style colour (`useColorExpression`, `color`, `colorExpression`, as in action buttons and
 *   layout containers): with `useColorExpression: false` the colour expression is not used;
 * - a KPI's `conditionalColoring` with `useConditionalColoring: false`: its `segments` (limits that
 *   may be expressions) are not used.
 * Returns undefined when nothing is inactive (the common case: no allocation).
 */
function colourKeys(record: Record<string, unknown>): readonly string[] | undefined {
  if (record.useColorExpression === false && 'colorExpression' in record) return ['colorExpression'];
  // KPI measure `conditionalColoring` (help.qlik.com sense-developer KpiConditionalColoring:
  // useConditionalColoring "Boolean to set if the object should use conditions to color the object")
  if (record.useConditionalColoring === false && 'segments' in record) return ['segments'];
  if (typeof record.mode !== 'string' || !('auto' in record)) return undefined;
  if (!ALL_COLOUR_MODE_KEYS.some((k) => k in record)) return undefined;
  if (record.auto === true) return ALL_COLOUR_MODE_KEYS;
  const active = COLOUR_MODE_KEYS[record.mode] ?? [];
  return ALL_COLOUR_MODE_KEYS.filter((k) => !active.includes(k));
}

/**
 * The histogram maximum Sense writes for a listbox: `frequencyMax.qValueExpression` =
 * `Max(AGGR(Count([f]), [f]))` with `f` the listbox's own field definition, which for a calculated
 * dimension is `=expr` (nebula.js listbox properties, `frequencyMax`). `[=expr]` there names the
 * listbox's dimension, not a field of the data model.
 */
export function isListboxFrequencyPath(pointer: string): boolean {
  return pointer.startsWith('/frequencyMax/') || pointer.includes('/frequencyMax/');
}

/**
 * Whether an object shows its measures as values placed in its own text, never by their labels:
 * the Dashboard bundle's Text (sn-text) keeps its text as a JSON tree in `text` in which a measure
 * is a `qlik.expression.node` naming the measure by its `cId` (`expressionId`), rendered as the
 * measure's value (help.qlik.com "Text", Dashboard bundle: "formatted text and measure values";
 * the shape: ../shared/corpus reload-analyzer, sn-text objects). Such a measure's `qLabel` is an
 * editing name that users of the app never see.
 */
export function showsMeasuresInText(properties: Record<string, unknown>): boolean {
  const text = properties.text;
  if (typeof text !== 'string' || !text.includes('qlik.expression.node')) return false;
  let tree: unknown;
  try {
    tree = JSON.parse(text);
  } catch {
    return false;
  }
  const hasExpressionNode = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(hasExpressionNode);
    if (!node || typeof node !== 'object') return false;
    const record = node as Record<string, unknown>;
    return record.type === 'qlik.expression.node' || Object.values(record).some(hasExpressionNode);
  };
  return hasExpressionNode(tree);
}
