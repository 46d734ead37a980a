// Node transport for the engine: the `ws` package, with the handshake headers a browser cannot set
// (Authorization: Bearer <API key>, Cookie) (connectivity.md §3).
import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import type { CreateSocket, WebSocketLike } from '../qlik/engine/types';

export interface NodeSocketOptions {
  headers?: Record<string, string>;
  /** false only for a local simulator with a self-signed certificate */
  rejectUnauthorized?: boolean;
}

export function nodeSocketFactory(options: NodeSocketOptions = {}): CreateSocket {
  return (url, headers) => {
    const ws = new WebSocket(url, {
      headers: { ...options.headers, ...headers },
      rejectUnauthorized: options.rejectUnauthorized ?? true,
    });
    sendInBatches(ws);
    return ws as unknown as WebSocketLike;
  };
}

/** Frames per write at most: a burst of thousands of requests goes out in slices, so the engine can start on the first ones while the rest are still being made. */
const FRAMES_PER_WRITE = 64;

/**
 * Frames sent in the same tick leave in one socket write (up to FRAMES_PER_WRITE): `ws` writes
 * (and the kernel sends) each frame on its own, and a collection pipelines thousands of requests at
 * once, so batching them saves one syscall (and one TLS record) per request. The browser's
 * WebSocket batches by itself.
 */
function sendInBatches(ws: WebSocket): void {
  const send = ws.send.bind(ws) as (data: unknown, ...rest: unknown[]) => void;
  let socket: Duplex | undefined;
  let pending = 0;
  const flush = (): void => {
    if (pending === 0) return;
    pending = 0;
    socket?.uncork();
  };
  ws.send = ((data: unknown, ...rest: unknown[]) => {
    if (pending === 0 && ws.readyState === WebSocket.OPEN) {
      socket = (ws as unknown as { _socket?: Duplex })._socket; // ws's own net.Socket / TLSSocket
      if (socket) {
        socket.cork();
        pending = 1;
        process.nextTick(flush);
      }
    } else if (pending > 0) {
      pending++;
    }
    send(data, ...rest);
    if (pending >= FRAMES_PER_WRITE) flush();
  }) as WebSocket['send'];
}
