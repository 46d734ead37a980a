// The measure labels of one chart, which its own expressions may reference as [Label] (Qlik help,
// "References to fields, measures, and variables": "the chart measure must be in the same chart").
// Read from every hypercube in the object's own properties (its `qHyperCubeDef`, or each layer's of
// a layered chart), so a name is not called unknown when any cube of the chart labels it. Shared
// by the collector (qLabels of CheckExpression) and the rules (name resolution), so both agree.

/** Every `qMeasures[n].qDef.qLabel` in `properties` (an object's own properties; children are separate objects). */
export function chartMeasureLabels(properties: unknown): Set<string> {
  const labels = new Set<string>();
  addMeasureLabels(properties, labels);
  return labels;
}

/** One walk of the whole tree per object the collector reads: no closure, no [key, value] pair per property. */
function addMeasureLabels(value: unknown, labels: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) addMeasureLabels(v, labels);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  // for…in, not Object.entries or Object.keys: this walks every object of an app, and the arrays
  // they make were a sizeable share of a collection's garbage
  for (const k in record) {
    if (!Object.hasOwn(record, k)) continue;
    const v = record[k];
    if (k === 'qMeasures' && Array.isArray(v)) {
      for (const m of v) {
        const label = (m as { qDef?: { qLabel?: unknown } } | null)?.qDef?.qLabel;
        if (typeof label === 'string' && label) labels.add(label);
      }
    } else {
      addMeasureLabels(v, labels);
    }
  }
}
