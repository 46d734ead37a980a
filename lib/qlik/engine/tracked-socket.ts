// Wraps each socket enigma.js opens: counts frames, notes the last activity (keepalive), and sees
// a close before enigma.js does, so the session knows a drop happened before any call that the
// drop rejected is handled.
import type { Timers } from './timers.ts';
import type { WebSocketLike } from './types.ts';

export interface SocketActivity {
  /** frames sent and received on the current socket */
  messages: number;
  lastActivity: number;
}

export function trackSocket(
  inner: WebSocketLike,
  timers: Timers,
  activity: SocketActivity,
  onClosed: (event: { code: number; reason?: string }) => void,
): WebSocketLike {
  const touch = (): void => {
    activity.messages += 1;
    activity.lastActivity = timers.now();
  };
  const outer: WebSocketLike = {
    get readyState() {
      return inner.readyState;
    },
    get OPEN() {
      return inner.OPEN ?? 1;
    },
    send(data: string) {
      inner.send(data);
      touch();
    },
    close(code?: number, reason?: string) {
      inner.close(code, reason);
    },
    onopen: null,
    onclose: null,
    onerror: null,
    onmessage: null,
  };
  inner.onopen = (event) => outer.onopen?.(event);
  inner.onerror = (event) => outer.onerror?.(event);
  inner.onmessage = (event) => {
    touch();
    outer.onmessage?.(event);
  };
  inner.onclose = (event) => {
    onClosed({ code: typeof event?.code === 'number' ? event.code : 1006, ...(typeof event?.reason === 'string' ? { reason: event.reason } : {}) });
    outer.onclose?.(event);
  };
  return outer;
}
