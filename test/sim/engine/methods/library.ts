// Methods of library item handles: master measures and dimensions, variables, bookmarks.
import { privilegesFor } from '../layout';
import { bookmarkObjectHandlers } from '../bookmarks';
import { type Ctx, type Handler } from '../context';
import { ERR, EngineError } from '../protocol';
import { applyPatches, bump, clone, libraryItem, libraryLayout, linkedObjects, obj, str } from './shared';

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

export const genericMeasureHandlers: Record<string, Handler> = { ...libraryHandlers };
export const genericDimensionHandlers: Record<string, Handler> = { ...libraryHandlers };
export const genericBookmarkHandlers: Record<string, Handler> = { ...libraryHandlers, ...bookmarkObjectHandlers };
export const genericVariableHandlers: Record<string, Handler> = {
  ...libraryHandlers,
  SetStringValue: (ctx, args) => {
    libraryItem(ctx).qDefinition = str(args.qVal);
    bump(ctx, new Set([ctx.entry.id ?? '']));
    return {};
  },
  SetNumValue: (ctx, args) => {
    libraryItem(ctx).qDefinition = String(args.qVal);
    bump(ctx, new Set([ctx.entry.id ?? '']));
    return {};
  },
};
