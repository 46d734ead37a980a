// Methods of the Doc handle: the app, its lists, objects, data model and script.
import { qInfoOf, type Json, type JsonObject, type StoredObject } from '../../app/app-model';
import { checkExpression } from '../../checker/check-expression';
import { checkScriptSyntax } from '../../checker/check-script';
import { expandDollars } from '../../checker/dollar-expansion';
import { tableRows } from '../../data/generate';
import { markChanged, newId, notFound, openHandle, type Ctx, type Handler } from '../context';
import { cachedCheck, checkContext } from '../expressions';
import { dollarContext, evaluateExpression } from '../evaluate';
import { findObject, metaOf, objectLayout, resolveData } from '../layout';
import { ERR, EngineError } from '../protocol';
import { str, obj, clone, bump, libraryGetter, scriptVariable, createObject, destroy, tablesAndKeys, fieldDescription, appLayout } from './shared';

function createLibraryItem(ctx: Ctx, kind: 'measures' | 'dimensions', type: string, prop: JsonObject) {
  const props = clone(prop);
  const wanted = str(obj(props.qInfo).qId);
  const id = wanted && !ctx.model[kind].has(wanted) ? wanted : newId(ctx); // NxInfo.qId: a taken id is replaced
  props.qInfo = { qId: id, qType: str(obj(props.qInfo).qType) || kind.slice(0, -1) };
  ctx.model[kind].set(id, props);
  bump(ctx);
  return { qReturn: openHandle(ctx, type, id, str(obj(props.qInfo).qType), true), qInfo: props.qInfo };
}

/** Methods of the Doc handle (the app). */
export const docHandlers: Record<string, Handler> = {
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
};
