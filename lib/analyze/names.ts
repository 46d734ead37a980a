// What a name in an expression refers to: fields, derived (calendar) fields, system fields,
// master measure labels, the measure labels of a chart, variables; and the names a chart's own
// columns give: its measure labels and the fields of its plain dimensions.
import { chartMeasureLabels } from '../snapshot/chart-labels';
import { lazy, memo, type Lookups } from './lookups';
import { bareFieldName } from './parsed-expression';

interface CubeDimension {
  qLibraryId?: string;
  qDef?: { qFieldDefs?: unknown[] };
}

export type NameResolution = 'field' | 'derived' | 'system' | 'master-measure' | 'chart-label' | 'variable';

export class Names {
  constructor(private readonly lookups: Lookups) {}

  private readonly _derivedPrefixes = lazy(() =>
    (this.lookups.snapshot.dataModel?.fields ?? [])
      .filter((f) => f.derived.length > 0 || f.tags.includes('$date') || f.tags.includes('$timestamp'))
      .map((f) => f.name + '.'),
  );

  private readonly _objectsByMeasureLabel = lazy(() => {
    const map = new Map<string, string[]>();
    for (const o of this.lookups.snapshot.objects) {
      for (const label of this.measureLabelsOf(o.id)) {
        const ids = map.get(label);
        if (ids) ids.push(o.id);
        else map.set(label, [o.id]);
      }
    }
    return map;
  });

  /**
   * What a bracketed or bare name in an expression refers to: a field, a derived (calendar) field,
   * a system field ($Field …), a master measure label, a measure label of the same chart
   * (Qlik lets a measure use another column's label), or a variable used by name.
   */
  resolve(name: string, objectId: string | undefined, inSetModifier: boolean): NameResolution | undefined {
    const { lookups } = this;
    if (lookups.fields.has(name)) return 'field';
    if (name.startsWith('$')) return 'system';
    if (this.isDerivedField(name)) return 'derived';
    if (inSetModifier) return undefined;
    if (lookups.masterMeasuresByLabel.has(name)) return 'master-measure';
    if (objectId && this.measureLabelsOf(objectId).has(name)) return 'chart-label';
    if (lookups.hasVariable(name)) return 'variable';
    return undefined;
  }

  /** `OrderDate.autoCalendar.Year`: a derived field of a calendar definition on a date field */
  isDerivedField(name: string): boolean {
    return this._derivedPrefixes().some((prefix) => name.startsWith(prefix) && name.length > prefix.length);
  }

  /** The measure labels of the chart owning a location (its own expressions can reference them as [Label]). */
  readonly measureLabelsOf = memo((objectId): Set<string> => chartMeasureLabels(this.lookups.objects.get(objectId)?.properties));

  /**
   * The fields of a chart's plain-field dimensions, in the hypercube's order: a library dimension
   * by its master item's first field, `=[Field]` as that field when the data model has it.
   */
  readonly dimensionFieldsOf = memo((objectId): readonly string[] => {
    const { lookups } = this;
    const cube = lookups.objects.get(objectId)?.properties.qHyperCubeDef as { qDimensions?: CubeDimension[] } | undefined;
    const fields: string[] = [];
    for (const d of cube?.qDimensions ?? []) {
      const defs = d.qLibraryId ? (lookups.masterDimensions.get(d.qLibraryId)?.fieldDefs ?? []) : (d.qDef?.qFieldDefs ?? []);
      const first = defs[0];
      if (typeof first !== 'string') continue;
      const text = first.trim();
      if (text.startsWith('=')) {
        const inner = bareFieldName(text.slice(1));
        if (lookups.hasField(inner)) fields.push(inner);
      } else fields.push(bareFieldName(text));
    }
    return fields;
  });

  /** The objects whose hypercube has a measure labelled `label`, in snapshot order. */
  objectsWithMeasureLabel(label: string): readonly string[] {
    return this._objectsByMeasureLabel().get(label) ?? [];
  }
}
