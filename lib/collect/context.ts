// What every collector shares: the engine doc, the REST client, the issue list, the request pool,
// cancellation and progress. Errors are sorted here: an engine error on one call or a REST error
// becomes a collection issue and the collection goes on; a closed socket or a cancel ends it.
import type { CollectionIssue, CollectionPart } from '../snapshot/schema.ts';
import { EngineError, toEngineError } from '../qlik/engine/errors.ts';
import type { QixDoc, QixGenericObject } from '../qlik/engine/types.ts';
import { RestError, type RestClient } from '../qlik/rest/client.ts';
import type { Limiter } from './limiter.ts';

export interface CollectProgress {
  phase: string;
  done: number;
  total: number;
}

export interface CollectContext {
  doc: QixDoc;
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

/** One engine call through the pool; errors mapped to EngineError. A fatal one reflects the session's own failure when known. */
export async function engineCall<T>(ctx: CollectContext, method: string, call: () => Promise<T>, pooled = true): Promise<T> {
  throwIfAborted(ctx);
  const limit: Limiter = pooled ? ctx.engineLimit : (task) => task();
  return limit(async () => {
    throwIfAborted(ctx);
    try {
      return await call();
    } catch (error) {
      throwIfAborted(ctx);
      const mapped = toEngineError(error, method);
      throw mapped.fatal ? (ctx.sessionFailure() ?? mapped) : mapped;
    }
  });
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
export async function attempt<T>(
  ctx: CollectContext,
  part: CollectionPart,
  run: () => Promise<T>,
  objectId?: string,
): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (isFatal(error)) throw error;
    addIssue(ctx, part, issueCode(error), error instanceof Error ? error.message : String(error), objectId);
    return undefined;
  }
}

export function addIssue(ctx: CollectContext, part: CollectionPart, code: string, message: string, objectId?: string): void {
  ctx.issues.push({ part, code, message, ...(objectId !== undefined ? { objectId } : {}) });
}

function describe(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 200);
  } catch {
    return typeof value;
  }
}

/** Create a session object, read its layout, destroy it (always). Only session objects are ever created. */
export async function withSessionObject(ctx: CollectContext, props: Record<string, unknown>, method: string): Promise<unknown> {
  const object: QixGenericObject = await engineCall(ctx, `CreateSessionObject (${method})`, async () => {
    const created = await ctx.doc.createSessionObject(props);
    // enigma returns the raw answer instead of an object API when the answer is not a handle
    if (typeof (created as Partial<QixGenericObject> | undefined)?.getLayout !== 'function') {
      throw new Error(`the engine answered without an object handle (${describe(created)})`);
    }
    return created;
  });
  try {
    return await engineCall(ctx, `GetLayout (${method})`, () => object.getLayout());
  } finally {
    // no abort check here: a cancelled collection still releases what it created (unless the socket is gone)
    await ctx.doc.destroySessionObject(object.id).catch(() => undefined);
  }
}
