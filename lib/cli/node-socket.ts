// Node transport for the engine: the `ws` package, with the handshake headers a browser cannot set
// (Authorization: Bearer <API key>, Cookie) (connectivity.md §3).
import WebSocket from 'ws';
import type { CreateSocket, WebSocketLike } from '../qlik/engine/types.ts';

export interface NodeSocketOptions {
  headers?: Record<string, string>;
  /** false only for a local simulator with a self-signed certificate */
  rejectUnauthorized?: boolean;
}

export function nodeSocketFactory(options: NodeSocketOptions = {}): CreateSocket {
  return (url, headers) =>
    new WebSocket(url, {
      headers: { ...options.headers, ...headers },
      rejectUnauthorized: options.rejectUnauthorized ?? true,
    }) as unknown as WebSocketLike;
}
