// The small surfaces of `window` and `runtime.Port` the bridge uses, so tests can pass fakes.

export interface MessageEventLike {
  data: unknown;
  source: unknown;
  origin: string;
}

export interface WindowLike {
  readonly location: { readonly origin: string };
  postMessage(message: string, targetOrigin: string): void;
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
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
