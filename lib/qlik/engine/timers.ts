// The clock and timers the engine session waits with (keepalive, reconnect backoff, attempt
// timeouts). Injected so tests can run them on a fake clock.

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** ms, monotonic */
  now(): number;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  now: () => globalThis.performance.now(),
};

/** Resolves after `ms`, or at once when `stop` fires first (then with false). */
export function wait(timers: Timers, ms: number, stop: Promise<unknown>): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const handle = timers.setTimeout(() => resolve(true), ms);
    void stop.then(() => {
      timers.clearTimeout(handle);
      resolve(false);
    });
  });
}
