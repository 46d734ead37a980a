// Fakes for the bridge tests: a runtime.Port pair, a page window shared by the relay and the
// page bridge (DOM events dispatched synchronously, a real MessageChannel), and a WebSocket /
// fetch the "page" uses.
import type { HandoffEventLike, PagePortLike, PortLike, WindowLike } from '../../../../lib/extension/bridge/types';

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
    if (url.includes('refused-by-the-browser')) throw new SyntaxError('The URL is invalid.');
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

/** A DOM MessageEvent as far as the handoff uses it: type, ports, cancelable. */
export class FakeMessageEvent implements HandoffEventLike {
  defaultPrevented = false;
  readonly ports: PagePortLike[];
  readonly cancelable: boolean;
  constructor(
    readonly type: string,
    init: { ports?: MessagePort[]; cancelable?: boolean; data?: unknown } = {},
  ) {
    // a DOM MessagePort's onmessage is typed with the full MessageEvent; the relay reads only `data`
    this.ports = (init.ports ?? []) as unknown as PagePortLike[];
    this.cancelable = init.cancelable ?? false;
  }
  preventDefault() {
    if (this.cancelable) this.defaultPrevented = true;
  }
}

type Listener = (event: FakeMessageEvent) => void;

export interface FakePage extends WindowLike {
  WebSocket: typeof FakeWebSocket;
  MessageChannel: typeof MessageChannel;
  MessageEvent: typeof FakeMessageEvent;
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  location: { origin: string; host: string; protocol: string };
  /** every event type dispatched on the window, in order (what a page script could see) */
  readonly dispatched: string[];
  /** every string posted with window.postMessage (the bridge must never use it) */
  readonly posted: string[];
  postMessage(message: unknown, targetOrigin: string): void;
  /** synchronous, like the DOM: listeners of that type run now; false when one called preventDefault */
  dispatchEvent(event: FakeMessageEvent): boolean;
  listenerCount(): number;
  /** ports the fakes created, to close after a test */
  readonly channels: MessageChannel[];
}

/** The Qlik page's window, shared by the relay (isolated world) and the page bridge (main world). */
export function fakePage(origin = 'https://acme.eu.qlikcloud.com', fetchImpl?: FakePage['fetch']): FakePage {
  const url = new URL(origin);
  const listeners = new Map<string, Set<Listener>>();
  const channels: MessageChannel[] = [];
  class TrackedChannel extends MessageChannel {
    constructor() {
      super();
      channels.push(this);
    }
  }
  const page: FakePage = {
    WebSocket: FakeWebSocket,
    MessageChannel: TrackedChannel,
    MessageEvent: FakeMessageEvent,
    fetch: fetchImpl ?? (async () => new Response('not found', { status: 404 })),
    location: { origin: url.origin, host: url.host, protocol: url.protocol },
    dispatched: [],
    posted: [],
    channels,
    postMessage(message: unknown) {
      page.posted.push(String(message));
    },
    dispatchEvent(event) {
      page.dispatched.push(event.type);
      for (const listener of [...(listeners.get(event.type) ?? [])]) listener(event);
      return !event.defaultPrevented;
    },
    addEventListener: (type, listener) => {
      const set = listeners.get(type) ?? new Set();
      set.add(listener as Listener);
      listeners.set(type, set);
    },
    removeEventListener: (type, listener) => void listeners.get(type)?.delete(listener as Listener),
    listenerCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
  };
  return page;
}

/** Closes every MessagePort a fake page made (Node keeps open ports alive). */
export function closeChannels(page: FakePage) {
  for (const channel of page.channels) {
    channel.port1.close();
    channel.port2.close();
  }
}

export const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
/** waits until a few rounds of tasks have run (messages hop port → window → port) */
export async function settle(rounds = 6) {
  for (let i = 0; i < rounds; i++) await tick();
}
