// Wraps each socket enigma.js opens: counts frames, notes the last activity (keepalive), and sees
// a close before enigma.js does, so the session knows a drop happened before any call that the
// drop rejected is handled. A frame that is not JSON (enigma.js's JSON.parse throws inside the
// message handler, where nobody can catch it, and the request it answered would wait forever) ends
// the connection as a protocol error (1002) that names the problem.
import type { Timers } from './timers';
import type { WebSocketLike } from './types';
import { wrapSocket } from './wrap-socket';

export interface SocketActivity {
  /** frames sent and received on the current socket */
  messages: number;
  lastActivity: number;
}

/** RFC 6455 1002 "protocol error": how a malformed engine frame is reported (not resumable). */
const MALFORMED_FRAME_CLOSE_CODE = 1002;

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
  const outer = wrapSocket(inner, (data) => {
    inner.send(data);
    touch();
  });
  let protocolError: { code: number; reason: string } | undefined;
  inner.onmessage = (event) => {
    if (protocolError) return;
    touch();
    try {
      outer.onmessage?.(event);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      protocolError = { code: MALFORMED_FRAME_CLOSE_CODE, reason: `the engine sent a frame that is not JSON (${error.message})` };
      inner.close(1000, 'malformed frame'); // browsers let a page close only with 1000 or 3000-4999
    }
  };
  inner.onclose = (event) => {
    const closed = protocolError ?? { code: typeof event?.code === 'number' ? event.code : 1006, ...(typeof event?.reason === 'string' ? { reason: event.reason } : {}) };
    onClosed(closed);
    outer.onclose?.(protocolError ?? event);
  };
  return outer;
}
