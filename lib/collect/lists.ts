// Inventory through session objects with list definitions: one object brings every item of a kind
// (no per-item round trips). List defs per engine.md §3.7 (the engine has no qSheetListDef: Sense
// itself uses qAppObjectListDef with qType sheet/masterobject/story/appprops).
import type { z } from 'zod/mini';
import { type CollectContext, withSessionObject } from './context';
import { FieldListLayout, ListLayout, type ListItem, VariableListLayout } from './engine-schemas';

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

export const listSheets = (ctx: CollectContext) =>
  appObjectList(ctx, 'sheet', { title: '/qMetaDef/title', description: '/qMetaDef/description', rank: '/rank' });

export const listMasterObjects = (ctx: CollectContext) =>
  appObjectList(ctx, 'masterobject', { title: '/qMetaDef/title', visualization: '/visualization', tags: '/qMetaDef/tags' });

export const listStories = (ctx: CollectContext) => appObjectList(ctx, 'story', { title: '/qMetaDef/title' });

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
