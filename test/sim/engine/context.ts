// What a method handler works with: the app, the user, the handle it was called on and the
// session's own state (handles, session objects, selections, calc cache).
import type { SimApp, SimUser } from '../types';
import type { AppModel, JsonObject, StoredObject } from '../app/app-model';
import type { EngineSpec } from '../spec/openrpc';

export interface HandleEntry {
  handle: number;
  type: string;
  /** qId of the object (generic objects, master items, variables, bookmarks) or field name */
  id?: string;
  genericType?: string;
  persistent?: boolean;
}

export interface SessionState {
  handles: Map<number, HandleEntry>;
  nextHandle: number;
  sessionObjects: Map<string, StoredObject>;
  sessionVariables: Map<string, JsonObject>;
  /** field → selected value texts */
  selections: Map<string, Set<string>>;
  /** object ids calculated once in this session (a later GetLayout costs cachedCalcMs) */
  calculated: Set<string>;
  /** object id → its first calculation in this session, while it runs (a concurrent call waits for it) */
  calculating: Map<string, Promise<void>>;
  /** alternate states added with AddSessionAlternateState (not saved in the app) */
  sessionStateNames: string[];
  /** CreateTemporaryBookmark: id → the selections it captured */
  tempBookmarks: Map<string, JsonObject>;
  docOpen: boolean;
  /** handles whose layout changed, sent in the response's `change` */
  changed: Set<number>;
  closed: Set<number>;
  idCounter: number;
}

export interface Ctx {
  app: SimApp;
  model: AppModel;
  user: SimUser;
  spec: EngineSpec;
  entry: HandleEntry;
  state: SessionState;
  /** privileges of the user on the app (Qlik Cloud: developer all, viewer read) */
  privileges: string[];
  /** real delay (cost model, faults) */
  sleep(ms: number): Promise<void>;
}

/**
 * A result already serialised: spliced into the answer frame as it is. A handler that answers with
 * a large part of the app model (GetFullPropertyTree) serialises it at once instead of deep-copying
 * it to keep later changes out of the answer, and the frame does not stringify it a second time.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/** A method handler: named params (filled and validated) in, the result object (the spec's out keys) out. */
export type Handler = (ctx: Ctx, args: Record<string, unknown>) => Promise<Record<string, unknown> | JsonText> | Record<string, unknown> | JsonText;

export function newSessionState(): SessionState {
  return {
    handles: new Map([[-1, { handle: -1, type: 'Global' }]]),
    nextHandle: 1,
    sessionObjects: new Map(),
    sessionVariables: new Map(),
    selections: new Map(),
    calculated: new Set(),
    calculating: new Map(),
    sessionStateNames: [],
    tempBookmarks: new Map(),
    docOpen: false,
    changed: new Set(),
    closed: new Set(),
    idCounter: 0,
  };
}

/** A new handle for an object; the same object fetched twice gets a new handle, like the engine. */
export function openHandle(ctx: Ctx, type: string, id?: string, genericType?: string, persistent?: boolean) {
  const handle = ctx.state.nextHandle++;
  ctx.state.handles.set(handle, { handle, type, id, genericType, persistent });
  const qReturn: Record<string, unknown> = { qType: type, qHandle: handle };
  if (genericType !== undefined) qReturn.qGenericType = genericType;
  if (id !== undefined) qReturn.qGenericId = id;
  return qReturn;
}

export const notFound = () => ({ qReturn: { qType: null, qHandle: null } });

/** Marks every open handle onto these ids (or all object handles) as changed. */
export function markChanged(ctx: Ctx, ids?: Set<string>): void {
  for (const entry of ctx.state.handles.values()) {
    if (entry.handle < 0) continue;
    if (!ids || (entry.id !== undefined && ids.has(entry.id))) ctx.state.changed.add(entry.handle);
  }
}

/** A stable, readable new object id. */
export function newId(ctx: Ctx): string {
  ctx.state.idCounter += 1;
  return `sim${ctx.state.idCounter.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
