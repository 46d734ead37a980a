// Sheets, master visualizations and stories: one list call per kind, then one GetObject +
// GetFullPropertyTree per tree (children and container children come with it, no per-child calls).
import type { MasterVisualization, Sheet, Story, VisObject } from '../snapshot/schema.ts';
import { type CollectContext, attempt, engineCall } from './context.ts';
import { type ListItem, PropertyEntry } from './engine-schemas.ts';
import { listMasterObjects, listSheets, listStories } from './lists.ts';
import { flattenTree, thumbnailUrl } from './tree.ts';

type Loose = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export async function fetchTree(ctx: CollectContext, id: string, what: string): Promise<PropertyEntry> {
  const object = await engineCall(ctx, `GetObject (${what} ${id})`, () => ctx.doc.getObject(id));
  const tree = await engineCall(ctx, `GetFullPropertyTree (${what} ${id})`, () => object.getFullPropertyTree());
  const parsed = PropertyEntry.safeParse(tree);
  if (!parsed.success) throw new Error(`GetFullPropertyTree (${what} ${id}): unexpected shape (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

/** Fetch the trees of `items` through the pool, counting progress; items that fail become issues. */
async function fetchTrees(
  ctx: CollectContext,
  items: ListItem[],
  part: 'sheets' | 'masterVisualizations' | 'stories',
  what: string,
  onDone: () => void,
): Promise<{ item: ListItem; tree: PropertyEntry }[]> {
  const results = await Promise.all(
    items.map(async (item) => {
      const tree = await attempt(ctx, part, () => fetchTree(ctx, item.qInfo.qId, what), item.qInfo.qId);
      onDone();
      return tree ? { item, tree } : undefined;
    }),
  );
  return results.filter((r): r is { item: ListItem; tree: PropertyEntry } => r !== undefined);
}

export interface SheetsPart {
  sheets: Sheet[];
  objects: Omit<VisObject, 'layoutErrors'>[];
  masterVisualizations: MasterVisualization[];
  stories: Story[];
}

export async function collectSheetsAndObjects(ctx: CollectContext): Promise<SheetsPart> {
  const [sheetItems, masterItems, storyItems] = await Promise.all([
    attempt(ctx, 'sheets', () => listSheets(ctx)),
    attempt(ctx, 'masterVisualizations', () => listMasterObjects(ctx)),
    attempt(ctx, 'stories', () => listStories(ctx)),
  ]);
  const total = (sheetItems?.length ?? 0) + (masterItems?.length ?? 0) + (storyItems?.length ?? 0);
  let done = 0;
  const tick = (): void => ctx.progress('objects', ++done, total);
  ctx.progress('objects', 0, total);
  const [sheetTrees, masterTrees, storyTrees] = await Promise.all([
    fetchTrees(ctx, sheetItems ?? [], 'sheets', 'sheet', tick),
    fetchTrees(ctx, masterItems ?? [], 'masterVisualizations', 'master visualization', tick),
    fetchTrees(ctx, storyItems ?? [], 'stories', 'story', tick),
  ]);

  const objects: Omit<VisObject, 'layoutErrors'>[] = [];
  const sheets = sheetTrees.map(({ item, tree }) => {
    objects.push(...flattenTree(tree, { sheetId: item.qInfo.qId, inMasterVisualization: false }, false));
    return buildSheet(item, tree);
  });
  sheets.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const masterVisualizations = masterTrees.map(({ item, tree }) => {
    objects.push(...flattenTree(tree, { inMasterVisualization: true }, true));
    return buildMasterVisualization(item, tree);
  });
  const stories = storyTrees.map(({ item, tree }) => ({
    id: item.qInfo.qId,
    title: str(item.qMeta?.title) ?? str(item.qData?.title) ?? str((tree.qProperty.qMetaDef as Loose | undefined)?.title) ?? '',
    slideCount: tree.qChildren?.length ?? 0,
    tree: tree as unknown as Loose,
  }));
  return { sheets, objects, masterVisualizations, stories };
}

export function buildSheet(item: ListItem, tree: PropertyEntry): Sheet {
  const props = tree.qProperty as Loose;
  const meta = (item.qMeta ?? {}) as Loose;
  const metaDef = (props.qMetaDef ?? {}) as Loose;
  const { qChildren: _children, ...own } = props;
  const rank = typeof props.rank === 'number' ? props.rank : typeof item.qData?.rank === 'number' ? item.qData.rank : undefined;
  const cells = Array.isArray(props.cells) ? props.cells.filter((c): c is Loose & { name: string } => !!c && typeof (c as Loose).name === 'string') : [];
  const thumbnail = thumbnailUrl(props.thumbnail);
  const description = str(meta.description) ?? str(metaDef.description);
  return {
    id: item.qInfo.qId,
    title: str(meta.title) ?? str(metaDef.title) ?? str(item.qData?.title) ?? '',
    ...(description !== undefined ? { description } : {}),
    ...(rank !== undefined ? { rank } : {}),
    published: meta.published === true,
    approved: meta.approved === true,
    ...(str(meta.ownerId) ? { ownerId: str(meta.ownerId) } : {}),
    ...(thumbnail ? { thumbnail } : {}),
    cells,
    childIds: (tree.qChildren ?? []).map((c) => c.qProperty.qInfo.qId),
    ...(str(props.qStateName) ? { stateName: str(props.qStateName) } : {}),
    meta,
    properties: own,
  };
}

function buildMasterVisualization(item: ListItem, tree: PropertyEntry): MasterVisualization {
  const props = tree.qProperty as Loose;
  const meta = (item.qMeta ?? {}) as Loose;
  const metaDef = (props.qMetaDef ?? {}) as Loose;
  const description = str(meta.description) ?? str(metaDef.description);
  const visualization = str(props.visualization) ?? str(item.qData?.visualization);
  return {
    id: item.qInfo.qId,
    title: str(meta.title) ?? str(metaDef.title) ?? str(item.qData?.title) ?? '',
    ...(description !== undefined ? { description } : {}),
    tags: strings(meta.tags).length ? strings(meta.tags) : strings(metaDef.tags),
    ...(visualization ? { visualization } : {}),
    properties: props,
  };
}
