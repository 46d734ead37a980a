// Sheets, master visualizations and stories: one list call per kind, then one GetObject +
// GetFullPropertyTree per tree (children and container children come with it, no per-child calls).
import type { MasterVisualization, Sheet, Story, VisObject } from '../snapshot/schema';
import { type CollectContext, attempt, engineCall } from './context';
import { type ListItem, type PropertyEntry, safeParsePropertyEntry } from './engine-schemas';
import { listMasterObjects, listSheets, listStories } from './lists';
import { flattenTree, thumbnailUrl } from './tree';

type Loose = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export async function fetchTree(ctx: CollectContext, id: string, what: string): Promise<PropertyEntry> {
  const object = await engineCall(ctx, `GetObject (${what} ${id})`, () => ctx.doc.getObject(id));
  const tree = await engineCall(ctx, `GetFullPropertyTree (${what} ${id})`, () => object.getFullPropertyTree());
  const parsed = safeParsePropertyEntry(tree);
  if (!parsed.success) throw new Error(`GetFullPropertyTree (${what} ${id}): unexpected shape (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

type Flattened = Omit<VisObject, 'layoutErrors'>[];
interface Fetched {
  item: ListItem;
  tree: PropertyEntry;
  objects: Flattened;
}

/**
 * Fetch the trees of `items` through the pool, counting progress; items that fail become issues.
 * Each tree is flattened as it arrives and its objects handed to `onObjects` (so their expressions
 * can be checked while other trees are still on their way).
 */
async function fetchTrees(
  ctx: CollectContext,
  items: ListItem[],
  part: 'sheets' | 'masterVisualizations' | 'stories',
  what: string,
  flatten: (item: ListItem, tree: PropertyEntry) => Flattened,
  onDone: (objects: Flattened) => void,
): Promise<Fetched[]> {
  const results = await Promise.all(
    items.map(async (item): Promise<Fetched | undefined> => {
      const tree = await attempt(ctx, part, () => fetchTree(ctx, item.qInfo.qId, what), item.qInfo.qId);
      const objects = tree ? flatten(item, tree) : [];
      onDone(objects);
      return tree ? { item, tree, objects } : undefined;
    }),
  );
  return results.filter((r): r is Fetched => r !== undefined);
}

export interface SheetsPart {
  sheets: Sheet[];
  objects: Flattened;
  masterVisualizations: MasterVisualization[];
  stories: Story[];
}

/** `onObjects`: called with the objects of each tree as soon as it has arrived. */
export async function collectSheetsAndObjects(ctx: CollectContext, onObjects: (objects: Flattened) => void = () => undefined): Promise<SheetsPart> {
  const [sheetItems, masterItems, storyItems] = await Promise.all([
    attempt(ctx, 'sheets', () => listSheets(ctx)),
    attempt(ctx, 'masterVisualizations', () => listMasterObjects(ctx)),
    attempt(ctx, 'stories', () => listStories(ctx)),
  ]);
  const total = (sheetItems?.length ?? 0) + (masterItems?.length ?? 0) + (storyItems?.length ?? 0);
  let done = 0;
  const tick = (objects: Flattened): void => {
    if (objects.length) onObjects(objects);
    ctx.progress('objects', ++done, total);
  };
  ctx.progress('objects', 0, total);
  const [sheetTrees, masterTrees, storyTrees] = await Promise.all([
    fetchTrees(ctx, sheetItems ?? [], 'sheets', 'sheet', (item, tree) => flattenTree(tree, { sheetId: item.qInfo.qId, inMasterVisualization: false }, false), tick),
    fetchTrees(ctx, masterItems ?? [], 'masterVisualizations', 'master visualization', (_item, tree) => flattenTree(tree, { inMasterVisualization: true }, true), tick),
    fetchTrees(ctx, storyItems ?? [], 'stories', 'story', () => [], tick),
  ]);

  const objects: Flattened = [];
  const sheets = sheetTrees.map(({ item, tree, objects: onSheet }) => {
    objects.push(...onSheet);
    return buildSheet(item, tree);
  });
  sheets.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const masterVisualizations = masterTrees.map(({ item, tree, objects: inTree }) => {
    objects.push(...inTree);
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

export function buildMasterVisualization(item: ListItem, tree: PropertyEntry): MasterVisualization {
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
