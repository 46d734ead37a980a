// The small surfaces of `window`, a MessagePort and `runtime.Port` the bridge uses, so tests can pass fakes,
// and the socket the bridge client gives enigma.js.
import type { WebSocketLike } from '../../qlik/engine/types';

/** One end of the private MessageChannel between the relay and the page bridge: each message is an array of JSON frames. */
export interface PagePortLike {
  postMessage(message: string[]): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

/** The handoff event as the relay sees it: a DOM event whose `ports` carry the page bridge's end. */
export interface HandoffEventLike {
  readonly ports: readonly PagePortLike[];
  preventDefault(): void;
}

export interface WindowLike {
  readonly location: { readonly origin: string };
  addEventListener(type: string, listener: (event: HandoffEventLike) => void): void;
  removeEventListener(type: string, listener: (event: HandoffEventLike) => void): void;
}

interface ListenerSet<A extends unknown[]> {
  addListener(listener: (...args: A) => void): void;
  removeListener(listener: (...args: A) => void): void;
}

/** The part of browser.runtime.Port the bridge uses (messages are JSON-serialised by the browser). */
export interface PortLike {
  readonly name: string;
  postMessage(message: unknown): void;
  disconnect(): void;
  readonly onMessage: ListenerSet<[unknown, ...unknown[]]>;
  readonly onDisconnect: ListenerSet<[...unknown[]]>;
}

/**
 * The engine's socket (lib/qlik/engine/types.ts `WebSocketLike`: what enigma.js reads) as a browser
 * WebSocket has it, the state constants, the url and typed events: what the extension's sockets
 * (the bridge's, the deferred one, a native WebSocket) give. Being the engine's contract extended,
 * `connection.createSocket` can be passed to `openEngineSession({ createSocket })` as is. Our
 * sockets' `onerror` receives `{ type: 'error', message? }`.
 */
export interface BrowserSocketLike extends WebSocketLike {
  readonly CONNECTING: 0;
  readonly OPEN: 1;
  readonly CLOSING: 2;
  readonly CLOSED: 3;
  readonly readyState: 0 | 1 | 2 | 3;
  readonly url: string;
  onmessage: ((event: { type?: 'message'; data: unknown }) => void) | null;
  onclose: ((event: { type?: 'close'; code: number; reason?: string; wasClean?: boolean }) => void) | null;
}
