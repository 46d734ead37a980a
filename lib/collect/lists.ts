// Inventory through session objects with list definitions: one object brings every item of a kind
// (no per-item round trips). List defs per engine.md §3.7 (the engine has no qSheetListDef: Sense
// itself uses qAppObjectListDef with qType sheet/masterobject/story/appprops). Sheets, master
// visualizations and stories come from Doc.GetObjects instead, one round trip shorter.
import type { z } from 'zod/mini';
import { type CollectContext, engineCall, isFatal, withSessionObject } from './context';
import { FieldListLayout, ListLayout, type ListItem, ObjectsList, VariableListLayout } from './engine-schemas';

function parseLayout<T extends z.ZodMiniType>(schema: T, layout: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(layout);
  if (!parsed.success) throw new Error(`${what}: unexpected layout shape (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data;
}

async function appObjectList(ctx: CollectContext, qType: string, qData: Record<string, string>): Promise<ListItem[]> {
  const layout = await withSessionObject(
    ctx,
    { qInfo: { qType: `qlarity-${qType}-list` }, qAppObjectListDef: { qType, qData } },
    `${qType} list`,
  );
  return parseLayout(ListLayout('qAppObjectList'), layout, `${qType} list`).qAppObjectList?.qItems ?? [];
}

/**
 * The saved objects of one type with their qMeta (publish state, owner) in one call: Doc.GetObjects
 * (../shared/qlik/engine-rpc.json, stability "locked"; a real Qlik Cloud answer in
 * ../shared/research/engine.md §3.3). A list session object takes two round trips (create it, then
 * its layout), and every sheet's tree waits for the list. An engine that does not answer the method
 * (an older one) gets the list session object.
 */
async function savedObjects(ctx: CollectContext, qType: string, qData: Record<string, string>): Promise<ListItem[]> {
  let answer: unknown;
  try {
    answer = await engineCall(ctx, `GetObjects (${qType} list)`, () => ctx.doc.getObjects({ qTypes: [qType], qIncludeSessionObjects: false, qData }));
  } catch (error) {
    if (isFatal(error)) throw error;
    return appObjectList(ctx, qType, qData);
  }
  return parseLayout(ObjectsList, answer, `${qType} list (GetObjects)`);
}

export const listSheets = (ctx: CollectContext) =>
  savedObjects(ctx, 'sheet', { title: '/qMetaDef/title', description: '/qMetaDef/description', rank: '/rank' });

export const listMasterObjects = (ctx: CollectContext) =>
  savedObjects(ctx, 'masterobject', { title: '/qMetaDef/title', visualization: '/visualization', tags: '/qMetaDef/tags' });

export const listStories = (ctx: CollectContext) => savedObjects(ctx, 'story', { title: '/qMetaDef/title' });

/** The appprops object carries the app theme (`theme`). */
export const listAppProps = (ctx: CollectContext) => appObjectList(ctx, 'appprops', { theme: '/theme' });

export async function listMeasures(ctx: CollectContext): Promise<ListItem[]> {
  const layout = await withSessionObject(
    ctx,
    { qInfo: { qType: 'qlarity-measure-list' }, qMeasureListDef: { qType: 'measure', qData: { measure: '/qMeasure', meta: '/qMetaDef' } } },
    'measure list',
  );
  return parseLayout(ListLayout('qMeasureList'), layout, 'measure list').qMeasureList?.qItems ?? [];
}

export async function listDimensions(ctx: CollectContext): Promise<ListItem[]> {
  const layout = await withSessionObject(
    ctx,
    { qInfo: { qType: 'qlarity-dimension-list' }, qDimensionListDef: { qType: 'dimension', qData: { dim: '/qDim', meta: '/qMetaDef' } } },
    'dimension list',
  );
  return parseLayout(ListLayout('qDimensionList'), layout, 'dimension list').qDimensionList?.qItems ?? [];
}

export async function listBookmarks(ctx: CollectContext): Promise<ListItem[]> {
  const layout = await withSessionObject(
    ctx,
    {
      qInfo: { qType: 'qlarity-bookmark-list' },
      qBookmarkListDef: {
        qType: 'bookmark',
        qData: { title: '/qMetaDef/title', description: '/qMetaDef/description', sheetId: '/sheetId', selectionFields: '/selectionFields' },
      },
    },
    'bookmark list',
  );
  return parseLayout(ListLayout('qBookmarkList'), layout, 'bookmark list').qBookmarkList?.qItems ?? [];
}

export async function listVariables(ctx: CollectContext) {
  const layout = await withSessionObject(
    ctx,
    {
      qInfo: { qType: 'qlarity-variable-list' },
      qVariableListDef: { qType: 'variable', qShowReserved: true, qShowConfig: true, qShowSession: false, qData: { tags: '/tags' } },
    },
    'variable list',
  );
  return parseLayout(VariableListLayout, layout, 'variable list').qVariableList?.qItems ?? [];
}

export async function listFields(ctx: CollectContext) {
  const layout = await withSessionObject(
    ctx,
    {
      qInfo: { qType: 'qlarity-field-list' },
      qFieldListDef: {
        qShowSystem: true,
        qShowHidden: true,
        qShowSemantic: true,
        qShowSrcTables: true,
        qShowDerivedFields: true,
        qShowImplicit: false,
        qShowDefinitionOnly: false,
      },
    },
    'field list',
  );
  return parseLayout(FieldListLayout, layout, 'field list').qFieldList?.qItems ?? [];
}
