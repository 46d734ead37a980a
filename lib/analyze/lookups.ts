// Lookups by id and name over one snapshot, each built lazily and once per analysis.
import type { VariableDefinition } from '../expression/dollar';
import type {
  AppSnapshot,
  Bookmark,
  DataTable,
  MasterDimension,
  MasterMeasure,
  MasterVisualization,
  ModelField,
  Sheet,
  Variable,
  VisObject,
} from '../snapshot/schema';
import { scriptVariables, VariableDefinitions } from './script-variables';

/** A value made on first use; a failure is remembered and rethrown rather than retried. */
export function lazy<T>(make: () => T): () => T {
  let done = false;
  let value: T;
  let failure: unknown;
  return () => {
    if (failure !== undefined) throw failure;
    if (!done) {
      try {
        value = make();
        done = true;
      } catch (error) {
        failure = error ?? new Error('index build failed');
        throw failure;
      }
    }
    return value;
  };
}

/** A memo keyed by string: `make` runs once per key. */
export function memo<T>(make: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as T;
    const value = make(key);
    cache.set(key, value);
    return value;
  };
}

/** The first item per key (later duplicates are ignored). */
function byKey<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined && !map.has(k)) map.set(k, item);
  }
  return map;
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export class Lookups {
  constructor(readonly snapshot: AppSnapshot) {}

  private readonly _fields = lazy(() => byKey(this.snapshot.dataModel?.fields ?? [], (f) => f.name));
  private readonly _tables = lazy(() => byKey(this.snapshot.dataModel?.tables ?? [], (t) => t.name));
  private readonly _variables = lazy(() => byKey(this.snapshot.variables, (v) => v.name));
  private readonly _variableDefinitions = lazy(() => {
    const listed = new Map<string, VariableDefinition>();
    // A calculated variable (`=…`) expands to the value the engine evaluated, when the collector got one.
    for (const v of this.snapshot.variables) listed.set(v.name, { definition: v.definition, value: v.value });
    // the load script's SET/LET variables the list does not have (offline snapshots, app folders, names built with $(…))
    return new VariableDefinitions(listed, scriptVariables(this.snapshot.script?.text));
  });
  private readonly _objects = lazy(() => byKey(this.snapshot.objects, (o) => o.id));
  private readonly _sheets = lazy(() => byKey(this.snapshot.sheets, (s) => s.id));
  private readonly _masterMeasures = lazy(() => byKey(this.snapshot.masterMeasures, (m) => m.id));
  private readonly _masterMeasuresByLabel = lazy(() => groupBy(this.snapshot.masterMeasures, (m) => m.label));
  private readonly _masterDimensions = lazy(() => byKey(this.snapshot.masterDimensions, (d) => d.id));
  private readonly _masterDimensionsByTitle = lazy(() => groupBy(this.snapshot.masterDimensions, (d) => d.title));
  private readonly _masterVisualizations = lazy(() => byKey(this.snapshot.masterVisualizations, (m) => m.id));
  private readonly _bookmarks = lazy(() => byKey(this.snapshot.bookmarks, (b) => b.id));
  private readonly _alternateStates = lazy(() => {
    // GetAppLayout qStateNames, plus the app properties' own list (seen to differ in the simulator)
    const fromProperties = this.snapshot.app.properties.qStateNames;
    const extra = Array.isArray(fromProperties) ? fromProperties.filter((s): s is string => typeof s === 'string') : [];
    return new Set([...this.snapshot.app.alternateStates, ...extra]);
  });

  get fields(): Map<string, ModelField> {
    return this._fields();
  }
  get tables(): Map<string, DataTable> {
    return this._tables();
  }
  get variables(): Map<string, Variable> {
    return this._variables();
  }
  /** every variable an expression can expand: the app's own list and what the load script creates */
  get variableDefinitions(): ReadonlyMap<string, VariableDefinition> {
    return this._variableDefinitions();
  }
  get objects(): Map<string, VisObject> {
    return this._objects();
  }
  get sheets(): Map<string, Sheet> {
    return this._sheets();
  }
  get masterMeasures(): Map<string, MasterMeasure> {
    return this._masterMeasures();
  }
  get masterMeasuresByLabel(): Map<string, MasterMeasure[]> {
    return this._masterMeasuresByLabel();
  }
  get masterDimensions(): Map<string, MasterDimension> {
    return this._masterDimensions();
  }
  get masterDimensionsByTitle(): Map<string, MasterDimension[]> {
    return this._masterDimensionsByTitle();
  }
  get masterVisualizations(): Map<string, MasterVisualization> {
    return this._masterVisualizations();
  }
  get bookmarks(): Map<string, Bookmark> {
    return this._bookmarks();
  }
  /** the app's alternate states */
  get alternateStates(): ReadonlySet<string> {
    return this._alternateStates();
  }

  /** the data model has this field (names are case-sensitive in Qlik) */
  hasField(name: string): boolean {
    return this.fields.has(name);
  }
  /** a variable of the app's list or one the load script creates (names are case-sensitive) */
  hasVariable(name: string): boolean {
    return this.variables.has(name) || this._variableDefinitions().has(name);
  }
}
