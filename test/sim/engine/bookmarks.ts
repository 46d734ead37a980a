// Bookmark methods beyond the library basics (GetLayout/GetProperties/SetProperties live
// with the other library items in methods.ts): set analysis of a bookmark, applying and verifying it,
// its field values, cloning, replacing, temporary bookmarks, publish/approve. A bookmark's
// selections are its `qBookmark.qStateData` (NxBookmark), as the app folder gives them.
import { isObject, type Json, type JsonObject } from '../app/app-model';
import { markChanged, newId, openHandle, type Ctx, type Handler } from './context';
import { ERR, EngineError } from './protocol';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): JsonObject => (isObject(v) ? v : {});
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v : []);

interface FieldSelection {
  state: string;
  field: string;
  values: JsonObject[];
}

function selectionsOf(bookmark: JsonObject): FieldSelection[] {
  return arr(obj(bookmark.qBookmark).qStateData)
    .map(obj)
    .flatMap((s) => arr(s.qFieldItems).map(obj).map((item) => ({ state: str(s.qStateName) || '$', field: str(obj(item.qDef).qName), values: arr(item.qValues).map(obj) })))
    .filter((s) => s.field !== '');
}

/** The set expression a bookmark's selections in one state stand for: `{<[Field]={'a',7}>}`. */
export function setExpressionOf(bookmark: JsonObject, stateName: string): string {
  const modifiers = selectionsOf(bookmark)
    .filter((s) => s.state === stateName)
    .map(({ field, values }) => {
      const texts = values.map((v) => (v.qIsNumeric ? String(v.qNumber) : `'${str(v.qText).replace(/'/g, "''")}'`));
      return `[${field.replace(/]/g, ']]')}]={${texts.join(',')}}`;
    });
  return modifiers.length ? `{<${modifiers.join(',')}>}` : '{1}';
}

/** The session's current default-state selections as `NxBookmark.qStateData`. */
function currentSelections(ctx: Ctx): JsonObject {
  const qFieldItems: Json[] = [...ctx.state.selections]
    .filter(([, values]) => values.size > 0)
    .map(([field, values]) => ({ qDef: { qName: field, qType: 'PRESENT' }, qValues: [...values].map((text) => ({ qText: text, qIsNumeric: false, qNumber: 0 })), qExcludedValues: [] }));
  return { qStateData: [{ qStateName: '$', qFieldItems }], qUtcModifyTime: Date.now() / 86_400_000 + 25_569, qVariableItems: [] };
}

function knownStates(ctx: Ctx): Set<string> {
  return new Set(['$', ...ctx.model.stateNames, ...ctx.state.sessionStateNames]);
}

/** Applies the selections of the default state and of every known alternate state (alternate-state selections are not tracked). */
function apply(ctx: Ctx, bookmark: JsonObject): JsonObject[] {
  const warnings: JsonObject[] = [];
  const states = knownStates(ctx);
  for (const s of selectionsOf(bookmark)) {
    if (!states.has(s.state)) {
      warnings.push({ qState: s.state, qField: s.field, qVerifyResult: 'STATE_MISSING', qMissingValues: [] });
      continue;
    }
    if (!ctx.model.dataModel.fieldByName.has(s.field)) {
      warnings.push({ qState: s.state, qField: s.field, qVerifyResult: 'FIELD_MISSING', qMissingValues: [] });
      continue;
    }
    if (s.state === '$') ctx.state.selections.set(s.field, new Set(s.values.map((v) => str(v.qText))));
  }
  markChanged(ctx);
  return warnings;
}

function bookmarkById(ctx: Ctx, id: string): JsonObject {
  const bookmark = ctx.model.bookmarks.get(id);
  if (!bookmark) throw new EngineError(ERR.notFound, id);
  return bookmark;
}

function currentBookmark(ctx: Ctx): JsonObject {
  return bookmarkById(ctx, ctx.entry.id ?? '');
}

function bumpBookmarks(ctx: Ctx, id?: string): void {
  ctx.model.revision += 1;
  markChanged(ctx, id === undefined ? undefined : new Set([id]));
}

function createBookmark(ctx: Ctx, prop: JsonObject): Record<string, unknown> {
  const props = structuredClone(prop);
  const wanted = str(obj(props.qInfo).qId);
  const id = wanted && !ctx.model.bookmarks.has(wanted) ? wanted : newId(ctx); // NxInfo.qId: a taken id is replaced
  props.qInfo = { qId: id, qType: str(obj(props.qInfo).qType) || 'bookmark' };
  // a new bookmark stores the selections made when it is created
  if (!isObject(props.qBookmark)) props.qBookmark = currentSelections(ctx);
  ctx.model.bookmarks.set(id, props);
  bumpBookmarks(ctx);
  return { qReturn: openHandle(ctx, 'GenericBookmark', id, str(props.qInfo.qType), true), qInfo: props.qInfo };
}

function fieldValues(bookmark: JsonObject, field: string, state: string, start: number, end: number): JsonObject[] {
  const values = selectionsOf(bookmark).find((s) => s.field === field && s.state === state)?.values ?? [];
  const last = end < 0 ? values.length : Math.min(values.length, end + 1);
  return values.slice(Math.max(0, start), last).map((v) => ({ qText: str(v.qText), qIsNumeric: Boolean(v.qIsNumeric), qNumber: typeof v.qNumber === 'number' ? v.qNumber : 0 }));
}

/** Cloud item meta of a bookmark (published / approved), kept with the app's other item meta. */
function setMeta(ctx: Ctx, key: 'published' | 'approved', value: boolean): Record<string, unknown> {
  const id = ctx.entry.id ?? '';
  currentBookmark(ctx);
  ctx.model.objectMeta.set(id, { ...(ctx.model.objectMeta.get(id) ?? {}), [key]: value });
  bumpBookmarks(ctx, id);
  return {};
}

export const bookmarkDocHandlers: Record<string, Handler> = {
  GetSetAnalysis: (ctx, args) => ({ qSetExpression: setExpressionOf(bookmarkById(ctx, str(args.qBookmarkId)), str(args.qStateName) || '$') }),
  ApplyBookmark: (ctx, args) => {
    const bookmark = ctx.model.bookmarks.get(str(args.qId));
    if (!bookmark) return { qSuccess: false };
    apply(ctx, bookmark);
    return { qSuccess: true };
  },
  ApplyAndVerifyBookmark: (ctx, args) => ({ qResult: { qApplySuccess: true, qWarnings: apply(ctx, bookmarkById(ctx, str(args.qId))) } }),
  CreateBookmark: (ctx, args) => createBookmark(ctx, obj(args.qProp)),
  CreateBookmarkEx: (ctx, args) => createBookmark(ctx, obj(args.qProp)),
  CloneBookmark: (ctx, args) => {
    const source = bookmarkById(ctx, str(args.qId));
    const clone = structuredClone(source);
    const id = newId(ctx);
    clone.qInfo = { ...obj(clone.qInfo), qId: id };
    ctx.model.bookmarks.set(id, clone);
    bumpBookmarks(ctx);
    return { qCloneId: id };
  },
  ReplaceBookmark: (ctx, args) => {
    const id = str(args.qId);
    const bookmark = bookmarkById(ctx, id);
    bookmark.qBookmark = currentSelections(ctx);
    bumpBookmarks(ctx, id);
    return { qReturn: openHandle(ctx, 'GenericBookmark', id, str(obj(bookmark.qInfo).qType) || 'bookmark', true), qInfo: bookmark.qInfo ?? {} };
  },
  CreateTemporaryBookmark: (ctx) => {
    const id = newId(ctx);
    ctx.state.tempBookmarks.set(id, { qBookmark: currentSelections(ctx) });
    return { qId: id, qReturn: true };
  },
  ApplyTemporaryBookmark: (ctx, args) => {
    const temp = ctx.state.tempBookmarks.get(str(args.qId));
    if (!temp) return { qReturn: false };
    ctx.state.selections.clear();
    apply(ctx, temp);
    return { qReturn: true };
  },
};

export const bookmarkObjectHandlers: Record<string, Handler> = {
  Apply: (ctx) => {
    apply(ctx, currentBookmark(ctx));
    return { qSuccess: true };
  },
  ApplyAndVerify: (ctx) => ({ qResult: { qApplySuccess: true, qWarnings: apply(ctx, currentBookmark(ctx)) } }),
  GetFieldValues: (ctx, args) => {
    const page = obj(args.qDataPage);
    const start = typeof page.qStartIndex === 'number' ? page.qStartIndex : 0;
    const end = typeof page.qEndIndex === 'number' ? page.qEndIndex : -1;
    return { qFieldValues: fieldValues(currentBookmark(ctx), str(args.qField), '$', start, end) };
  },
  GetFieldValuesEx: (ctx, args) => {
    const pages = arr(obj(args.qDataPages).qStatePages).map(obj);
    const bookmark = currentBookmark(ctx);
    return {
      qFieldValues: pages.map((p) => {
        const state = str(p.qStateName) || '$';
        const start = typeof p.qStartIndex === 'number' ? p.qStartIndex : 0;
        const end = typeof p.qEndIndex === 'number' ? p.qEndIndex : -1;
        return { qStateName: state, qFieldValues: fieldValues(bookmark, str(args.qField), state, start, end) };
      }),
    };
  },
  Publish: (ctx) => setMeta(ctx, 'published', true),
  UnPublish: (ctx) => setMeta(ctx, 'published', false),
  Approve: (ctx) => setMeta(ctx, 'approved', true),
  UnApprove: (ctx) => setMeta(ctx, 'approved', false),
};
