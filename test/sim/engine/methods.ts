// Method handlers by handle type. A handler gets named params (filled and validated) and
// returns the result object (its keys are the spec's out keys) or throws EngineError.
import { addPropertyTree, isObject, propertyTreeOf, qInfoOf, type Json, type JsonObject, type StoredObject } from '../app/app-model';
import { checkExpression } from '../checker/check-expression';
import { checkScriptSyntax } from '../checker/check-script';
import { expandDollars } from '../checker/dollar-expansion';
import { tableRows } from '../data/generate';
import { vendorJson } from '../spec/openrpc';
import { JsonText, markChanged, newId, notFound, openHandle, type Ctx, type Handler } from './context';
import { alternateStateHandlers, stateNamesOf } from './alternate-states';
import { layoutCost, pageCost } from './calc-cost';
import { loadIntoMemory } from './open-doc';
import { bookmarkDocHandlers, bookmarkObjectHandlers } from './bookmarks';
import { cachedCheck, checkContext } from './expressions';
import { dollarContext, evaluateExpression, scriptVariables } from './evaluate';
import { cubeModel, dataPages, pivotPages } from './hypercube';
import { defAtPath, effectiveProperties, findObject, metaOf, objectLayout, privilegesFor, resolveData } from './layout';
import { ERR, EngineError } from './protocol';

type Args = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): JsonObject => (isObject(v) ? v : {});
const clone = <T>(v: T): T => structuredClone(v);

let bnf: { qBnfDefs: unknown[]; qBnfHash: string } | undefined;

function currentObject(ctx: Ctx): StoredObject {
  const stored = findObject(ctx, ctx.entry.id);
  if (!stored) throw new EngineError(ERR.notFound, `object ${ctx.entry.id ?? ''}`);
  return stored;
}

function requireUpdate(ctx: Ctx): void {
  if (ctx.model.objects.has(ctx.entry.id ?? '') && !ctx.privileges.includes('update')) throw new EngineError(ERR.accessDenied);
}

/** A change to the app: its objects' handles and every session object (lists, cubes built on it) are stale. */
function bump(ctx: Ctx, ids?: Set<string>): void {
  ctx.model.revision += 1;
  markChanged(ctx, ids);
  for (const entry of ctx.state.handles.values()) if (entry.type === 'GenericObject' && entry.persistent === false) ctx.state.changed.add(entry.handle);
}

/** Cells in data pages (their `qArea`), for the page cost. */
function cellsOf(pages: JsonObject[]): number {
  return pages.reduce((sum, page) => {
    const area = obj(page.qArea);
    return sum + (Number(area.qWidth) || 0) * (Number(area.qHeight) || 0);
  }, 0);
}

function applyPatches(target: JsonObject, patches: unknown[]): void {
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

function libraryGetter(kind: 'measures' | 'dimensions' | 'bookmarks', type: string): Handler {
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
function scriptVariable(ctx: Ctx, id: string): JsonObject | undefined {
  if (!id.startsWith('sv-')) return undefined;
  const name = id.slice(3);
  const definition = scriptVariables(ctx.model).get(name);
  return definition === undefined ? undefined : { qInfo: { qId: id, qType: 'variable' }, qName: name, qDefinition: definition };
}

function libraryItem(ctx: Ctx): JsonObject {
  const id = ctx.entry.id ?? '';
  const map = ctx.entry.type === 'GenericMeasure' ? ctx.model.measures : ctx.entry.type === 'GenericDimension' ? ctx.model.dimensions : ctx.entry.type === 'GenericBookmark' ? ctx.model.bookmarks : ctx.model.variables;
  const item = map.get(id) ?? ctx.state.sessionVariables.get(id) ?? (ctx.entry.type === 'GenericVariable' ? scriptVariable(ctx, id) : undefined);
  if (!item) throw new EngineError(ERR.notFound, id);
  return item;
}

function libraryLayout(ctx: Ctx): JsonObject {
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

function linkedObjects(ctx: Ctx): Record<string, unknown> {
  return { qItems: clone(linkIndex(ctx).get(ctx.entry.id ?? '') ?? []) };
}

function createObject(ctx: Ctx, prop: JsonObject, persistent: boolean, parentId?: string): StoredObject {
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

function destroy(ctx: Ctx, id: string, persistent: boolean): boolean {
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

function tablesAndKeys(ctx: Ctx, args: Args): Record<string, unknown> {
  const tk = ctx.model.dataModel.tablesAndKeys;
  const synthetic = Boolean(args.qSyntheticMode);
  const tables = synthetic ? tk.qtr : tk.qtr.filter((t) => !t.qIsSynthetic);
  return { qtr: clone(tables), qk: clone(tk.qk) };
}

function fieldDescription(ctx: Ctx, name: string): Record<string, unknown> {
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
function appLayout(ctx: Ctx): JsonObject {
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

export const handlers: Record<string, Record<string, Handler>> = {
  Global: {
    OpenDoc: async (ctx, args) => {
      const name = str(args.qDocName);
      if (name !== ctx.app.id && name !== ctx.app.name) throw new EngineError(ERR.appNotFound, name);
      if (ctx.state.docOpen) throw new EngineError(1002, name);
      await loadIntoMemory(ctx.model, ctx.sleep);
      ctx.state.docOpen = true;
      const handle = ctx.state.nextHandle++;
      ctx.state.handles.set(handle, { handle, type: 'Doc', id: ctx.app.id });
      ctx.state.changed.add(handle);
      return { qReturn: { qType: 'Doc', qHandle: handle, qGenericId: ctx.app.id } };
    },
    GetActiveDoc: (ctx) => {
      const doc = [...ctx.state.handles.values()].find((h) => h.type === 'Doc');
      if (!doc) throw new EngineError(ERR.appInvalid, 'No active document');
      return { qReturn: { qType: 'Doc', qHandle: doc.handle, qGenericId: ctx.app.id } };
    },
    EngineVersion: (ctx) => ({ qVersion: { qComponentVersion: ctx.spec.version } }),
    ProductVersion: (ctx) => ({ qReturn: ctx.spec.version }),
    QTProduct: () => ({ qReturn: 'Qlik Sense' }),
    QvVersion: (ctx) => ({ qReturn: ctx.spec.version }),
    OSName: () => ({ qReturn: 'Linux' }),
    OSVersion: () => ({ qReturn: '' }),
    IsDesktopMode: () => ({ qReturn: false }),
    IsPersonalMode: () => ({ qReturn: false }),
    GetUniqueID: (ctx) => ({ qUniqueID: newId(ctx) }),
    GetAuthenticatedUser: (ctx) => ({ qReturn: `UserDirectory=QLIKCLOUD; UserId=${ctx.user.subject}` }),
    AllowCreateApp: (ctx) => ({ qReturn: ctx.user.role === 'developer' }),
    GetDocList: (ctx) => ({
      qDocList: [{ qDocName: ctx.app.name, qConnectedUsers: 0, qFileTime: 0, qFileSize: 0, qDocId: ctx.app.id, qMeta: {}, qLastReloadTime: str(ctx.app.attributes.lastReloadTime), qTitle: ctx.app.name, qThumbnail: {} }],
    }),
    GetBaseBNF: () => {
      bnf ??= vendorJson<{ qBnfDefs: unknown[]; qBnfHash: string }>('script-bnf.json');
      return { qBnfDefs: bnf.qBnfDefs, qBnfHash: bnf.qBnfHash };
    },
    GetFunctions: () => {
      bnf ??= vendorJson<{ qBnfDefs: unknown[]; qBnfHash: string }>('script-bnf.json');
      const defs = bnf.qBnfDefs as { qName: string; qFG?: string; qQvFunc?: boolean }[];
      return { qFunctions: defs.filter((d) => d.qQvFunc).map((d) => ({ qName: d.qName, qGroup: d.qFG ?? 'U', qSignature: `${d.qName}()` })) };
    },
    CancelRequest: () => ({}),
    GetProgress: () => ({ qProgressData: { qStarted: false, qFinished: false, qCompleted: 0, qTotal: 0, qKB: 0, qMillisecs: 0, qUserInteractionWanted: false, qPersistentProgressMessages: [], qTransientProgressMessage: {}, qErrorData: [], qPersistentProgress: '', qTransientProgress: '' } }),
  },
  Doc: {
    GetAppLayout: (ctx) => ({ qLayout: appLayout(ctx) }),
    GetAppProperties: (ctx) => ({ qProp: clone(ctx.model.appProperties) }),
    SetAppProperties: (ctx, args) => {
      ctx.model.appProperties = clone(obj(args.qProp));
      bump(ctx, new Set([ctx.app.id]));
      return {};
    },
    GetAllInfos: (ctx) => {
      const infos: Json[] = [];
      for (const o of ctx.model.objects.values()) infos.push({ qId: o.id, qType: o.type });
      for (const m of [...ctx.model.measures.values(), ...ctx.model.dimensions.values(), ...ctx.model.bookmarks.values()]) infos.push(qInfoOf(m));
      return { qInfos: infos };
    },
    GetObjects: (ctx, args) => {
      const options = obj(args.qOptions);
      const types = Array.isArray(options.qTypes) ? options.qTypes.map(str) : [];
      const list: Json[] = [];
      const add = (o: StoredObject, persistent: boolean) => {
        if (types.length && !types.includes(o.type)) return;
        list.push({ qInfo: { qId: o.id, qType: o.type }, qMeta: metaOf(ctx, o.properties, { topLevel: !o.parentId, persistent }), qData: {} });
      };
      for (const o of ctx.model.objects.values()) add(o, true);
      if (options.qIncludeSessionObjects) for (const o of ctx.state.sessionObjects.values()) add(o, false);
      return { qList: list };
    },
    GetObject: (ctx, args) => {
      const id = str(args.qId);
      const stored = findObject(ctx, id);
      if (!stored) return notFound();
      return { qReturn: openHandle(ctx, 'GenericObject', id, stored.type, ctx.model.objects.has(id)) };
    },
    GetMeasure: libraryGetter('measures', 'GenericMeasure'),
    GetDimension: libraryGetter('dimensions', 'GenericDimension'),
    GetBookmark: libraryGetter('bookmarks', 'GenericBookmark'),
    GetVariableById: (ctx, args) => {
      const id = str(args.qId);
      const v = ctx.model.variables.get(id) ?? ctx.state.sessionVariables.get(id) ?? scriptVariable(ctx, id);
      return v ? { qReturn: openHandle(ctx, 'GenericVariable', id, 'variable', ctx.model.variables.has(id)) } : notFound();
    },
    GetVariableByName: (ctx, args) => {
      const name = str(args.qName);
      for (const [id, v] of [...ctx.model.variables, ...ctx.state.sessionVariables]) {
        if (v.qName === name) return { qReturn: openHandle(ctx, 'GenericVariable', id, 'variable', ctx.model.variables.has(id)) };
      }
      return scriptVariable(ctx, `sv-${name}`) ? { qReturn: openHandle(ctx, 'GenericVariable', `sv-${name}`, 'variable', false) } : notFound();
    },
    GetBookmarks: (ctx, args) => {
      const qData = obj(args.qOptions).qData;
      return { qList: [...ctx.model.bookmarks.values()].map((b) => ({ qInfo: b.qInfo ?? {}, qMeta: metaOf(ctx, b, { topLevel: true, persistent: true }), qData: resolveData(qData, b) })) };
    },
    GetVariables: (ctx, args) => {
      const stored: StoredObject = { id: '', type: '', properties: { qVariableListDef: obj(args.qListDef) }, childIds: [] };
      const layout = objectLayout(ctx, stored);
      return { qList: obj(layout.qVariableList).qItems ?? [] };
    },
    CreateSessionObject: (ctx, args) => {
      const stored = createObject(ctx, obj(args.qProp), false);
      return { qReturn: openHandle(ctx, 'GenericObject', stored.id, stored.type, false), qInfo: { qId: stored.id, qType: stored.type } };
    },
    DestroySessionObject: (ctx, args) => ({ qSuccess: destroy(ctx, str(args.qId), false) }),
    CreateObject: (ctx, args) => {
      const stored = createObject(ctx, obj(args.qProp), true);
      bump(ctx);
      return { qReturn: openHandle(ctx, 'GenericObject', stored.id, stored.type, true), qInfo: { qId: stored.id, qType: stored.type } };
    },
    DestroyObject: (ctx, args) => {
      const ok = destroy(ctx, str(args.qId), true);
      if (ok) bump(ctx);
      return { qSuccess: ok };
    },
    CreateMeasure: (ctx, args) => createLibraryItem(ctx, 'measures', 'GenericMeasure', obj(args.qProp)),
    CreateDimension: (ctx, args) => createLibraryItem(ctx, 'dimensions', 'GenericDimension', obj(args.qProp)),
    DestroyMeasure: (ctx, args) => ({ qSuccess: ctx.model.measures.delete(str(args.qId)) && (bump(ctx), true) }),
    DestroyDimension: (ctx, args) => ({ qSuccess: ctx.model.dimensions.delete(str(args.qId)) && (bump(ctx), true) }),
    DestroyBookmark: (ctx, args) => ({ qSuccess: ctx.model.bookmarks.delete(str(args.qId)) && (bump(ctx), true) }),
    CreateSessionVariable: (ctx, args) => {
      const prop = clone(obj(args.qProp));
      const id = str(obj(prop.qInfo).qId) || newId(ctx);
      prop.qInfo = { qId: id, qType: 'variable' };
      ctx.state.sessionVariables.set(id, prop);
      return { qReturn: openHandle(ctx, 'GenericVariable', id, 'variable', false) };
    },
    GetTablesAndKeys: tablesAndKeys,
    GetFieldDescription: (ctx, args) => fieldDescription(ctx, str(args.qFieldName)),
    GetField: (ctx, args) => {
      const name = str(args.qFieldName);
      if (!ctx.model.dataModel.fieldByName.has(name)) return notFound();
      return { qReturn: openHandle(ctx, 'Field', name) };
    },
    GetTableData: (ctx, args) => {
      const rows = tableRows(ctx.model.dataModel, str(args.qTableName), Number(args.qOffset) || 0, Number(args.qRows) || 0);
      return { qData: rows.map((r) => ({ qValue: r.map((c) => ({ qText: c.qText, qIsNumeric: c.qIsNumeric, qNumber: typeof c.qNum === 'number' ? c.qNum : 0 })) })) };
    },
    GetLooselyCoupledVector: (ctx) => ({ qv: ctx.model.dataModel.tables.map((t) => (t.isLoose ? 1 : 0)) }),
    CheckExpression: (ctx, args) => {
      const staged = ctx.model.behaviour.checkExpression[str(args.qExpr)];
      if (staged) return { qErrorMsg: '', qBadFieldNames: [], qDangerousFieldNames: [], ...clone(staged) };
      const r = cachedCheck(ctx, str(args.qExpr), Array.isArray(args.qLabels) ? args.qLabels.map(str) : []);
      return { qErrorMsg: r.qErrorMsg, qBadFieldNames: r.qBadFieldNames, qDangerousFieldNames: r.qDangerousFieldNames };
    },
    CheckNumberOrExpression: (ctx, args) => {
      const expr = str(args.qExpr);
      if (/^\s*-?\d+(\.\d+)?\s*$/.test(expr)) return { qErrorMsg: '', qBadFieldNames: [] };
      const r = checkExpression(expr, checkContext(ctx));
      return { qErrorMsg: r.qErrorMsg, qBadFieldNames: r.qBadFieldNames };
    },
    GetFieldsFromExpression: (ctx, args) => ({ qFieldNames: [...cachedCheck(ctx, str(args.qExpr)).fieldNames] }),
    ExpandExpression: (ctx, args) => {
      const expr = str(args.qExpression);
      const dollars = dollarContext(ctx.model, ctx.state.sessionVariables);
      return { qExpandedExpression: expandDollars(expr, dollars).text };
    },
    GetScript: (ctx) => ({ qScript: ctx.model.script }),
    GetScriptEx: (ctx) => ({ qScript: { qScript: ctx.model.script, qMeta: {} } }),
    SetScript: (ctx, args) => {
      ctx.model.script = str(args.qScript);
      bump(ctx, new Set([ctx.app.id]));
      return {};
    },
    CheckScriptSyntax: (ctx) => ({ qErrors: checkScriptSyntax(ctx.model.script) }),
    Evaluate: (ctx, args) => ({ qReturn: evaluateExpression(ctx.model, str(args.qExpression), dollarContext(ctx.model, ctx.state.sessionVariables)).text }),
    EvaluateEx: (ctx, args) => {
      const v = evaluateExpression(ctx.model, str(args.qExpression), dollarContext(ctx.model, ctx.state.sessionVariables));
      const value: JsonObject = { qText: v.text };
      if (typeof v.num === 'number') {
        value.qIsNumeric = true;
        value.qNumber = v.num;
      }
      return { qValue: value };
    },
    GetConnections: (ctx) => ({ qConnections: ctx.model.connections.map((c) => ({ ...c, qLogOn: 'LOG_ON_SERVICE_USER' })) }),
    // engine-rpc.json Connection: "A call to GetConnection does not return the user name"; unknown id → LOCERR_CONNECTION_NOT_FOUND
    GetConnection: (ctx, args) => {
      const found = ctx.model.connections.find((c) => c.qId === str(args.qConnectionId));
      if (!found) throw new EngineError(ERR.connectionNotFound, str(args.qConnectionId));
      const { qUserName: _user, qPassword: _password, ...connection } = found as typeof found & { qUserName?: string; qPassword?: string };
      return { qConnection: { ...connection, qLogOn: 'LOG_ON_SERVICE_USER' } };
    },
    GetMediaList: (ctx) => ({ qList: { qItems: ctx.model.media.map((url) => ({ qUrlDef: url, qUrl: url })) }, qReturn: true }),
    GetLibraryContent: (ctx) => ({ qList: { qItems: ctx.model.media.map((url) => ({ qUrlDef: url, qUrl: url })) } }),
    ClearAll: (ctx) => {
      ctx.state.selections.clear();
      markChanged(ctx);
      return {};
    },
    DoSave: (ctx) => {
      ctx.model.revision += 1;
      return {};
    },
    DoReload: async (ctx) => {
      await ctx.sleep(50);
      bump(ctx);
      return { qReturn: true };
    },
    DoReloadEx: async (ctx) => {
      await ctx.sleep(50);
      bump(ctx);
      return { qResult: { qSuccess: true, qScriptLogFile: '' } };
    },
    GetLocaleInfo: (ctx) => ({ qReturn: obj(appLayout(ctx).qLocaleInfo) }),
    GetMatchingFields: (ctx, args) => {
      const tags = Array.isArray(args.qTags) ? args.qTags.map(str) : [];
      return { qFieldNames: ctx.model.dataModel.fields.filter((f) => tags.every((t) => f.tags.includes(t))).map((f) => ({ qName: f.name, qTags: f.tags })) };
    },
  },
  GenericObject: {
    GetLayout: async (ctx) => {
      const stored = currentObject(ctx);
      await layoutCost(ctx, stored);
      return { qLayout: objectLayout(ctx, stored) };
    },
    GetProperties: (ctx) => ({ qProp: clone(currentObject(ctx).properties) }),
    GetEffectiveProperties: (ctx) => ({ qProp: clone(effectiveProperties(ctx, currentObject(ctx)).properties) }),
    GetFullPropertyTree: (ctx) => {
      const stored = currentObject(ctx);
      const tree = propertyTreeOf(ctx.state.sessionObjects.has(stored.id) ? ctx.state.sessionObjects : ctx.model.objects, stored.id);
      return new JsonText(JSON.stringify({ qPropEntry: tree ?? {} }));
    },
    GetInfo: (ctx) => ({ qInfo: { qId: currentObject(ctx).id, qType: currentObject(ctx).type } }),
    GetChildInfos: (ctx) => ({ qInfos: currentObject(ctx).childIds.map((id) => findObject(ctx, id)).filter((c): c is StoredObject => c !== undefined).map((c) => ({ qId: c.id, qType: c.type })) }),
    GetChild: (ctx, args) => {
      const parent = currentObject(ctx);
      const id = str(args.qId);
      if (!parent.childIds.includes(id)) return notFound();
      const child = findObject(ctx, id) as StoredObject;
      return { qReturn: openHandle(ctx, 'GenericObject', id, child.type, ctx.model.objects.has(id)) };
    },
    GetParent: (ctx) => {
      const stored = currentObject(ctx);
      const parent = findObject(ctx, stored.parentId);
      return parent ? { qReturn: openHandle(ctx, 'GenericObject', parent.id, parent.type, ctx.model.objects.has(parent.id)) } : notFound();
    },
    GetHyperCubeData: async (ctx, args) => {
      const stored = currentObject(ctx);
      const def = defAtPath(ctx, stored, str(args.qPath));
      if (!def) throw new EngineError(ERR.invalidParameters, str(args.qPath));
      const pages = (Array.isArray(args.qPages) ? args.qPages : []).filter(isObject);
      const cube = cubeModel(ctx, str(args.qPath).endsWith('qListObjectDef') ? { qDimensions: [{ qDef: obj(def.qDef), qLibraryId: def.qLibraryId ?? '' }] } : def, stored.id);
      const qDataPages = dataPages(cube, pages);
      await pageCost(ctx, stored, cellsOf(qDataPages));
      return { qDataPages };
    },
    GetListObjectData: async (ctx, args) => {
      const stored = currentObject(ctx);
      const def = defAtPath(ctx, stored, str(args.qPath));
      if (!def) throw new EngineError(ERR.invalidParameters, str(args.qPath));
      const cube = cubeModel(ctx, { qDimensions: [{ qDef: obj(def.qDef), qLibraryId: def.qLibraryId ?? '' }] }, stored.id);
      const qDataPages = dataPages({ ...cube, rows: cube.dims[0]?.cardinal ?? 0 }, (Array.isArray(args.qPages) ? args.qPages : []).filter(isObject));
      await pageCost(ctx, stored, cellsOf(qDataPages));
      return { qDataPages };
    },
    GetHyperCubePivotData: async (ctx, args) => {
      const stored = currentObject(ctx);
      const def = defAtPath(ctx, stored, str(args.qPath));
      if (!def) throw new EngineError(ERR.invalidParameters, str(args.qPath));
      const qDataPages = pivotPages(cubeModel(ctx, def, stored.id), (Array.isArray(args.qPages) ? args.qPages : []).filter(isObject));
      await pageCost(ctx, stored, cellsOf(qDataPages));
      return { qDataPages };
    },
    GetHyperCubeStackData: () => ({ qDataPages: [] }),
    GetLinkedObjects: linkedObjects,
    SetProperties: (ctx, args) => {
      requireUpdate(ctx);
      const stored = currentObject(ctx);
      const prop = clone(obj(args.qProp));
      prop.qInfo = { qId: stored.id, qType: str(obj(prop.qInfo).qType) || stored.type };
      stored.properties = prop;
      bump(ctx, new Set([stored.id]));
      return {};
    },
    ApplyPatches: (ctx, args) => {
      requireUpdate(ctx);
      const stored = currentObject(ctx);
      applyPatches(stored.properties, Array.isArray(args.qPatches) ? args.qPatches : []);
      bump(ctx, new Set([stored.id]));
      return {};
    },
    CreateChild: (ctx, args) => {
      const parent = currentObject(ctx);
      const persistent = ctx.model.objects.has(parent.id);
      if (persistent && !ctx.privileges.includes('update')) throw new EngineError(ERR.accessDenied);
      const child = createObject(ctx, obj(args.qProp), persistent, parent.id);
      bump(ctx, new Set([parent.id]));
      return { qReturn: openHandle(ctx, 'GenericObject', child.id, child.type, persistent), qInfo: { qId: child.id, qType: child.type } };
    },
    DestroyChild: (ctx, args) => {
      const parent = currentObject(ctx);
      const ok = parent.childIds.includes(str(args.qId)) && destroy(ctx, str(args.qId), ctx.model.objects.has(parent.id));
      if (ok) bump(ctx, new Set([parent.id]));
      return { qSuccess: ok };
    },
    SelectHyperCubeValues: (ctx) => {
      markChanged(ctx);
      return { qSuccess: true };
    },
    SelectListObjectValues: (ctx) => {
      markChanged(ctx);
      return { qSuccess: true };
    },
    ClearSelections: (ctx) => {
      markChanged(ctx);
      return {};
    },
    AbortListObjectSearch: () => ({}),
    BeginSelections: () => ({}),
    EndSelections: () => ({}),
    ResetMadeSelections: () => ({}),
  },
  Field: {
    GetCardinal: (ctx) => ({ qReturn: ctx.model.dataModel.fieldByName.get(ctx.entry.id ?? '')?.cardinal ?? 0 }),
    GetNxProperties: () => ({ qProperties: {} }),
    SelectValues: (ctx, args) => {
      const values = (Array.isArray(args.qFieldValues) ? args.qFieldValues : []).map((v) => str(obj(v).qText));
      ctx.state.selections.set(ctx.entry.id ?? '', new Set(values));
      markChanged(ctx);
      return { qReturn: true };
    },
    Select: (ctx, args) => {
      ctx.state.selections.set(ctx.entry.id ?? '', new Set([str(args.qMatch)]));
      markChanged(ctx);
      return { qReturn: true };
    },
    Clear: (ctx) => {
      ctx.state.selections.delete(ctx.entry.id ?? '');
      markChanged(ctx);
      return { qReturn: true };
    },
    SelectAll: (ctx) => {
      markChanged(ctx);
      return { qReturn: true };
    },
  },
};

function createLibraryItem(ctx: Ctx, kind: 'measures' | 'dimensions', type: string, prop: JsonObject) {
  const props = clone(prop);
  const wanted = str(obj(props.qInfo).qId);
  const id = wanted && !ctx.model[kind].has(wanted) ? wanted : newId(ctx); // NxInfo.qId: a taken id is replaced
  props.qInfo = { qId: id, qType: str(obj(props.qInfo).qType) || kind.slice(0, -1) };
  ctx.model[kind].set(id, props);
  bump(ctx);
  return { qReturn: openHandle(ctx, type, id, str(obj(props.qInfo).qType), true), qInfo: props.qInfo };
}

/** GetLayout/GetProperties/SetProperties… of master items, variables and bookmarks. */
const libraryHandlers: Record<string, Handler> = {
  GetLayout: (ctx) => ({ qLayout: libraryLayout(ctx) }),
  GetProperties: (ctx) => ({ qProp: clone(libraryItem(ctx)) }),
  GetInfo: (ctx) => ({ qInfo: libraryItem(ctx).qInfo ?? {} }),
  GetLinkedObjects: linkedObjects,
  SetProperties: (ctx, args) => {
    requireLibraryUpdate(ctx);
    const item = libraryItem(ctx);
    const prop = clone(obj(args.qProp));
    for (const k of Object.keys(item)) delete item[k];
    Object.assign(item, prop, { qInfo: item.qInfo ?? prop.qInfo });
    bump(ctx, new Set([ctx.entry.id ?? '']));
    return {};
  },
  ApplyPatches: (ctx, args) => {
    requireLibraryUpdate(ctx);
    applyPatches(libraryItem(ctx), Array.isArray(args.qPatches) ? args.qPatches : []);
    bump(ctx, new Set([ctx.entry.id ?? '']));
    return {};
  },
};

function requireLibraryUpdate(ctx: Ctx): void {
  if (ctx.entry.persistent && !privilegesFor(ctx).includes('update')) throw new EngineError(ERR.accessDenied);
}

for (const type of ['GenericMeasure', 'GenericDimension', 'GenericVariable', 'GenericBookmark']) handlers[type] = { ...libraryHandlers };
Object.assign(handlers.GenericBookmark, bookmarkObjectHandlers);
Object.assign(handlers.Doc, bookmarkDocHandlers, alternateStateHandlers);
handlers.GenericVariable.SetStringValue = (ctx, args) => {
  libraryItem(ctx).qDefinition = str(args.qVal);
  bump(ctx, new Set([ctx.entry.id ?? '']));
  return {};
};
handlers.GenericVariable.SetNumValue = (ctx, args) => {
  libraryItem(ctx).qDefinition = String(args.qVal);
  bump(ctx, new Set([ctx.entry.id ?? '']));
  return {};
};
