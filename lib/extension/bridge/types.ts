// The small surfaces of `window`, a MessagePort and `runtime.Port` the bridge uses, so tests can pass fakes.

/** One end of the private MessageChannel between the relay and the page bridge. */
export interface PagePortLike {
  postMessage(message: string): void;
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
