// What a rule reads besides its snapshot, built lazily and once per analysis. Five parts, one job each:
// lookups (by id and name, lookups.ts), expressions (each text expanded and parsed once, expressions.ts),
// names (what a name in an expression refers to, names.ts), targets (what a finding points at,
// targets.ts) and usage (where each field, variable and master item is used, usage-index.ts).
// AnalysisIndex is the one surface rules see; it exposes the lookups directly and forwards the rest.
import type { Diagnostic } from '../expression/diagnostics';
import type { AppSnapshot, ExpressionLocation } from '../snapshot/schema';
import { Expressions, type IndexedExpression } from './expressions';
import { lazy, Lookups } from './lookups';
import { Names, type NameResolution } from './names';
import type { ParsedExpression } from './parsed-expression';
import type { Target } from './result';
import { type ListedObject, Targets } from './targets';
import { UsageIndex } from './usage-index';

export type { IndexedExpression, NameResolution };

/** What one rule's run named of the snapshot's objects (see recordNamedObjects). */
export interface NamedObjectsRecord {
  stop(): ReadonlySet<string> | 'all';
}

export class AnalysisIndex extends Lookups {
  private readonly parsedExpressions: Expressions;
  private readonly names = new Names(this);
  private readonly targets = new Targets(this, (objectId) => this.noteNamed(objectId));
  private readonly _usage = lazy(() => new UsageIndex(this, this.parsedExpressions, this.targets));
  private named: Set<string> | 'all' | undefined;

  /**
   * `parsesFrom`: an index over a snapshot with the same expressions, variables and load script
   * (a partial update during the timing pass): its expansions and parses are reused, not redone.
   */
  constructor(snapshot: AppSnapshot, parsesFrom?: AnalysisIndex) {
    super(snapshot);
    this.parsedExpressions = new Expressions(this, parsesFrom?.parsedExpressions);
  }

  /**
   * Records the objects whose targets are asked for, by any way (Targets tells of each), until `stop()` (one rule's run): a partial
   * update re-runs a rule that named an object whose name changed (a title expression is named by
   * its calculated title, which comes with the timing pass). Reading the usage index counts as
   * naming every object: it holds the targets of all use sites.
   */
  recordNamedObjects(): NamedObjectsRecord {
    const named = new Set<string>();
    this.named = named;
    return {
      stop: () => {
        const result = this.named ?? named;
        this.named = undefined;
        return result;
      },
    };
  }

  private noteNamed(objectId: string): void {
    if (this.named instanceof Set) this.named.add(objectId);
  }

  // ---- expressions ----

  /** every expression of the snapshot with its parse, in snapshot order */
  get expressions(): IndexedExpression[] {
    return this.parsedExpressions.all;
  }
  expressionsOf(objectId: string): IndexedExpression[] {
    return this.parsedExpressions.of(objectId);
  }
  /** Expand and parse a text once per analysis (cache keyed by syntax and text). */
  parse(text: string, syntax: 'expression' | 'field' = 'expression'): ParsedExpression {
    return this.parsedExpressions.parse(text, syntax);
  }
  /** Error diagnostics of the text as written, without dollar expansion ($(…) read as an opaque operand). */
  rawErrors(text: string): Diagnostic[] {
    return this.parsedExpressions.rawErrors(text);
  }
  /** The canonical text of an expression (printer): equal for texts that differ only in spacing, case of keywords, quoting. */
  normalised(text: string): string {
    return this.parsedExpressions.normalised(text);
  }

  // ---- names ----

  /** What a bracketed or bare name in an expression refers to (see Names.resolve). */
  resolveName(name: string, objectId: string | undefined, inSetModifier: boolean): NameResolution | undefined {
    return this.names.resolve(name, objectId, inSetModifier);
  }
  /** `OrderDate.autoCalendar.Year`: a derived field of a calendar definition on a date field */
  isDerivedField(name: string): boolean {
    return this.names.isDerivedField(name);
  }
  /** The measure labels of the chart owning a location (its own expressions can reference them as [Label]). */
  measureLabelsOf(objectId: string): Set<string> {
    return this.names.measureLabelsOf(objectId);
  }
  /** The objects whose hypercube has a measure labelled `label`, in snapshot order. */
  objectsWithMeasureLabel(label: string): readonly string[] {
    return this.names.objectsWithMeasureLabel(label);
  }
  /** The fields of a chart's plain-field dimensions (library dimensions resolved, `=[Field]` as the field), in order. */
  dimensionFieldsOf(objectId: string): readonly string[] {
    return this.names.dimensionFieldsOf(objectId);
  }

  // ---- targets ----

  sheetRef(sheetId: string | undefined): Target['sheet'] {
    return this.targets.sheetRef(sheetId);
  }
  /** The target of an object (cached: targets are shared by findings and never mutated). */
  objectTarget(objectId: string): Target {
    return this.targets.object(objectId);
  }
  /** The target of an object an app evaluation lists, which the snapshot may not hold. */
  listedObjectTarget(listed: ListedObject): Target {
    return this.targets.listedObject(listed);
  }
  masterVisualizationTarget(id: string): Target {
    return this.targets.masterVisualization(id);
  }
  /** How a message names a target: `object "Sales"`, or an untitled one `Bar chart on sheet "Sales overview"`. */
  describeTarget(target: Target, options?: { noun?: string; withSheet?: boolean }): string {
    return this.targets.describe(target, options);
  }
  sheetTarget(sheetId: string): Target {
    return this.targets.sheet(sheetId);
  }
  fieldTarget(name: string): Target {
    return this.targets.field(name);
  }
  tableTarget(name: string): Target {
    return this.targets.table(name);
  }
  variableTarget(name: string): Target {
    return this.targets.variable(name);
  }
  appTarget(): Target {
    return this.targets.app();
  }
  /** The target an expression's location belongs to. */
  locationTarget(location: ExpressionLocation): Target {
    return this.targets.location(location);
  }

  // ---- usage ----

  /** where each field, variable and master item is used (the basis of the unused-* rules) */
  get usage(): UsageIndex {
    if (this.named) this.named = 'all';
    return this._usage();
  }
}
