// Helpers the method handlers of several handle types share: argument coercion, the current
// object, change tracking, patches, library items, links, the app's layout.
import { addPropertyTree, isObject, qInfoOf, type Json, type JsonObject, type StoredObject } from '../../app/app-model';
import { markChanged, newId, notFound, openHandle, type Ctx, type Handler } from '../context';
import { stateNamesOf } from '../alternate-states';
import { evaluateExpression, scriptVariables } from '../evaluate';
import { findObject, metaOf } from '../layout';
import { ERR, EngineError } from '../protocol';

type Args = Record<string, unknown>;

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const obj = (v: unknown): JsonObject => (isObject(v) ? v : {});
export const clone = <T>(v: T): T => structuredClone(v);


export function currentObject(ctx: Ctx): StoredObject {
  const stored = findObject(ctx, ctx.entry.id);
  if (!stored) throw new EngineError(ERR.notFound, `object ${ctx.entry.id ?? ''}`);
  return stored;
}

export function requireUpdate(ctx: Ctx): void {
  if (ctx.model.objects.has(ctx.entry.id ?? '') && !ctx.privileges.includes('update')) throw new EngineError(ERR.accessDenied);
}

/** A change to the app: its objects' handles and every session object (lists, cubes built on it) are stale. */
export function bump(ctx: Ctx, ids?: Set<string>): void {
  ctx.model.revision += 1;
  markChanged(ctx, ids);
  for (const entry of ctx.state.handles.values()) if (entry.type === 'GenericObject' && entry.persistent === false) ctx.state.changed.add(entry.handle);
}

/** Cells in data pages (their `qArea`), for the page cost. */
export function cellsOf(pages: JsonObject[]): number {
  return pages.reduce((sum, page) => {
    const area = obj(page.qArea);
    return sum + (Number(area.qWidth) || 0) * (Number(area.qHeight) || 0);
  }, 0);
}

export function applyPatches(target: JsonObject, patches: unknown[]): void {
  for (const p of patches) {
    const patch = obj(p);
    const op = str(patch.qOp).toLowerCase();
    const parts = str(patch.qPath).replace(/^\//, '').split('/').map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = parts.pop() ?? '';
    let parent: Json = target;
    for (const key of parts) {
      const next: Json | undefined = Array.isArray(parent) ? parent[Number(key)] : isObject(parent) ? parent[key] : undefined;
      if (next === undefined || next === null || typeof next !== 'object') throw new EngineError(ERR.invalidParameters, `qPath ${str(patch.qPath)}`);
      parent = next;
    }
    let value: Json = null;
    if (op !== 'remove') {
      try {
        value = JSON.parse(str(patch.qValue)) as Json;
      } catch {
        throw new EngineError(ERR.invalidParameters, `qValue of ${str(patch.qPath)} is not JSON`);
      }
    }
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last);
      if (op === 'remove') parent.splice(i, 1);
      else if (op === 'add') parent.splice(i, 0, value);
      else parent[i] = value;
    } else if (isObject(parent)) {
      if (op === 'remove') delete parent[last];
      else parent[last] = value;
    }
  }
}

export function libraryGetter(kind: 'measures' | 'dimensions' | 'bookmarks', type: string): Handler {
  return (ctx, args) => {
    const id = str(args.qId);
    const item = ctx.model[kind].get(id);
    return item ? { qReturn: openHandle(ctx, type, id, qInfoOf(item).qType, true) } : notFound();
  };
}

/**
 * A variable the load script creates (SET/LET), under the id the variable list gives it
 * (`sv-<name>`, layout.ts variableListItems): the engine holds it like any other variable, so
 * GetVariableById/ByName open it (serializeapp reads every listed variable that way).
 */
export function scriptVariable(ctx: Ctx, id: string): JsonObject | undefined {
  if (!id.startsWith('sv-')) return undefined;
  const name = id.slice(3);
  const definition = scriptVariables(ctx.model).get(name);
  return definition === undefined ? undefined : { qInfo: { qId: id, qType: 'variable' }, qName: name, qDefinition: definition };
}

export function libraryItem(ctx: Ctx): JsonObject {
  const id = ctx.entry.id ?? '';
  const map = ctx.entry.type === 'GenericMeasure' ? ctx.model.measures : ctx.entry.type === 'GenericDimension' ? ctx.model.dimensions : ctx.entry.type === 'GenericBookmark' ? ctx.model.bookmarks : ctx.model.variables;
  const item = map.get(id) ?? ctx.state.sessionVariables.get(id) ?? (ctx.entry.type === 'GenericVariable' ? scriptVariable(ctx, id) : undefined);
  if (!item) throw new EngineError(ERR.notFound, id);
  return item;
}

export function libraryLayout(ctx: Ctx): JsonObject {
  const item = libraryItem(ctx);
  const layout: JsonObject = { qInfo: item.qInfo ?? {}, qMeta: metaOf(ctx, item, { topLevel: true, persistent: true }) };
  for (const [k, v] of Object.entries(item)) if (k !== 'qInfo' && k !== 'qMetaDef') layout[k] = v;
  if (ctx.entry.type === 'GenericDimension') {
    const fieldDefs = (obj(item.qDim).qFieldDefs as Json[] | undefined) ?? [];
    layout.qDimInfos = fieldDefs.map((f) => {
      const field = ctx.model.dataModel.fieldByName.get(str(f));
      return { qApprMaxGlyphCount: Math.min(40, str(f).length + 4), qCardinal: field?.cardinal ?? 0, qTags: field?.tags ?? [] };
    });
  }
  if (ctx.entry.type === 'GenericVariable') {
    const definition = str(item.qDefinition);
    const value = definition.startsWith('=') ? evaluateExpression(ctx.model, definition) : { text: definition, num: Number.isFinite(Number(definition)) && definition.trim() !== '' ? Number(definition) : 'NaN' };
    layout.qText = value.text;
    layout.qNum = value.num;
    if (scriptVariables(ctx.model).has(str(item.qName))) layout.qIsScriptCreated = true;
    delete layout.qDefinition;
  }
  if (ctx.entry.type === 'GenericBookmark') {
    layout.qBookmark = { qStateData: [], qUtcModifyTime: 0, qVariableItems: [], ...obj(item.qBookmark) };
    layout.qFieldInfos = [];
  }
  return layout;
}

const linkIndexCache = new WeakMap<object, { revision: number; byTarget: Map<string, Json[]> }>();

/** Every saved object that links to a master item (qLibraryId) or master visualization (qExtendsId). */
function linkIndex(ctx: Ctx): Map<string, Json[]> {
  const cached = linkIndexCache.get(ctx.model);
  if (cached && cached.revision === ctx.model.revision) return cached.byTarget;
  const byTarget = new Map<string, Json[]>();
  const rootOf = (o: StoredObject): StoredObject => {
    let root = o;
    while (root.parentId && ctx.model.objects.get(root.parentId)) root = ctx.model.objects.get(root.parentId) as StoredObject;
    return root;
  };
  const add = (target: string, o: StoredObject) => {
    const list = byTarget.get(target) ?? [];
    if (!list.some((item) => (item as { qInfo: { qId: string } }).qInfo.qId === o.id)) list.push({ qRootId: rootOf(o).id, qInfo: { qId: o.id, qType: o.type } });
    byTarget.set(target, list);
  };
  const visit = (value: Json, o: StoredObject) => {
    if (Array.isArray(value)) for (const v of value) visit(v, o);
    else if (isObject(value)) {
      for (const [key, v] of Object.entries(value)) {
        if ((key === 'qLibraryId' || key === 'qExtendsId') && typeof v === 'string' && v) add(v, o);
        else visit(v, o);
      }
    }
  };
  for (const o of ctx.model.objects.values()) visit(o.properties, o);
  linkIndexCache.set(ctx.model, { revision: ctx.model.revision, byTarget });
  return byTarget;
}

export function linkedObjects(ctx: Ctx): Record<string, unknown> {
  return { qItems: clone(linkIndex(ctx).get(ctx.entry.id ?? '') ?? []) };
}

export function createObject(ctx: Ctx, prop: JsonObject, persistent: boolean, parentId?: string): StoredObject {
  const props = clone(prop);
  const info = obj(props.qInfo);
  // NxInfo.qId: "If the chosen identifier is already in use, the engine automatically sets another one" (engine-rpc.json)
  const wanted = str(info.qId);
  const id = wanted && !findObject(ctx, wanted) ? wanted : newId(ctx);
  props.qInfo = { ...info, qId: id, qType: str(info.qType) };
  const target = persistent ? ctx.model.objects : ctx.state.sessionObjects;
  const stored = addPropertyTree(target, { qProperty: props, qChildren: [] }, 'CreateObject', parentId);
  if (parentId) findObject(ctx, parentId)?.childIds.push(id);
  return stored;
}

export function destroy(ctx: Ctx, id: string, persistent: boolean): boolean {
  const target = persistent ? ctx.model.objects : ctx.state.sessionObjects;
  const stored = target.get(id);
  if (!stored) return false;
  for (const child of [...stored.childIds]) destroy(ctx, child, persistent);
  target.delete(id);
  if (stored.parentId) {
    const parent = findObject(ctx, stored.parentId);
    if (parent) parent.childIds = parent.childIds.filter((c) => c !== id);
  }
  for (const entry of ctx.state.handles.values()) if (entry.id === id && entry.type === 'GenericObject') ctx.state.closed.add(entry.handle);
  return true;
}

export function tablesAndKeys(ctx: Ctx, args: Args): Record<string, unknown> {
  const tk = ctx.model.dataModel.tablesAndKeys;
  const synthetic = Boolean(args.qSyntheticMode);
  const tables = synthetic ? tk.qtr : tk.qtr.filter((t) => !t.qIsSynthetic);
  return { qtr: clone(tables), qk: clone(tk.qk) };
}

export function fieldDescription(ctx: Ctx, name: string): Record<string, unknown> {
  const f = ctx.model.dataModel.fieldByName.get(name);
  if (!f) return { qReturn: {} };
  const d: JsonObject = { qInternalNumber: f.index, qName: f.name, qSrcTables: f.srcTables, qCardinal: f.cardinal, qTotalCount: f.totalCount, qTags: f.tags, qByteSize: f.byteSize };
  if (f.isNumeric) d.qIsNumeric = true;
  if (f.isSystem) d.qIsSystem = true;
  if (f.isHidden) d.qIsHidden = true;
  if (f.isSemantic) d.qIsSemantic = true;
  if (f.comment) d.qComment = f.comment;
  return { qReturn: d };
}

/** The engine leaves false q-properties out; Cloud's merged item attributes keep theirs. */
export function appLayout(ctx: Ctx): JsonObject {
  const layout = fullAppLayout(ctx);
  for (const [key, value] of Object.entries(layout)) if (key.startsWith('q') && value === false) delete layout[key];
  return layout;
}

function fullAppLayout(ctx: Ctx): JsonObject {
  const p = ctx.model.appProperties;
  const a = ctx.app.attributes;
  return {
    qTitle: ctx.app.name,
    qFileName: ctx.app.id,
    qLastReloadTime: str(p.qLastReloadTime) || str(a.lastReloadTime),
    qHasScript: ctx.model.script.trim() !== '',
    qStateNames: stateNamesOf(ctx),
    qMeta: {},
    qLocaleInfo: { qDecimalSep: '.', qThousandSep: ',', qListSep: ',', qMoneyDecimalSep: '.', qMoneyThousandSep: ',', qCurrentYear: 2026, qMoneyFmt: '$#,##0.00;-$#,##0.00', qTimeFmt: 'h:mm:ss TT', qDateFmt: 'M/D/YYYY', qTimestampFmt: 'M/D/YYYY h:mm:ss[.fff] TT', qCalendarStrings: { qDayNames: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], qMonthNames: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'], qLongDayNames: [], qLongMonthNames: [] }, qFirstWeekDay: 6, qBrokenWeeks: false, qReferenceDay: 0, qFirstMonthOfYear: 1, qCollation: 'en-US' },
    qHasData: ctx.model.dataModel.tables.length > 0,
    qThumbnail: obj(p.qThumbnail),
    qUnsupportedFeatures: [],
    qUsage: str(a.usage) || 'ANALYTICS',
    // Qlik Cloud merges the app's item attributes into the layout (shared/research/engine.md §3.2)
    id: ctx.app.id,
    published: Boolean(a.published),
    owner: str(a.owner),
    ownerId: str(a.ownerId),
    createdDate: str(a.createdDate),
    modifiedDate: str(a.modifiedDate),
    description: str(a.description),
    hassectionaccess: Boolean(a.hasSectionAccess),
    encrypted: true,
    _resourcetype: 'app',
    privileges: ctx.privileges,
  };
}
