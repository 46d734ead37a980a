// Where each field, variable and master item is used in the app: the basis of unused-field (R01),
// unused-variable (D06) and unused-master-item (D05), and a where-used view for the UI.
// "Used" follows the rule catalogue: any expression (after dollar expansion, including variables
// that are themselves used, transitively), dimensions, set modifiers and element functions, sort
// expressions, bookmark selections, chart filters and list boxes, master items referenced by id or
// by label, keys, and section-access fields. Use in the load script alone is not a use in the app.
import { inSetAnalysis } from '../expression/queries';
import type { QlikObject } from '../schema/qlik-object';
import type { AppSnapshot } from '../snapshot/schema';
import type { Expressions } from './expressions';
import type { Lookups } from './lookups';
import { isNativeVisualization } from './native-visualizations';
import type { ParsedExpression } from './parsed-expression';
import type { Target } from './result';
import type { Targets } from './targets';

export type UseKind =
  | 'expression'
  | 'dimension'
  | 'set-modifier'
  | 'sort'
  | 'bookmark'
  | 'chart-filter'
  | 'listbox'
  | 'key'
  | 'section-access'
  | 'master-item'
  | 'variable'
  | 'alternative'
  | 'property'
  | 'string-literal';

export interface UseSite {
  kind: UseKind;
  target: Target;
  path?: string;
  /** the variable through which the use happens */
  via?: string;
}

interface WeakText {
  text: string;
  /** why this text cannot be trusted to list its field references */
  reason: string;
  /** set when the text is (part of) an expression that could not be fully read: R01 cannot decide about names in it */
  unreadable?: UnreadableExpression;
}

/** An expression with a parse error or a value only known at run time, where a name appears that no reading found. */
export interface UnreadableExpression {
  /** the expression as written */
  expression: string;
  /** why it could not be fully read */
  why: string;
  target: Target;
  path?: string;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export class UsageIndex {
  readonly fieldUses = new Map<string, UseSite[]>();
  readonly variableUses = new Map<string, UseSite[]>();
  readonly masterMeasureUses = new Map<string, UseSite[]>();
  readonly masterDimensionUses = new Map<string, UseSite[]>();
  readonly masterVisualizationUses = new Map<string, UseSite[]>();
  /** when set, no field can be called unused with high confidence (e.g. section access with an unreadable script) */
  readonly globalDoubt: string | undefined;
  private readonly weakTexts: WeakText[] = [];
  private readonly processedVariables = new Set<string>();
  private readonly variableQueue: string[] = [];

  constructor(
    private readonly lookups: Lookups,
    private readonly expressions: Expressions,
    private readonly targets: Targets,
  ) {
    const snapshot = lookups.snapshot;
    for (const { expression, parsed } of expressions.all) {
      if (expression.location.owner === 'variable') continue;
      const target = targets.location(expression.location);
      const ownerIsMaster = expression.location.owner.startsWith('master-');
      const kind: UseKind = ownerIsMaster
        ? 'master-item'
        : expression.location.kind === 'sort'
          ? 'sort'
          : expression.location.kind === 'dimension'
            ? 'dimension'
            : 'expression';
      this.record(parsed, { kind, target, path: expression.location.path });
    }
    this.drainVariables();
    for (const ref of snapshot.libraryReferences) {
      const site: UseSite = { kind: 'master-item', target: targets.object(ref.objectId), path: ref.path };
      const map = ref.kind === 'measure' ? this.masterMeasureUses : ref.kind === 'dimension' ? this.masterDimensionUses : this.masterVisualizationUses;
      push(map, ref.targetId, site);
    }
    for (const bookmark of snapshot.bookmarks) {
      for (const s of bookmark.selections) {
        push(this.fieldUses, s.field, { kind: 'bookmark', target: { kind: 'bookmark', id: bookmark.id, name: bookmark.title } });
      }
    }
    for (const ref of snapshot.fieldReferences) {
      push(this.fieldUses, ref.field, { kind: ref.kind === 'listbox' ? 'listbox' : 'chart-filter', target: targets.object(ref.objectId), path: ref.path });
    }
    for (const field of snapshot.dataModel?.fields ?? []) {
      if (field.isKey) push(this.fieldUses, field.name, { kind: 'key', target: targets.field(field.name) });
    }
    this.globalDoubt = this.recordSectionAccess(snapshot);
    this.recordPropertyStrings(snapshot);
    this.recordAlternatives(snapshot);
    this.recordMentions(snapshot);
    this.drainVariables();
    for (const v of snapshot.variables) {
      if (!this.variableUses.has(v.name)) this.weakTexts.push({ text: v.definition, reason: `only in the definition of variable ${v.name}, which nothing uses` });
    }
  }

  isFieldUsed(name: string): boolean {
    return this.fieldUses.has(name);
  }

  isVariableUsed(name: string): boolean {
    return this.variableUses.has(name);
  }

  /** Why a field that has no use could still be referenced somewhere we could not analyse; undefined = no mention anywhere. */
  doubtAbout(field: string): string | undefined {
    for (const weak of this.weakTexts) if (mentions(weak.text, field)) return `the name appears ${weak.reason}`;
    return this.globalDoubt;
  }

  /** The first expression that could not be fully read and names `field`: whether the field is used cannot be decided. */
  undecidedAbout(field: string): UnreadableExpression | undefined {
    for (const weak of this.weakTexts) if (weak.unreadable && mentions(weak.text, field)) return weak.unreadable;
    return undefined;
  }

  // ---- building ----

  private record(parsed: ParsedExpression, site: UseSite): void {
    const { lookups } = this;
    // A diagnostic (a parse error, an undefined variable) does not unmake the names the parser did
    // read: they stay used. Names it could not read are in the weak text below (R01: "could not decide").
    for (const f of parsed.fields) {
      if (f.recovered) continue;
      if (lookups.hasField(f.name)) {
        const kind: UseKind = inSetAnalysis(f) ? (site.kind === 'master-item' ? site.kind : 'set-modifier') : site.kind;
        push(this.fieldUses, f.name, { ...site, kind });
        continue;
      }
      const measures = lookups.masterMeasuresByLabel.get(f.name);
      if (measures) for (const m of measures) push(this.masterMeasureUses, m.id, { ...site, kind: 'expression' });
      if (lookups.hasVariable(f.name)) this.useVariable(f.name, site);
      // Qualified `State::Field` references parse with the state apart; `Table.Field` names stay whole.
    }
    for (const use of parsed.variableUses) {
      this.useVariable(use.name, site);
      for (const outer of use.via) this.useVariable(outer, site);
    }
    for (const text of parsed.strings) {
      if (lookups.hasField(text)) push(this.fieldUses, text, { ...site, kind: 'string-literal' });
      if (lookups.hasVariable(text)) this.useVariable(text, site);
    }
    // $(=expr) is evaluated by the engine: what it references is used
    for (const u of parsed.unknownValues) {
      if (u.reason === 'computed' && u.expression && u.expression !== parsed.text) this.record(this.expressions.parse(u.expression, 'expression'), site);
    }
    const firstError = parsed.diagnostics.find((d) => d.severity === 'error');
    if (firstError || parsed.unknownValues.length > 0) {
      const why = firstError ? `could not be fully read (${firstError.message})` : 'contains a value only known at run time';
      const unreadable: UnreadableExpression = { expression: parsed.text, why, target: site.target, ...(site.path !== undefined ? { path: site.path } : {}) };
      this.weakTexts.push({ text: parsed.text, reason: `in an expression that ${why} (${this.targets.describe(site.target)})`, unreadable });
      for (const u of parsed.unknownValues) {
        if (u.expression) this.weakTexts.push({ text: u.expression, reason: `in a calculated value used by ${this.targets.describe(site.target)}`, unreadable: { ...unreadable, expression: u.expression, why: `a calculated value used by ${parsed.text}` } });
      }
    }
  }

  /** What Sense keeps but does not evaluate (qLayoutExclude, inactive colour modes): names there are mentions, not uses. */
  private recordMentions(snapshot: AppSnapshot): void {
    for (const m of snapshot.mentions ?? []) {
      const target = this.targets.location(m.location);
      const what =
        m.reason === 'inactive-colour' ? 'a colour setting of an inactive colour mode' : m.reason === 'inactive-setting' ? 'a setting not in force' : 'a property Sense keeps but does not evaluate';
      this.weakTexts.push({ text: m.text, reason: `in ${what} (${this.targets.describe(target)}, ${m.location.path})` });
    }
  }

  private useVariable(name: string, site: UseSite): void {
    push(this.variableUses, name, site);
    if (!this.processedVariables.has(name)) {
      this.processedVariables.add(name);
      this.variableQueue.push(name);
    }
  }

  /** Fields and variables inside the definitions of used variables count as used, transitively. */
  private drainVariables(): void {
    while (this.variableQueue.length > 0) {
      const name = this.variableQueue.shift() as string;
      const definition = this.lookups.variables.get(name)?.definition ?? this.lookups.variableDefinitions.get(name)?.definition;
      if (definition === undefined || definition.trim() === '') continue;
      const parsed = this.expressions.parse(definition, 'expression');
      this.record(parsed, { kind: 'variable', target: this.targets.variable(name), via: name });
    }
  }

  /**
   * Section access reduction fields link the hidden section-access table to the data: dropping one
   * breaks the app's security. Words loaded between `Section Access;` and `Section Application;`
   * are matched case-insensitively (reduction fields are upper case by Qlik's rules; Qlik help
   * "Managing data security with Section Access").
   */
  private recordSectionAccess(snapshot: AppSnapshot): string | undefined {
    const script = snapshot.script?.text;
    if (!script) return snapshot.app.sectionAccess ? 'the app has section access and its script could not be read (reduction fields unknown)' : undefined;
    const blocks = [...script.matchAll(/section\s+access\s*;([\s\S]*?)(?:section\s+application\s*;|$)/gi)].map((m) => m[1]);
    if (blocks.length === 0) return undefined;
    const words = new Set<string>();
    for (const block of blocks) {
      // bracketed or quoted names (may hold spaces), and every bare word (inline table headers included)
      for (const w of block.matchAll(/\[([^\]\n,]+)\]|"([^"\n]+)"/g)) words.add((w[1] ?? w[2]).trim().toUpperCase());
      for (const w of block.matchAll(/[\p{L}_][\p{L}\p{N}_.]*/gu)) words.add(w[0].toUpperCase());
    }
    for (const field of snapshot.dataModel?.fields ?? []) {
      if (words.has(field.name.toUpperCase())) push(this.fieldUses, field.name, { kind: 'section-access', target: { kind: 'script', id: 'script', name: 'Section access' } });
    }
    return undefined;
  }

  /**
   * Strings in object properties that are exactly a field or variable name (button actions,
   * variable inputs, extension settings) count as uses; other strings of extension objects are
   * kept as text we cannot interpret (medium confidence).
   */
  private recordPropertyStrings(snapshot: AppSnapshot): void {
    const owners: Array<{ target: Target; properties: QlikObject; extension: boolean }> = [
      ...snapshot.objects.map((o) => ({ target: this.targets.object(o.id), properties: o.properties, extension: !isNativeVisualization(o.type) })),
      ...snapshot.sheets.map((s) => ({ target: this.targets.sheet(s.id), properties: s.properties, extension: false })),
    ];
    for (const { target, properties, extension } of owners) {
      forEachString(properties, (text, segments) => {
        // engine (q…) properties are read by the expression extraction already
        const last = segments[segments.length - 1] ?? '';
        const own = /^\d+$/.test(last) ? (segments[segments.length - 2] ?? '') : last;
        if (own.startsWith('q') && !extension) return;
        const name = text.trim();
        const bracketed = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : undefined;
        const field = this.lookups.hasField(name) ? name : bracketed !== undefined && this.lookups.hasField(bracketed) ? bracketed : undefined;
        const isVariable = this.lookups.variables.has(name);
        if (field === undefined && !isVariable && !extension) return;
        const path = '/' + segments.join('/');
        if (field !== undefined) push(this.fieldUses, field, { kind: 'property', target, path });
        if (isVariable) this.useVariable(name, { kind: 'property', target, path });
        if (extension && text.length > 1) this.weakTexts.push({ text, reason: `in the properties of ${this.targets.describe(target, { noun: 'extension object' })}` });
      });
    }
  }

  /**
   * Alternative dimensions and measures (users switch to them) live in a `qLayoutExclude.qHyperCubeDef`,
   * top level or inside the chart's own `qHyperCubeDef` (both in real apps, docs/property-shapes.md),
   * which the expression extraction lists as mentions: they are uses.
   */
  private recordAlternatives(snapshot: AppSnapshot): void {
    if (snapshot.mentions) {
      for (const m of snapshot.mentions) {
        if (m.reason !== 'kept-not-evaluated' || !ALTERNATIVE.test(m.location.path)) continue;
        const syntax = m.location.path.includes('/qFieldDefs/') && !m.text.trim().startsWith('=') ? 'field' : 'expression';
        this.record(this.expressions.parse(m.text, syntax), { kind: 'alternative', target: this.targets.location(m.location), path: m.location.path });
      }
      return;
    }
    // snapshots collected before mentions were listed: the top-level qLayoutExclude only
    for (const object of snapshot.objects) {
      const exclude = object.properties.qLayoutExclude as QlikObject | undefined;
      if (!exclude || typeof exclude !== 'object') continue;
      const target = this.targets.object(object.id);
      forEachString(exclude, (text, segments) => {
        const path = '/qLayoutExclude/' + segments.join('/');
        if (!ALTERNATIVE.test(path)) return;
        const syntax = path.includes('/qFieldDefs/') && !text.trim().startsWith('=') ? 'field' : 'expression';
        this.record(this.expressions.parse(text, syntax), { kind: 'alternative', target, path });
      });
    }
  }
}

/** `…/qLayoutExclude/qHyperCubeDef/qDimensions/0/qDef/qFieldDefs/0` or `…/qMeasures/0/qDef/qDef` */
const ALTERNATIVE = /\/qLayoutExclude\/qHyperCubeDef\/(qDimensions\/\d+\/qDef\/qFieldDefs\/\d+|qMeasures\/\d+\/qDef\/qDef)$/;

/** Visits every string in a JSON value; `path` is a shared stack: copy it if you keep it. */
function forEachString(value: unknown, visit: (text: string, path: readonly string[]) => void, path: string[] = []): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(String(i));
      forEachString(value[i], visit, path);
      path.pop();
    }
  } else if (value && typeof value === 'object') {
    for (const k in value) {
      if (k === 'qInfo') continue;
      path.push(k);
      forEachString((value as Record<string, unknown>)[k], visit, path);
      path.pop();
    }
  }
}

const isNameChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/** `text` contains `name` not glued to other name characters. */
export function mentions(text: string, name: string): boolean {
  if (!name) return false;
  let i = text.indexOf(name);
  while (i >= 0) {
    if (!isNameChar(text[i - 1]) && !isNameChar(text[i + name.length])) return true;
    i = text.indexOf(name, i + 1);
  }
  return false;
}
