// Methods of GenericObject handles: properties, layouts, data pages, children.
import { isObject, propertyTreeOf, type StoredObject } from '../../app/app-model';
import { JsonText, markChanged, notFound, openHandle, type Handler } from '../context';
import { layoutCost, pageCost } from '../calc-cost';
import { cubeModel, dataPages, pivotPages } from '../hypercube';
import { defAtPath, effectiveProperties, findObject, objectLayout } from '../layout';
import { ERR, EngineError } from '../protocol';
import { str, obj, clone, currentObject, requireUpdate, bump, cellsOf, applyPatches, linkedObjects, createObject, destroy } from './shared';

/** Methods of GenericObject handles (sheets, charts, session objects). */
export const genericObjectHandlers: Record<string, Handler> = {
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
};
