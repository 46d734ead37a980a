// GenericObject layouts: every `q…Def` in the properties becomes its computed `q…`
// (qHyperCubeDef→qHyperCube, qChildListDef→qChildList, qStringExpression→string, …);
// everything else is copied. qExtendsId pulls the master visualization's properties in.
import { isObject, qInfoOf, type AppModel, type Json, type JsonObject, type StoredObject } from '../app/app-model';
import type { Ctx } from './context';
import { evaluateCached, scriptVariables } from './evaluate';
import { hyperCubeLayout, listObjectLayout } from './hypercube';
import { reservedFlags } from '../../../lib/analyze/reserved-variables';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): JsonObject => (isObject(v) ? v : {});

export function findObject(ctx: Ctx, id: string | undefined): StoredObject | undefined {
  if (id === undefined) return undefined;
  return ctx.state.sessionObjects.get(id) ?? ctx.model.objects.get(id);
}

/** Object privileges in Qlik Cloud: a developer (owner / can-edit) has them all, a viewer reads. */
export function privilegesForRole(role: 'developer' | 'viewer'): string[] {
  return role === 'developer' ? ['read', 'update', 'delete', 'exportdata', 'publish', 'change_owner'] : ['read', 'exportdata'];
}

export function privilegesFor(ctx: Pick<Ctx, 'user'>): string[] {
  return privilegesForRole(ctx.user.role);
}

/** qMeta: the qMetaDef plus privileges; saved top-level app objects also carry Cloud's item keys. */
export function metaOf(ctx: Ctx, properties: JsonObject, opts: { topLevel: boolean; persistent: boolean }): JsonObject {
  const meta: JsonObject = { ...obj(properties.qMetaDef) };
  if (opts.persistent && opts.topLevel) {
    const { qId, qType } = qInfoOf(properties);
    const attrs = ctx.app.attributes;
    const own = ctx.model.objectMeta.get(qId) ?? {};
    const owner = str(own.owner) || str(attrs.owner);
    Object.assign(meta, {
      _resourcetype: 'app.object',
      _objecttype: qType,
      id: qId,
      approved: typeof own.approved === 'boolean' ? own.approved : false,
      published: typeof own.published === 'boolean' ? own.published : Boolean(attrs.published),
      owner,
      ownerId: owner,
      createdDate: str(own.createdDate) || str(attrs.createdDate),
      modifiedDate: str(own.modifiedDate) || str(attrs.modifiedDate),
    });
  }
  meta.privileges = privilegesFor(ctx);
  return meta;
}

/** RFC 6901 pointer into a value; undefined when the path does not exist. */
export function getPointer(value: Json | undefined, pointer: string): Json | undefined {
  if (pointer === '' || pointer === '/') return value;
  let current: Json | undefined = value;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = current[Number(key)];
    else if (isObject(current)) current = current[key];
    else return undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

/**
 * `qData` of list items: each key's JSON pointer resolved against the item's properties; a
 * string/value expression found there is evaluated, as the client sees it in the layout.
 */
export function resolveData(qData: Json | undefined, properties: JsonObject, model?: AppModel): JsonObject {
  const out: JsonObject = {};
  for (const [key, path] of Object.entries(obj(qData))) {
    if (typeof path !== 'string') continue;
    const value = getPointer(properties, path);
    if (value === undefined) continue;
    const expression = isObject(value) && Object.keys(value).length === 1 ? (value.qStringExpression ?? value.qValueExpression) : undefined;
    if (model && expression !== undefined) {
      const v = evaluateCached(model, isObject(expression) ? str(expression.qExpr) : str(expression));
      out[key] = 'qValueExpression' in obj(value) && typeof v.num === 'number' ? v.num : v.text;
    } else out[key] = value;
  }
  return out;
}

export function effectiveProperties(ctx: Ctx, stored: StoredObject): { properties: JsonObject; extendsError?: boolean } {
  const extendsId = str(stored.properties.qExtendsId);
  if (!extendsId) return { properties: stored.properties };
  const master = ctx.model.objects.get(extendsId);
  if (!master) return { properties: stored.properties, extendsError: true };
  return { properties: { ...master.properties, qInfo: stored.properties.qInfo, qExtendsId: extendsId, qMetaDef: master.properties.qMetaDef ?? {} } };
}


function variableListItems(ctx: Ctx, def: JsonObject): Json[] {
  const items: Json[] = [];
  const seen = new Set<string>();
  const fromScript = scriptVariables(ctx.model);
  const push = (item: JsonObject) => {
    seen.add(str(item.qName));
    items.push(item);
  };
  for (const v of ctx.model.variables.values()) {
    const item: JsonObject = { qName: str(v.qName), qDefinition: str(v.qDefinition), qInfo: v.qInfo ?? {}, qMeta: metaOf(ctx, v, { topLevel: false, persistent: true }), qData: resolveData(def.qData, v) };
    if (str(v.qComment)) item.qDescription = str(v.qComment);
    if (fromScript.has(str(v.qName))) item.qIsScriptCreated = true;
    push(item);
  }
  if (def.qShowSession) for (const v of ctx.state.sessionVariables.values()) push({ qName: str(v.qName), qDefinition: str(v.qDefinition), qInfo: v.qInfo ?? {}, qData: resolveData(def.qData, v) });
  for (const [name, definition] of fromScript) {
    if (seen.has(name)) continue;
    const flags = reservedFlags(name);
    if ((flags.qIsConfig && !def.qShowConfig) || (flags.qIsReserved && !def.qShowReserved)) continue;
    const item: JsonObject = { qName: name, qDefinition: definition, qInfo: { qId: `sv-${name}`, qType: 'variable' }, qData: {}, ...flags };
    item.qIsScriptCreated = true;
    push(item);
  }
  return items;
}

function fieldListItems(ctx: Ctx, def: JsonObject): Json[] {
  const items: Json[] = [];
  for (const f of ctx.model.dataModel.fields) {
    if (f.isSystem && !def.qShowSystem) continue;
    if (f.isHidden && !f.isSystem && !def.qShowHidden) continue;
    if (f.isSemantic && !def.qShowSemantic) continue;
    const item: JsonObject = { qName: f.name, qCardinal: f.cardinal, qTags: f.tags };
    if (f.isHidden) item.qIsHidden = true;
    if (f.isSystem) item.qIsSystem = true;
    if (f.isSemantic) item.qIsSemantic = true;
    if (def.qShowSrcTables) item.qSrcTables = f.srcTables;
    if (def.qShowDerivedFields && f.tags.includes('$date')) {
      item.qDerivedFieldData = {
        qDerivedFieldLists: [
          {
            qDerivedDefinitionName: 'autoCalendar',
            qFieldDefs: ['Year', 'Quarter', 'Month', 'Week', 'Date'].map((p) => ({ qName: `${f.name}.autoCalendar.${p}`, qMethod: p, qTags: ['$axis', `$${p.toLowerCase()}`] })),
            qTags: ['$date'],
          },
        ],
      };
    }
    items.push(item);
  }
  return items;
}

function appObjectListItems(ctx: Ctx, def: JsonObject): Json[] {
  const type = str(def.qType);
  const items: Json[] = [];
  const add = (o: StoredObject, persistent: boolean) => {
    if (o.parentId || (type && o.type !== type)) return;
    items.push({ qInfo: { qId: o.id, qType: o.type }, qMeta: metaOf(ctx, o.properties, { topLevel: true, persistent }), qData: resolveData(def.qData, o.properties, ctx.model) });
  };
  for (const o of ctx.model.objects.values()) add(o, true);
  for (const o of ctx.state.sessionObjects.values()) if (o.type === type) add(o, false);
  return items;
}

function libraryListItems(ctx: Ctx, items: Iterable<JsonObject>, def: JsonObject): Json[] {
  return [...items].map((p) => ({ qInfo: p.qInfo ?? {}, qMeta: metaOf(ctx, p, { topLevel: true, persistent: true }), qData: resolveData(def.qData, p) }));
}

function childList(ctx: Ctx, stored: StoredObject, def: JsonObject): JsonObject {
  const persistent = ctx.model.objects.has(stored.id);
  const items = stored.childIds
    .map((id) => findObject(ctx, id))
    .filter((c): c is StoredObject => c !== undefined)
    .map((c) => ({ qInfo: { qId: c.id, qType: c.type }, qMeta: metaOf(ctx, c.properties, { topLevel: false, persistent }), qData: resolveData(def.qData, c.properties, ctx.model) }));
  return { qItems: items };
}

function selectionObject(ctx: Ctx): JsonObject {
  const selections: Json[] = [];
  for (const [field, values] of ctx.state.selections) {
    if (values.size === 0) continue;
    const total = ctx.model.dataModel.fieldByName.get(field)?.cardinal ?? values.size;
    selections.push({ qField: field, qSelected: [...values].slice(0, 6).join(', '), qSelectedCount: values.size, qTotal: total, qSelectedFieldSelectionInfo: [...values].map((v) => ({ qName: v, qFieldSelectionMode: 'NORMAL' })), qStateCounts: {} });
  }
  return { qBackCount: 0, qForwardCount: 0, qSelections: selections };
}

interface WalkState {
  stored: StoredObject;
  objectId: string;
  cubes: Map<string, JsonObject>;
}

/** Turns one properties subtree into its layout. `path` is the JSON pointer of the subtree. */
function walk(ctx: Ctx, value: Json, path: string, ws: WalkState): Json {
  if (Array.isArray(value)) return value.map((v, i) => walk(ctx, v, `${path}/${i}`, ws));
  if (!isObject(value)) return value;
  if ('qStringExpression' in value && Object.keys(value).length === 1) {
    const e = value.qStringExpression;
    return evaluateCached(ctx.model, isObject(e) ? str(e.qExpr) : str(e)).text;
  }
  if ('qValueExpression' in value && Object.keys(value).length === 1) {
    const e = value.qValueExpression;
    const v = evaluateCached(ctx.model, isObject(e) ? str(e.qExpr) : str(e));
    return typeof v.num === 'number' ? v.num : 'NaN';
  }
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    const def = obj(child);
    switch (key) {
      case 'qMetaDef':
        break;
      case 'qHyperCubeDef': {
        const cube = hyperCubeLayout(ctx, def, ws.objectId).layout;
        ws.cubes.set(`${path}/qHyperCubeDef`, cube);
        out.qHyperCube = cube;
        break;
      }
      case 'qListObjectDef':
        out.qListObject = listObjectLayout(ctx, def, ws.objectId);
        break;
      case 'qChildListDef':
        out.qChildList = childList(ctx, ws.stored, def);
        break;
      case 'qMeasureListDef':
        out.qMeasureList = { qItems: libraryListItems(ctx, ctx.model.measures.values(), def) };
        break;
      case 'qDimensionListDef':
        out.qDimensionList = { qItems: libraryListItems(ctx, ctx.model.dimensions.values(), def) };
        break;
      case 'qBookmarkListDef':
        out.qBookmarkList = { qItems: libraryListItems(ctx, ctx.model.bookmarks.values(), def) };
        break;
      case 'qVariableListDef':
        out.qVariableList = { qItems: variableListItems(ctx, def) };
        break;
      case 'qFieldListDef':
        out.qFieldList = { qItems: fieldListItems(ctx, def) };
        break;
      case 'qAppObjectListDef':
        out.qAppObjectList = { qItems: appObjectListItems(ctx, def) };
        break;
      case 'qExtensionListDef':
        out.qExtensionList = { qItems: [] };
        break;
      case 'qMediaListDef':
        out.qMediaList = { qItems: ctx.model.media.map((url) => ({ qUrlDef: url, qUrl: url })) };
        break;
      case 'qSelectionObjectDef':
        out.qSelectionObject = selectionObject(ctx);
        break;
      case 'qStaticContentUrlDef':
        out.qStaticContentUrl = str(def.qUrl) ? { qUrl: str(def.qUrl) } : {};
        break;
      case 'qUndoInfoDef':
        out.qUndoInfo = { qUndoCount: 0, qRedoCount: 0 };
        break;
      case 'qEmbeddedSnapshotDef':
        out.qEmbeddedSnapshot = {};
        break;
      default:
        out[key] = walk(ctx, child, `${path}/${key}`, ws);
    }
  }
  return out;
}

export function objectLayout(ctx: Ctx, stored: StoredObject): JsonObject {
  const { properties, extendsError } = effectiveProperties(ctx, stored);
  const persistent = ctx.model.objects.has(stored.id);
  const ws: WalkState = { stored, objectId: stored.id, cubes: new Map() };
  const layout = walk(ctx, properties, '', ws) as JsonObject;
  layout.qMeta = metaOf(ctx, properties, { topLevel: !stored.parentId, persistent });
  layout.qSelectionInfo = {};
  // a missing master visualization: LOCERR_LAYOUT_EXTENDS_INVALID_ID "Invalid extends id for
  // properties" (spec components.errors) on the layout's qError (GenericObjectLayout.qError)
  if (extendsError) layout.qError = { qErrorCode: 8000 };
  return layout;
}

/** The hypercube definition at `qPath` ("/qHyperCubeDef", "/qListObjectDef" or a nested path). */
export function defAtPath(ctx: Ctx, stored: StoredObject, qPath: string): JsonObject | undefined {
  const { properties } = effectiveProperties(ctx, stored);
  const value = getPointer(properties, qPath);
  return isObject(value) ? value : undefined;
}
