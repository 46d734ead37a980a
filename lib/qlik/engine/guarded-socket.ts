// The last check before a frame leaves: every request on the engine socket must name an allowed
// method (lib/qlik/read-only.ts). The enigma.js request interceptor (session.ts) checks each call
// with its object type first; this also covers the requests enigma.js sends on its own when it
// resumes a session, which bypass interceptors. After `refuseAll` (the engine went silent) nothing
// more is sent. A refused send throws, so enigma.js rejects that call and nothing goes out.
import { ENGINE_ALLOWED_METHODS, engineRefusal } from '../read-only';
import { EngineError } from './errors';
import type { WebSocketLike } from './types';
import { wrapSocket } from './wrap-socket';

export interface GuardedSocket extends WebSocketLike {
  /** from now on every send throws `error` */
  refuseAll(error: EngineError): void;
}

export function guardSocket(inner: WebSocketLike): GuardedSocket {
  let refused: EngineError | undefined;
  const outer = wrapSocket(inner, (data) => {
    if (refused) throw refused;
    const method = requestMethod(data);
    if (method === undefined || !ENGINE_ALLOWED_METHODS.has(method)) throw new EngineError(engineRefusal(undefined, method ?? '') ?? 'refused', 'refused');
    inner.send(data);
  });
  return Object.assign(outer, {
    refuseAll(error: EngineError) {
      refused = error;
    },
  });
}

function requestMethod(data: string): string | undefined {
  try {
    const method = (JSON.parse(data) as { method?: unknown } | null)?.method;
    return typeof method === 'string' ? method : undefined;
  } catch {
    return undefined;
  }
}
