// Everything rules share within one analysis, built lazily and once: lookups by id and name,
// each unique expression expanded and parsed once, the usage index, and targets for findings.
import type { Diagnostic } from '../expression/diagnostics';
import type { VariableDefinition } from '../expression/dollar';
import { parseExpression } from '../expression/parser';
import { chartMeasureLabels } from '../snapshot/chart-labels';
import { normaliseExpression, printExpression } from '../expression/printer';
import type {
  AppSnapshot,
  Bookmark,
  DataTable,
  Expression,
  ExpressionLocation,
  MasterDimension,
  MasterMeasure,
  MasterVisualization,
  ModelField,
  Sheet,
  Variable,
  VisObject,
} from '../snapshot/schema';
import { parseForAnalysis, type ParsedExpression } from './parsed-expression';
import { scriptVariables, VariableDefinitions } from './script-variables';
import type { Target } from './result';
import { UsageIndex } from './usage-index';

function lazy<T>(make: () => T): () => T {
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

function byKey<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined && !map.has(k)) map.set(k, item);
  }
  return map;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export type NameResolution = 'field' | 'derived' | 'system' | 'master-measure' | 'chart-label' | 'variable';

export interface IndexedExpression {
  expression: Expression;
  parsed: ParsedExpression;
}

export class AnalysisIndex {
  constructor(readonly snapshot: AppSnapshot) {}

  private readonly parseCache = new Map<string, ParsedExpression>();

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
  private readonly _expressions = lazy(() =>
    this.snapshot.expressions.map((expression) => ({ expression, parsed: this.parse(expression.text, expression.syntax) })),
  );
  private readonly _expressionsByObject = lazy(() => groupBy(this.expressions, (e) => e.expression.location.objectId));
  private readonly _usage = lazy(() => new UsageIndex(this));

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
  /** a variable of the app's list or one the load script creates (names are case-sensitive) */
  hasVariable(name: string): boolean {
    return this.variables.has(name) || this._variableDefinitions().has(name);
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
  /** every expression of the snapshot with its parse, in snapshot order */
  get expressions(): IndexedExpression[] {
    return this._expressions();
  }
  expressionsOf(objectId: string): IndexedExpression[] {
    return this._expressionsByObject().get(objectId) ?? [];
  }
  get usage(): UsageIndex {
    return this._usage();
  }

  /** Expand and parse a text once per analysis (cache keyed by syntax and text). */
  parse(text: string, syntax: 'expression' | 'field' = 'expression'): ParsedExpression {
    const key = `${syntax}\u0000${text}`;
    let parsed = this.parseCache.get(key);
    if (!parsed) {
      parsed = parseForAnalysis(text, syntax, this.variableDefinitions);
      this.parseCache.set(key, parsed);
    }
    return parsed;
  }

  private readonly rawCache = new Map<string, Diagnostic[]>();

  /** Error diagnostics of the text as written, without dollar expansion ($(…) read as an opaque operand). */
  rawErrors(text: string): Diagnostic[] {
    let errors = this.rawCache.get(text);
    if (!errors) {
      // without a $( the text as written is the text parsed: reuse that parse
      const diagnostics = text.includes('$(') ? parseExpression(text, { reportDollar: true }).diagnostics : this.parse(text).diagnostics;
      errors = diagnostics.filter((d) => d.severity === 'error');
      this.rawCache.set(text, errors);
    }
    return errors;
  }

  private readonly _alternateStates = lazy(() => {
    // GetAppLayout qStateNames, plus the app properties' own list (seen to differ in the simulator)
    const fromProperties = this.snapshot.app.properties.qStateNames;
    const extra = Array.isArray(fromProperties) ? fromProperties.filter((s): s is string => typeof s === 'string') : [];
    return new Set([...this.snapshot.app.alternateStates, ...extra]);
  });

  /** the app's alternate states */
  get alternateStates(): ReadonlySet<string> {
    return this._alternateStates();
  }

  private readonly normalisedCache = new Map<string, string>();

  /** The canonical text of an expression (printer): equal for texts that differ only in spacing, case of keywords, quoting. */
  normalised(text: string): string {
    let out = this.normalisedCache.get(text);
    if (out === undefined) {
      const parsed = this.parse(text);
      out = parsed.root && parsed.expanded === text ? printExpression(parsed.root) : normaliseExpression(text);
      this.normalisedCache.set(text, out);
    }
    return out;
  }

  /** the data model has this field (names are case-sensitive in Qlik) */
  hasField(name: string): boolean {
    return this.fields.has(name);
  }

  /**
   * What a bracketed or bare name in an expression refers to: a field, a derived (calendar) field,
   * a system field ($Field …), a master measure label, a measure label of the same chart
   * (Qlik lets a measure use another column's label), or a variable used by name.
   */
  resolveName(name: string, objectId: string | undefined, inSetModifier: boolean): NameResolution | undefined {
    if (this.fields.has(name)) return 'field';
    if (name.startsWith('$')) return 'system';
    if (this.isDerivedField(name)) return 'derived';
    if (inSetModifier) return undefined;
    if (this.masterMeasuresByLabel.has(name)) return 'master-measure';
    if (objectId && this.measureLabelsOf(objectId).has(name)) return 'chart-label';
    if (this.hasVariable(name)) return 'variable';
    return undefined;
  }

  private readonly _derivedPrefixes = lazy(() =>
    (this.snapshot.dataModel?.fields ?? []).filter((f) => f.derived.length > 0 || f.tags.includes('$date') || f.tags.includes('$timestamp')).map((f) => f.name + '.'),
  );

  /** `OrderDate.autoCalendar.Year`: a derived field of a calendar definition on a date field */
  isDerivedField(name: string): boolean {
    return this._derivedPrefixes().some((prefix) => name.startsWith(prefix) && name.length > prefix.length);
  }

  // ---- targets ----

  sheetRef(sheetId: string | undefined): Target['sheet'] {
    if (!sheetId) return undefined;
    const sheet = this.sheets.get(sheetId);
    return { id: sheetId, ...(sheet ? { name: sheet.title } : {}) };
  }

  private readonly objectTargets = new Map<string, Target>();

  /** The target of an object (cached: targets are shared by findings and never mutated). */
  objectTarget(objectId: string): Target {
    let target = this.objectTargets.get(objectId);
    if (!target) {
      target = this.makeObjectTarget(objectId);
      this.objectTargets.set(objectId, target);
    }
    return target;
  }

  private makeObjectTarget(objectId: string): Target {
    const object = this.objects.get(objectId);
    if (object?.inMasterVisualization) {
      const master = this.masterVisualizations.get(object.rootId);
      return { kind: 'master-object', id: objectId, name: object.title || master?.title || object.type };
    }
    const title = object?.titleIsExpression ? '(title expression)' : object?.title;
    const target: Target = { kind: 'object', id: objectId, name: title || object?.type || objectId };
    const sheet = this.sheetRef(object?.sheetId);
    if (sheet) target.sheet = sheet;
    return target;
  }

  sheetTarget(sheetId: string): Target {
    return { kind: 'sheet', id: sheetId, name: this.sheets.get(sheetId)?.title ?? sheetId, sheet: this.sheetRef(sheetId) };
  }

  fieldTarget(name: string): Target {
    return { kind: 'field', id: name, name };
  }

  tableTarget(name: string): Target {
    return { kind: 'table', id: name, name };
  }

  variableTarget(name: string): Target {
    return { kind: 'variable', id: name, name };
  }

  appTarget(): Target {
    return { kind: 'app', id: this.snapshot.app.id, name: this.snapshot.app.name };
  }

  /** The target an expression's location belongs to. */
  locationTarget(location: ExpressionLocation): Target {
    switch (location.owner) {
      case 'object':
        return this.objectTarget(location.objectId);
      case 'sheet':
        return this.sheetTarget(location.objectId);
      case 'master-measure': {
        const m = this.masterMeasures.get(location.objectId);
        return { kind: 'master-measure', id: location.objectId, name: m?.label || m?.title || location.objectId };
      }
      case 'master-dimension': {
        const d = this.masterDimensions.get(location.objectId);
        return { kind: 'master-dimension', id: location.objectId, name: d?.title || location.objectId };
      }
      case 'master-visualization': {
        const v = this.masterVisualizations.get(location.objectId);
        return { kind: 'master-object', id: location.objectId, name: v?.title || location.objectId };
      }
      case 'variable': {
        const v = this.snapshot.variables.find((x) => x.id === location.objectId || x.name === location.objectId);
        return this.variableTarget(v?.name ?? location.objectId);
      }
      case 'app':
        return this.appTarget();
      default:
        return { kind: 'object', id: location.objectId, name: location.objectType };
    }
  }

  private readonly measureLabelsByObject = new Map<string, Set<string>>();

  /** The measure labels of the chart owning a location (its own expressions can reference them as [Label]). */
  measureLabelsOf(objectId: string): Set<string> {
    let labels = this.measureLabelsByObject.get(objectId);
    if (!labels) {
      labels = chartMeasureLabels(this.objects.get(objectId)?.properties);
      this.measureLabelsByObject.set(objectId, labels);
    }
    return labels;
  }

  private readonly _objectsByMeasureLabel = lazy(() => {
    const map = new Map<string, string[]>();
    for (const o of this.snapshot.objects) {
      for (const label of this.measureLabelsOf(o.id)) {
        const ids = map.get(label);
        if (ids) ids.push(o.id);
        else map.set(label, [o.id]);
      }
    }
    return map;
  });

  /** The objects whose hypercube has a measure labelled `label`, in snapshot order. */
  objectsWithMeasureLabel(label: string): readonly string[] {
    return this._objectsByMeasureLabel().get(label) ?? [];
  }
}
