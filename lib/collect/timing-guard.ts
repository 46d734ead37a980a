// Which objects' timings a connection drop ran through. A timed round trip that spans a drop
// holds the backoff and reconnect time, and timing the object again afterwards would meet an
// engine that may already have calculated it (a warm cache): neither is the object's first
// calculation time. So those timings are reported as not measured, with the reason.
import type { ObjectTiming } from '../snapshot/schema.ts';
import type { QixDoc, QixGenericObject } from '../qlik/engine/types.ts';
import { type CollectContext, addIssue, connectionEpoch } from './context.ts';

export interface TimingGuard {
  /** the context to time with: its doc notes, per object, the connection epoch of every call */
  ctx: CollectContext;
  /** objects whose calls ran in more than one epoch (a resume happened while they were timed) */
  interrupted(): Set<string>;
}

export function guardTimings(ctx: CollectContext): TimingGuard {
  if (!ctx.connection) return { ctx, interrupted: () => new Set() };
  const epochs = new Map<string, Set<number>>();
  const mark = (id: string): void => {
    const seen = epochs.get(id) ?? new Set<number>();
    seen.add(connectionEpoch(ctx));
    epochs.set(id, seen);
  };
  const watched = <T>(id: string, run: () => Promise<T>): Promise<T> => {
    mark(id);
    return run().finally(() => mark(id));
  };
  const wrapHandle = (handle: QixGenericObject, id: string): QixGenericObject =>
    new Proxy(handle, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => watched(id, () => Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args)));
      },
    });
  const doc = new Proxy(ctx.doc, {
    get(target, prop) {
      if (prop === 'getObject') return (id: string) => watched(id, () => target.getObject(id)).then((h) => wrapHandle(h, id));
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as QixDoc;
  return {
    ctx: { ...ctx, doc },
    interrupted: () => new Set([...epochs].filter(([, seen]) => seen.size > 1).map(([id]) => id)),
  };
}

/** The timings with the interrupted ones replaced by "not measured", each with a collection issue. */
export function withoutInterrupted(ctx: CollectContext, timings: ObjectTiming[], interrupted: Set<string>): ObjectTiming[] {
  if (interrupted.size === 0) return timings;
  const message = 'Not timed: the engine connection dropped while this object was being timed (it was resumed), so no round trip is its calculation time.';
  return timings.map((t) => {
    if (!interrupted.has(t.objectId) || t.error !== undefined) return t;
    addIssue(ctx, 'timings', 'CONNECTION_DROPPED', message, t.objectId);
    return { ...t, firstMs: 0, cachedMs: 0, cellsFetched: 0, error: message };
  });
}
