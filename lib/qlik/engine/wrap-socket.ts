// A socket that stands in front of another: state, close and every event pass through unchanged;
// the wrapper decides how a frame goes out. A wrapper that must see incoming frames or the close
// first replaces inner.onmessage / inner.onclose after wrapping and forwards to the returned socket.
import type { WebSocketLike } from './types';

export function wrapSocket(inner: WebSocketLike, send: (data: string) => void): WebSocketLike {
  // a constant (WebSocket.OPEN), read by enigma.js before every send: taken once
  const open = inner.OPEN ?? 1;
  const outer: WebSocketLike = {
    get readyState() {
      return inner.readyState;
    },
    OPEN: open,
    send,
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
  inner.onmessage = (event) => outer.onmessage?.(event);
  inner.onclose = (event) => outer.onclose?.(event);
  return outer;
}
