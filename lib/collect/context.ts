// What every collector shares: the engine doc, the REST client, the issue list, the request pool,
// cancellation and progress. Errors are sorted here: an engine error on one call or a REST error
// becomes a collection issue and the collection goes on; a closed socket or a cancel ends it,
// unless the engine session resumes the connection (lib/qlik/engine/session.ts): then the call
// is made again. Calls on the doc and on saved objects survive any resume (enigma.js re-fetches
// their handles by id); a session object survives only a re-attached session, so
// withSessionObject creates it again when the engine session was replaced.
import type { IssuePart } from '../snapshot/parts';
import type { CollectionIssue } from '../snapshot/schema';
import { EngineError, toEngineError } from '../qlik/engine/errors';
import type { QixDoc, QixGenericObject } from '../qlik/engine/types';
import { RestError, type RestClient } from '../qlik/rest/client';
import type { Limiter } from './limiter';

export interface CollectProgress {
  phase: string;
  done: number;
  total: number;
}

/** The connection's resume state (lib/qlik/engine/session.ts EngineSession fits). */
export interface CollectConnection {
  /** the resumes so far; their count is the connection's epoch */
  resumes(): readonly { attached: boolean }[];
  /** after a call failed on a closed connection: true once it is usable again (resumed since `epoch`) */
  reconnected(epoch: number): Promise<boolean>;
}

export interface CollectContext {
  doc: QixDoc;
  /** absent: a closed connection ends the collection */
  connection?: CollectConnection;
  rest?: RestClient;
  appId: string;
  issues: CollectionIssue[];
  /** bounds engine requests in flight */
  engineLimit: Limiter;
  /** bounds REST requests in flight */
  restLimit: Limiter;
  signal?: AbortSignal;
  /** the error that ended the engine session, if it ended */
  sessionFailure: () => EngineError | undefined;
  progress: (phase: string, done: number, total: number) => void;
  /** session objects being destroyed: collectApp waits for all of them before it returns */
  releases: Promise<void>[];
}

export class CollectionAborted extends Error {
  constructor() {
    super('The analysis was cancelled.');
    this.name = 'CollectionAborted';
  }
}

export function throwIfAborted(ctx: CollectContext): void {
  if (ctx.signal?.aborted) throw new CollectionAborted();
}

/** A call on a session object's handle after the engine session was replaced: that object is gone. */
export class SessionObjectLost extends Error {
  constructor(method: string) {
    super(`${method}: the engine session was replaced while this session object was in use`);
    this.name = 'SessionObjectLost';
  }
}

export function connectionEpoch(ctx: CollectContext): number {
  return ctx.connection?.resumes().length ?? 0;
}

/** true when every resume since `epoch` re-attached to the same engine session */
export function sameSessionSince(ctx: CollectContext, epoch: number): boolean {
  return (ctx.connection?.resumes() ?? []).slice(epoch).every((r) => r.attached);
}

export interface EngineCallOptions {
  /** through the request pool (default true) */
  pooled?: boolean;
  /**
   * the call uses a session object's handle: after a resume into a new engine session it throws
   * SessionObjectLost instead of being made again on a handle that no longer exists
   */
  sessionObject?: boolean;
}

/**
 * One engine call through the pool; errors mapped to EngineError. A call the connection drop
 * rejected is made again once the connection is resumed. A fatal error reflects the session's
 * own failure when known. Written with `then` rather than async functions: it runs for every
 * engine call of a collection (thousands), and each async layer costs a promise and a frame.
 */
export function engineCall<T>(ctx: CollectContext, method: string, call: () => Promise<T>, pooledOrOptions: boolean | EngineCallOptions = true): Promise<T> {
  const options: EngineCallOptions = typeof pooledOrOptions === 'boolean' ? { pooled: pooledOrOptions } : pooledOrOptions;
  if (ctx.signal?.aborted) return Promise.reject(new CollectionAborted());
  if (options.pooled === false) return callOnce(ctx, method, call, options);
  return ctx.engineLimit(() => callOnce(ctx, method, call, options));
}

function callOnce<T>(ctx: CollectContext, method: string, call: () => Promise<T>, options: EngineCallOptions): Promise<T> {
  if (ctx.signal?.aborted) return Promise.reject(new CollectionAborted());
  const epoch = connectionEpoch(ctx);
  let answer: Promise<T>;
  try {
    answer = call();
  } catch (error) {
    return afterFailure(ctx, method, call, options, epoch, error);
  }
  return thenNative(answer, undefined, (error) => afterFailure(ctx, method, call, options, epoch, error));
}

const nativeThen = Promise.prototype.then;

/**
 * `promise.then` as the native promise has it. enigma.js replaces `then` on the promises it returns
 * (Session.addToPromiseChain, to carry the request id down every chain), so each `.then` on them
 * costs a closure, an array and two new properties, and passes the same on to the next link; the
 * collection reads no request id, so its chains start plain here.
 */
function thenNative<T, R = T>(promise: Promise<T>, onFulfilled: ((value: T) => R | PromiseLike<R>) | undefined, onRejected: (error: unknown) => R | PromiseLike<R>): Promise<R> {
  return promise instanceof Promise ? (nativeThen.call(promise, onFulfilled, onRejected) as Promise<R>) : Promise.resolve(promise).then(onFulfilled, onRejected);
}

/** The call failed: made again after a resume (bounded: the session gives up after ReconnectPolicy.maxResumes), else the mapped error. */
async function afterFailure<T>(ctx: CollectContext, method: string, call: () => Promise<T>, options: EngineCallOptions, epoch: number, error: unknown): Promise<T> {
  throwIfAborted(ctx);
  const mapped = toEngineError(error, method);
  if (mapped.kind === 'closed' && ctx.connection && (await ctx.connection.reconnected(epoch))) {
    throwIfAborted(ctx);
    if (options.sessionObject && !sameSessionSince(ctx, epoch)) throw new SessionObjectLost(method);
    return callOnce(ctx, method, call, options);
  }
  throw mapped.fatal ? (ctx.sessionFailure() ?? mapped) : mapped;
}

export async function restCall<T>(ctx: CollectContext, call: (rest: RestClient) => Promise<T>): Promise<T> {
  throwIfAborted(ctx);
  const rest = ctx.rest;
  if (!rest) throw new RestError('no REST client configured', 0, '');
  return ctx.restLimit(() => call(rest));
}

export function issueCode(error: unknown): string {
  if (error instanceof EngineError) return error.code !== undefined ? `ENGINE_${error.code}` : 'ENGINE';
  if (error instanceof RestError) return error.status ? `HTTP_${error.status}` : 'HTTP';
  return 'ERROR';
}

/** True for errors that end the collection instead of becoming an issue. */
export function isFatal(error: unknown): boolean {
  return error instanceof CollectionAborted || (error instanceof EngineError && error.fatal);
}

/**
 * Run one part; a non-fatal failure is recorded as an issue and `undefined` returned.
 * Without a REST client, REST parts are recorded as not collected.
 */
export function attempt<T>(
  ctx: CollectContext,
  part: IssuePart,
  run: () => Promise<T>,
  objectId?: string,
): Promise<T | undefined> {
  let result: Promise<T>;
  try {
    result = run();
  } catch (error) {
    return new Promise((resolve) => resolve(partFailed(ctx, part, error, objectId)));
  }
  return thenNative<T, T | undefined>(result, undefined, (error) => partFailed(ctx, part, error, objectId));
}

/**
 * `attempt(ctx, part, () => engineCall(ctx, method, call).then(read))` in one link, for the calls a
 * collection makes thousands of (the expression checks): an error of the call or of `read` (the
 * answer's schema) is an issue of `part`, a fatal one ends the collection.
 */
export function attemptEngineCall<T, R>(ctx: CollectContext, part: IssuePart, method: string, call: () => Promise<T>, read: (answer: T) => R): Promise<R | undefined> {
  return thenNative<T, R | undefined>(
    engineCall(ctx, method, call),
    (answer) => {
      try {
        return read(answer);
      } catch (error) {
        return partFailed(ctx, part, error, undefined);
      }
    },
    (error) => partFailed(ctx, part, error, undefined),
  );
}

function partFailed(ctx: CollectContext, part: IssuePart, error: unknown, objectId: string | undefined): undefined {
  if (isFatal(error)) throw error;
  addIssue(ctx, part, issueCode(error), error instanceof Error ? error.message : String(error), objectId);
  return undefined;
}

export function addIssue(ctx: CollectContext, part: IssuePart, code: string, message: string, objectId?: string): void {
  ctx.issues.push({ part, code, message, ...(objectId !== undefined ? { objectId } : {}) });
}

function describe(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 200);
  } catch {
    return typeof value;
  }
}

/**
 * Create a session object, read its layout, destroy it (always; the caller does not wait for the
 * destroy's answer, which would add a round trip to every chain that starts with a list:
 * `ctx.releases` holds it until the collection ends). Only session objects are ever created. When a resume lands in a new engine session the object is gone with the old session,
 * so it is created again there.
 */
export async function withSessionObject(ctx: CollectContext, props: Record<string, unknown>, method: string): Promise<unknown> {
  for (;;) {
    try {
      return await sessionObjectLayout(ctx, props, method);
    } catch (error) {
      if (!(error instanceof SessionObjectLost)) throw error;
    }
  }
}

async function sessionObjectLayout(ctx: CollectContext, props: Record<string, unknown>, method: string): Promise<unknown> {
  const object: QixGenericObject = await engineCall(ctx, `CreateSessionObject (${method})`, async () => {
    const created = await ctx.doc.createSessionObject(props);
    // enigma returns the raw answer instead of an object API when the answer is not a handle
    if (typeof (created as Partial<QixGenericObject> | undefined)?.getLayout !== 'function') {
      throw new Error(`the engine answered without an object handle (${describe(created)})`);
    }
    return created;
  });
  const epoch = connectionEpoch(ctx);
  try {
    return await engineCall(ctx, `GetLayout (${method})`, () => object.getLayout(), { sessionObject: true });
  } finally {
    ctx.releases.push(destroySessionObject(ctx, object.id, epoch));
  }
}

/**
 * No abort check: a cancelled collection still releases what it created (unless the socket is
 * gone). A drop in between: released after the resume, when the session (and so it) was kept.
 */
async function destroySessionObject(ctx: CollectContext, id: string, epoch: number): Promise<void> {
  const before = connectionEpoch(ctx);
  try {
    await ctx.doc.destroySessionObject(id);
  } catch (error) {
    if (ctx.signal?.aborted || toEngineError(error, 'DestroySessionObject').kind !== 'closed' || !ctx.connection) return;
    const back = await ctx.connection.reconnected(before).catch(() => false);
    if (back && sameSessionSince(ctx, epoch)) await ctx.doc.destroySessionObject(id).catch(() => undefined);
  }
}
