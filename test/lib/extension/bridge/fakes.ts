// Fakes for the bridge tests: a runtime.Port pair, a page window shared by the relay and the
// page bridge, and a WebSocket / fetch the "page" uses.
import type { MessageEventLike, PortLike, WindowLike } from '@/lib/extension/bridge/types';

type Fn = (...args: never[]) => void;
class ListenerSet<A extends unknown[]> {
  readonly listeners = new Set<(...args: A) => void>();
  addListener = (listener: (...args: A) => void) => void this.listeners.add(listener);
  removeListener = (listener: (...args: A) => void) => void this.listeners.delete(listener);
  emit(...args: A) {
    for (const listener of [...this.listeners]) listener(...args);
  }
}

export interface FakePort extends PortLike {
  readonly sent: unknown[];
  readonly connected: boolean;
}

/** Two connected Port ends; messages are JSON-cloned and delivered on a later task, like the browser. */
export function portPair(name = 'qlarity-bridge'): [FakePort, FakePort] {
  const make = () => {
    const onMessage = new ListenerSet<[unknown, ...unknown[]]>();
    const onDisconnect = new ListenerSet<unknown[]>();
    return { onMessage, onDisconnect, sent: [] as unknown[], connected: true };
  };
  const a = make();
  const b = make();
  const end = (self: ReturnType<typeof make>, other: ReturnType<typeof make>): FakePort => ({
    name,
    get sent() {
      return self.sent;
    },
    get connected() {
      return self.connected;
    },
    onMessage: self.onMessage,
    onDisconnect: self.onDisconnect,
    postMessage(message: unknown) {
      if (!self.connected) throw new Error('Attempting to use a disconnected port object');
      self.sent.push(message);
      const copy = JSON.parse(JSON.stringify(message));
      setTimeout(() => other.connected && other.onMessage.emit(copy), 0);
    },
    disconnect() {
      if (!self.connected) return;
      self.connected = false;
      other.connected = false;
      // the end that calls disconnect() gets no onDisconnect, the other end does
      setTimeout(() => other.onDisconnect.emit(), 0);
    },
  });
  return [end(a, b), end(b, a)];
}

export class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static instances: FakeWebSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  closedWith?: { code?: number; reason?: string };
  onopen: Fn | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: Fn | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close(code?: number, reason?: string) {
    this.closedWith = { code, reason };
    this.serverClose(code ?? 1005, reason ?? '', true);
  }
  // ---- what the "server" does ----
  serverOpen() {
    this.readyState = 1;
    this.onopen?.();
  }
  serverSend(data: unknown) {
    this.onmessage?.({ data });
  }
  serverError() {
    this.onerror?.();
  }
  serverClose(code: number, reason = '', wasClean = false) {
    if (this.readyState === 3) return;
    this.readyState = 3;
    setTimeout(() => this.onclose?.({ code, reason, wasClean }), 0);
  }
}

export interface FakePage extends WindowLike {
  WebSocket: typeof FakeWebSocket;
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  location: { origin: string; host: string; protocol: string };
  /** every string posted on the window, in order */
  readonly posted: string[];
  /** a hostile page script posting on the window */
  postAsPage(data: unknown, origin?: string): void;
  listenerCount(): number;
}

/** The Qlik page's window: postMessage reaches every listener (relay, bridge, page scripts) on a later task. */
export function fakePage(origin = 'https://acme.eu.qlikcloud.com', fetchImpl?: FakePage['fetch']): FakePage {
  const url = new URL(origin);
  const listeners = new Set<(event: MessageEventLike) => void>();
  const posted: string[] = [];
  const page: FakePage = {
    WebSocket: FakeWebSocket,
    fetch: fetchImpl ?? (async () => new Response('not found', { status: 404 })),
    location: { origin: url.origin, host: url.host, protocol: url.protocol },
    posted,
    postMessage(message: string, targetOrigin: string) {
      if (targetOrigin !== url.origin && targetOrigin !== '*') return;
      posted.push(message);
      setTimeout(() => {
        for (const listener of [...listeners]) listener({ data: message, source: page, origin: url.origin });
      }, 0);
    },
    postAsPage(data: unknown, fromOrigin = url.origin) {
      setTimeout(() => {
        for (const listener of [...listeners]) listener({ data, source: page, origin: fromOrigin });
      }, 0);
    },
    addEventListener: (_type, listener) => void listeners.add(listener),
    removeEventListener: (_type, listener) => void listeners.delete(listener),
    listenerCount: () => listeners.size,
  };
  return page;
}

export const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
/** waits until a few rounds of tasks have run (messages hop port → window → port) */
export async function settle(rounds = 6) {
  for (let i = 0; i < rounds; i++) await tick();
}
