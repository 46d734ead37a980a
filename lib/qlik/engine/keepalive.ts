// Keepalive while idle: QIX has no ping, so after `intervalMs` without any frame in either
// direction a cheap read-only call (Global.EngineVersion) is sent. It keeps the engine from
// ending an idle session (close 4201) and, in Chrome 116+, WebSocket traffic resets an extension
// service worker's 30 s idle timer (connectivity.md §5.5: a keepalive every 20 s).
import type { Timers } from './timers';

export interface KeepaliveOptions {
  intervalMs: number;
  /** when the last frame was sent or received (Timers.now() clock) */
  lastActivity: () => number;
  /** false while there is no usable connection (reconnecting): no ping then */
  connected: () => boolean;
  ping: () => Promise<unknown>;
  timers: Timers;
}

export interface Keepalive {
  stop(): void;
}

export function startKeepalive(options: KeepaliveOptions): Keepalive {
  const { intervalMs, timers } = options;
  let handle: unknown;
  let stopped = false;
  const schedule = (ms: number): void => {
    if (!stopped) handle = timers.setTimeout(tick, Math.max(1, ms));
  };
  const tick = (): void => {
    if (stopped) return;
    const idle = timers.now() - options.lastActivity();
    if (idle < intervalMs) return schedule(intervalMs - idle);
    if (options.connected()) void options.ping().catch(() => undefined); // a failed ping is the drop handler's business
    schedule(intervalMs);
  };
  if (intervalMs > 0) schedule(intervalMs);
  return {
    stop() {
      stopped = true;
      timers.clearTimeout(handle);
    },
  };
}
