// Finds every expression, master-item link and named field in one object's properties. Pure.
//
// What counts as an expression (engine schema engine-rpc.json + Sense trees in ../shared/corpus):
// - `qStringExpression.qExpr` / `qValueExpression.qExpr` (always expressions; Sense stores them with
//   or without the leading `=`), and the older form `qStringExpression: "…"`;
// - `qv` of a ValueExpr (`qCalcCond`, `qCalcCondition.qCond`, `qOtherCounted`, `qOtherLimit`, sort
//   `qExpression`): always an expression. `qv` of a StringExpr (`qMsg`, `qOtherLabel`, `qTotalLabel`)
//   only when it starts with `=` (otherwise it is literal text);
// - measure `qDef` (string), `qLabelExpression`, `qAttributeExpressions[].qExpression`;
// - `qFieldDefs[]`: a field name, or an expression when it starts with `=`;
// - any other non-`q` property whose string value starts with `=` (Sense and extension properties).
// Subtrees the engine does not evaluate (`qOtherTotalSpec` with others off) and list templates
// (`q…ListDef.qData`) are skipped. What Sense keeps but does not evaluate (`qLayoutExclude`,
// `qUndoExclude`, colour settings of an inactive colour mode, axis limits not in force) is not a live expression: its
// would-be expressions become `mentions` (names there still lower R01's confidence).
// Shapes and sources: docs/property-shapes.md, lib/snapshot/property-shapes.ts.
import type {
  Expression,
  ExpressionLocation,
  FieldReference,
  LibraryReference,
  Mention,
} from '../../snapshot/schema';
import { KEPT_NOT_EVALUATED, inactiveKeys, isListTemplate } from '../../snapshot/property-shapes';
import { classifyExpressionPath } from './classify';

export interface ExpressionOwner {
  objectId: string;
  objectType: string;
  owner: ExpressionLocation['owner'];
  sheetId?: string;
}

export interface Extracted {
  expressions: Expression[];
  libraryReferences: LibraryReference[];
  fieldReferences: FieldReference[];
  mentions: Mention[];
}

const SKIPPED_SUBTREES = new Set(['qInfo', 'qMetaDef', 'qMeta', 'qChildren', 'qEmbeddedSnapshotRef']);
const STRING_EXPR_PARENTS = new Set(['qMsg', 'qOtherLabel', 'qTotalLabel']);
const FILTER_FIELD_KEYS = new Set(['field', 'fieldName', 'qField', 'qFieldName']);

/** JSON pointer (RFC 6901) from path segments. */
export function toPointer(path: readonly string[]): string {
  if (path.length === 0) return '';
  let pointer = '';
  for (const segment of path) pointer += '/' + escapeSegment(segment);
  return pointer;
}

const escapeSegment = (segment: string): string => (segment.includes('~') || segment.includes('/') ? segment.replace(/~/g, '~0').replace(/\//g, '~1') : segment);

interface PointerNode {
  pointer: string;
  next?: Map<string, PointerNode>;
}

/**
 * Each JSON pointer made once (`toPointer(path)`, from a trie of the paths seen): objects of the
 * same kind share their paths, and every expression, mention and reference keeps one, so an app of
 * 10,000 expressions built and kept as many copies of a few hundred pointers, segment by segment.
 * A pointer extends its parent's, so they share their prefixes too. Bounded: dropped when full (a
 * cache, not a record; a dropped pointer is simply made again).
 */
const POINTERS: PointerNode = { pointer: '' };
const POINTERS_MAX = 10_000;
let pointerCount = 0;
function pointerOf(path: readonly string[]): string {
  let node = POINTERS;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string;
    let next = node.next?.get(segment);
    if (!next) {
      if (++pointerCount > POINTERS_MAX) {
        POINTERS.next = undefined;
        pointerCount = 0;
        return toPointer(path);
      }
      next = { pointer: node.pointer + '/' + escapeSegment(segment) };
      (node.next ??= new Map()).set(segment, next);
    }
    node = next;
  }
  return node.pointer;
}

/** `String(i)` for array indexes, made once: a walk pushes one per array item of every tree. */
const INDEX_KEYS = Array.from({ length: 256 }, (_, i) => String(i));
const indexKey = (i: number): string => INDEX_KEYS[i] ?? String(i);

/** With "others" off (the default) the engine never evaluates the limit/count expressions of qOtherTotalSpec. */
function othersOff(spec: unknown): boolean {
  const mode = spec && typeof spec === 'object' ? (spec as { qOtherMode?: unknown }).qOtherMode : undefined;
  return mode === undefined || mode === 'OTHER_OFF';
}

const startsWithEquals = (s: string): boolean => s.trimStart().startsWith('=');

/** Extract from one object's own properties (children are separate objects). */
export function extractFromProperties(properties: unknown, owner: ExpressionOwner): Extracted {
  return extractInto({ expressions: [], libraryReferences: [], fieldReferences: [], mentions: [] }, properties, owner);
}

/** Like extractFromProperties, appending to `out` (one set of lists for a whole app). */
export function extractInto(out: Extracted, properties: unknown, owner: ExpressionOwner): Extracted {
  walk(properties, [], owner, out, undefined, undefined);
  return out;
}

/**
 * `path` is one stack shared by the whole walk (pushed and popped, not copied per node).
 * `inactive`: why the subtree is kept but not evaluated (its expressions become mentions), or undefined.
 */
function walk(value: unknown, path: string[], owner: ExpressionOwner, out: Extracted, attributeId: string | undefined, inactive: Mention['reason'] | undefined): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(indexKey(i));
      walk(value[i], path, owner, out, attributeId, inactive);
      path.pop();
    }
    return;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const inAttributes = path[path.length - 2] === 'qAttributeExpressions' || path[path.length - 2] === 'qAttributeDimensions';
    const nextAttributeId = inAttributes && typeof record.id === 'string' ? record.id : attributeId;
    const parentKey = path[path.length - 1];
    const inactiveHere = inactiveKeys(record);
    for (const key in record) {
      if (!Object.hasOwn(record, key) || SKIPPED_SUBTREES.has(key) || isListTemplate(key, parentKey)) continue;
      const child = record[key];
      if (key === 'qOtherTotalSpec' && othersOff(child)) continue;
      const reason = inactive ?? (KEPT_NOT_EVALUATED.has(key) ? 'kept-not-evaluated' : inactiveHere?.keys.includes(key) ? inactiveHere.reason : undefined);
      path.push(key);
      walk(child, path, owner, out, nextAttributeId, reason);
      path.pop();
    }
    return;
  }
  if (typeof value === 'string') visitString(value, path, owner, out, attributeId, inactive);
}

function visitString(text: string, path: string[], owner: ExpressionOwner, out: Extracted, attributeId: string | undefined, inactive: Mention['reason'] | undefined): void {
  if (text.trim() === '') return;
  const key = path[path.length - 1] ?? '';
  const parent = path[path.length - 2];
  // no closures in here: this runs for every string of every tree
  if (inactive !== undefined) return visitInactiveString(text, path, owner, out, attributeId, inactive, key, parent);

  if (key === 'qLibraryId') {
    out.libraryReferences.push({ kind: libraryKind(path), targetId: text, ...refLocation(owner), path: pointerOf(path) });
    return;
  }
  if (key === 'qExtendsId') {
    out.libraryReferences.push({ kind: 'visualization', targetId: text, ...refLocation(owner), path: pointerOf(path) });
    return;
  }
  if (parent === 'qFieldDefs') {
    const isExpression = startsWithEquals(text);
    addExpression(out, owner, path, attributeId, text, isExpression ? 'expression' : 'field');
    if (!isExpression && path.includes('qListObjectDef')) {
      out.fieldReferences.push({ field: stripBrackets(text), kind: 'listbox', ...refLocation(owner), path: pointerOf(path) });
    }
    return;
  }
  if (FILTER_FIELD_KEYS.has(key) && isInFilters(path)) {
    out.fieldReferences.push({ field: stripBrackets(text), kind: 'chart-filter', ...refLocation(owner), path: pointerOf(path) });
    return;
  }
  if ((parent === 'qStringExpression' || parent === 'qValueExpression') && key === 'qExpr') return addExpression(out, owner, path, attributeId, text, 'expression');
  if (key === 'qStringExpression' || key === 'qValueExpression') return addExpression(out, owner, path, attributeId, text, 'expression');
  if (key === 'qv') {
    if (STRING_EXPR_PARENTS.has(parent) && !startsWithEquals(text)) return;
    return addExpression(out, owner, path, attributeId, text, 'expression');
  }
  if (key === 'qDef' && (path.includes('qMeasures') || path.includes('qMeasure'))) return addExpression(out, owner, path, attributeId, text, 'expression');
  if (key === 'qLabelExpression') return addExpression(out, owner, path, attributeId, text, 'expression');
  if (key === 'qExpression' && (path.includes('qAttributeExpressions') || path.includes('qAttributeDimensions'))) return addExpression(out, owner, path, attributeId, text, 'expression');
  // array items take their array's name: `qFieldLabels/0` is as literal as `qFieldLabels`
  const ownKey = isIndex(key) ? (parent ?? '') : key;
  if (ownKey.startsWith('q')) return;
  if (startsWithEquals(text) && text.trim().length > 1) addExpression(out, owner, path, attributeId, text, 'expression');
}

/** Kept but not evaluated: what would be an expression (by the rules above) is a mention; links and field names are not live either. */
function visitInactiveString(text: string, path: string[], owner: ExpressionOwner, out: Extracted, attributeId: string | undefined, reason: Mention['reason'], key: string, parent: string | undefined): void {
  if (key === 'qLibraryId' || key === 'qExtendsId') return;
  const ownKey = isIndex(key) ? (parent ?? '') : key;
  const expressionLike =
    parent === 'qFieldDefs' ||
    key === 'qExpr' ||
    key === 'qStringExpression' ||
    key === 'qValueExpression' ||
    key === 'qv' ||
    key === 'qLabelExpression' ||
    key === 'qExpression' ||
    (key === 'qDef' && (path.includes('qMeasures') || path.includes('qMeasure'))) ||
    // Sense's own colour settings hold expressions without '=' (colorExpression, byMeasureDef.key)
    (reason === 'inactive-colour' && !ownKey.startsWith('q') && (ownKey === 'colorExpression' || ownKey === 'key')) ||
    (!ownKey.startsWith('q') && startsWithEquals(text) && text.trim().length > 1);
  if (!expressionLike) return;
  out.mentions.push({ text, location: locationOf(owner, pointerOf(path), path, attributeId), reason });
}

const isIndex = (key: string): boolean => {
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57 && /^\d+$/.test(key);
};

function addExpression(out: Extracted, owner: ExpressionOwner, path: readonly string[], attributeId: string | undefined, text: string, syntax: Expression['syntax']): void {
  const pointer = pointerOf(path);
  out.expressions.push({ id: owner.objectId + ':' + pointer, text, syntax, location: locationOf(owner, pointer, path, attributeId) });
}

/** Where an expression or mention sits; one object shape per case, no spreads: this runs for every expression of the app. */
function locationOf(owner: ExpressionOwner, pointer: string, path: readonly string[], attributeId: string | undefined): ExpressionLocation {
  const kind = classifyExpressionPath(path, attributeId);
  return owner.sheetId !== undefined
    ? { objectId: owner.objectId, objectType: owner.objectType, owner: owner.owner, sheetId: owner.sheetId, path: pointer, kind }
    : { objectId: owner.objectId, objectType: owner.objectType, owner: owner.owner, path: pointer, kind };
}

function refLocation(owner: ExpressionOwner): { objectId: string; objectType: string; sheetId?: string } {
  return { objectId: owner.objectId, objectType: owner.objectType, ...(owner.sheetId !== undefined ? { sheetId: owner.sheetId } : {}) };
}

/**
 * What a `qLibraryId` links to, by the nearest definition holding it: an attribute expression is a
 * measure (engine-rpc.json NxAttrExprDef.qLibraryId: "Definition of the attribute expression stored
 * in the library. Example: "MyGenericMeasure""), an attribute dimension a dimension
 * (NxAttrDimDef.qLibraryId), then the hypercube's measures and dimensions, list objects' dimensions.
 */
function libraryKind(path: readonly string[]): LibraryReference['kind'] {
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    if (segment === 'qAttributeExpressions' || segment === 'qMeasures' || segment === 'qMeasure') return 'measure';
    if (segment === 'qAttributeDimensions' || segment === 'qDimensions' || segment === 'qListObjectDef') return 'dimension';
  }
  return 'dimension';
}

function isInFilters(path: readonly string[]): boolean {
  return path.some((p) => /^(q)?filters$/i.test(p));
}

/** `[Field Name]` → `Field Name` (`]]` unescaped). */
export function stripBrackets(name: string): string {
  const t = name.trim();
  return t.startsWith('[') && t.endsWith(']') ? t.slice(1, -1).replace(/\]\]/g, ']') : t;
}
