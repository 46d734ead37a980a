// Bookmarks: the list brings titles; per bookmark the layout brings the selected fields and values
// (qBookmark.qStateData) and Doc.GetSetAnalysis its set expression. Few per app, fetched in the pool.
import type { Bookmark } from '../snapshot/schema';
import { type CollectContext, attempt, engineCall } from './context';
import { QlikObject } from '../schema/qlik-object';
import { BookmarkLayout, type ListItem } from './engine-schemas';
import { listBookmarks } from './lists';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export async function collectBookmark(ctx: CollectContext, item: ListItem): Promise<Bookmark> {
  const id = item.qInfo.qId;
  const handle = await engineCall(ctx, `GetBookmark ${id}`, () => ctx.doc.getBookmark(id));
  const [layout, properties, setExpression] = await Promise.all([
    engineCall(ctx, `GetLayout (bookmark ${id})`, () => handle.getLayout()),
    engineCall(ctx, `GetProperties (bookmark ${id})`, () => handle.getProperties()),
    attempt(ctx, 'bookmarks', () => engineCall(ctx, `GetSetAnalysis (bookmark ${id})`, () => ctx.doc.getSetAnalysis('$', id)), id),
  ]);
  return buildBookmark(item, QlikObject.parse(properties ?? {}), QlikObject.parse(layout ?? {}), typeof setExpression === 'string' ? setExpression : undefined);
}

export function buildBookmark(item: ListItem, properties: QlikObject, layout: QlikObject | undefined, setExpression: string | undefined): Bookmark {
  const meta: QlikObject = item.qMeta ?? {};
  const data: QlikObject = item.qData ?? {};
  const parsed = BookmarkLayout.safeParse(layout ?? {});
  const selections = (parsed.success ? parsed.data.qBookmark?.qStateData ?? [] : []).flatMap((state) =>
    (state.qFieldItems ?? []).flatMap((fieldItem) => {
      const field = fieldItem.qDef?.qName;
      if (!field) return [];
      const values = (fieldItem.qValues ?? []).map((v) => v.qText).filter((t): t is string => typeof t === 'string');
      return [{ stateName: state.qStateName || '$', field, values }];
    }),
  );
  const description = str(meta.description) ?? str(data.description);
  const sheetId = str(data.sheetId) ?? str(properties.sheetId);
  return {
    id: item.qInfo.qId,
    title: str(meta.title) ?? str(data.title) ?? '',
    ...(description !== undefined ? { description } : {}),
    ...(sheetId !== undefined ? { sheetId } : {}),
    selections,
    ...(setExpression ? { setExpression } : {}),
    properties,
    ...(layout ? { layout } : {}),
  };
}

/** Every bookmark; one whose layout failed keeps what the list gave (the issue names it). */
export async function collectBookmarks(ctx: CollectContext): Promise<Bookmark[]> {
  const items = await attempt(ctx, 'bookmarks', () => listBookmarks(ctx));
  return Promise.all(
    (items ?? []).map(async (item) => (await attempt(ctx, 'bookmarks', () => collectBookmark(ctx, item), item.qInfo.qId)) ?? buildBookmark(item, {}, undefined, undefined)),
  );
}
