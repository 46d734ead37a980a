// The background half of the in-tab bridge: a WebSocket-like object for enigma.js and a fetch
// for the REST client, both carried through the content relay into the Qlik page.
import { BridgeCommand, FromRelay, MAX_BATCH_FRAMES, MAX_FRAME_CHARS, ToRelay, type BridgeEvent } from '../../protocol/bridge';
import { createBatcher } from './batch';
import { type BrowserSocketLike } from './types';
import { httpRefusal } from '../../qlik/read-only';
import type { FetchLike } from '../../qlik/rest/client';
import type { PortLike } from './types';

export interface BridgeClient {
  /** the tab origin the relay reported (`https://tenant.eu.qlikcloud.com`) */
  readonly origin: string;
  /** resolves once the relay listens on the channel (inject the page bridge after this) */
  readonly relayReady: Promise<string>;
  /** resolves once the page bridge said "ready" */
  readonly pageReady: Promise<void>;
  createSocket(url: string): BrowserSocketLike;
  fetch: FetchLike;
  /** true once the Port is gone (tab closed, reloaded, navigated) or close() was called */
  readonly closed: boolean;
  close(): void;
}

export const TAB_GONE_MESSAGE = 'The Qlik tab was closed, reloaded or navigated away.';
/** Close code reported to sockets when the tab (and so the bridge) goes away. */
export const TAB_GONE_CLOSE_CODE = 1006;
/** Close code reported to sockets when the relay stopped the bridge (the page broke a bound): not resumed. */
export const BRIDGE_STOPPED_CLOSE_CODE = 1008;

type Listener = (event: BridgeEvent) => void;

/** Socket and request ids: random, so nothing about them can be guessed from the page. */
const defaultNewId = () => crypto.randomUUID();

export function createBridgeClient(
  port: PortLike,
  options: { nonce: string; expectedOrigin: string; newId?: () => string },
): BridgeClient {
  const newId = options.newId ?? defaultNewId;
  const socketListeners = new Map<string, Listener>();
  const fetchListeners = new Map<string, (event: BridgeEvent | { type: 'gone'; message: string }) => void>();
  let closed = false;
  let resolveRelay!: (origin: string) => void;
  let rejectRelay!: (error: Error) => void;
  let resolvePage!: () => void;
  let rejectPage!: (error: Error) => void;
  const relayReady = new Promise<string>((resolve, reject) => ((resolveRelay = resolve), (rejectRelay = reject)));
  const pageReady = new Promise<void>((resolve, reject) => ((resolvePage = resolve), (rejectPage = reject)));
  // Callers may never await one of them (e.g. closed early): avoid unhandled rejections.
  relayReady.catch(() => {});
  pageReady.catch(() => {});

  /** `message` parsed already: the commands one by one as they are queued (a bad one throws to its sender) */
  const post = (message: ToRelay) => {
    if (closed) return;
    try {
      port.postMessage(message);
    } catch {
      shutdown(TAB_GONE_MESSAGE); // the browser throws on a Port whose other end is gone
    }
  };
  // the commands of one task (the engine requests a batch of answers set off) go as one message
  const commands = createBatcher<BridgeCommand>((batch) => post({ type: 'relay-commands', commands: batch }), {
    maxItems: MAX_BATCH_FRAMES,
    maxChars: MAX_FRAME_CHARS,
    charsOf: (cmd) => (cmd.type === 'ws-send' ? cmd.data.length : cmd.type === 'fetch' ? (cmd.body?.length ?? 0) : 0),
  });
  const command = (cmd: BridgeCommand) => commands.push(BridgeCommand.parse(cmd));

  const onPortMessage = (raw: unknown) => {
    const parsed = FromRelay.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'relay-ready') {
      if (message.origin !== options.expectedOrigin) {
        rejectRelay(new Error(`The tab is on ${message.origin}, not ${options.expectedOrigin}.`));
        shutdown(`The tab moved to another site (${message.origin}).`);
        return;
      }
      resolveRelay(message.origin);
      return;
    }
    if (message.type === 'relay-failed') {
      shutdown(message.reason, BRIDGE_STOPPED_CLOSE_CODE);
      port.disconnect();
      return;
    }
    if (message.type === 'relay-refused') {
      const id = message.id ?? '';
      const reason = message.reason;
      if (message.command === 'ws-open') socketListeners.get(id)?.({ type: 'ws-closed', socketId: id, code: 1008, reason, wasClean: false });
      else if (message.command === 'fetch') fetchListeners.get(id)?.({ type: 'fetch-failed', requestId: id, message: reason });
      return;
    }
    for (const event of message.events) {
      if (closed) return; // a listener closed the bridge
      try {
        if (event.type === 'ready') resolvePage();
        else if ('socketId' in event) socketListeners.get(event.socketId)?.(event);
        else fetchListeners.get(event.requestId)?.(event);
      } catch (error) {
        console.error('Qlarity: a bridge listener failed', error); // the rest of the batch still goes on
      }
    }
  };

  const shutdown = (reason: string, closeCode = TAB_GONE_CLOSE_CODE) => {
    if (closed) return;
    closed = true;
    port.onMessage.removeListener(onPortMessage);
    port.onDisconnect.removeListener(onDisconnect);
    rejectRelay(new Error(reason));
    rejectPage(new Error(reason));
    for (const [socketId, listener] of [...socketListeners]) {
      listener({ type: 'ws-closed', socketId, code: closeCode, reason, wasClean: false });
    }
    for (const listener of [...fetchListeners.values()]) listener({ type: 'gone', message: reason });
  };
  const onDisconnect = () => shutdown(TAB_GONE_MESSAGE);

  port.onMessage.addListener(onPortMessage);
  port.onDisconnect.addListener(onDisconnect);
  post(ToRelay.parse({ type: 'relay-init', nonce: options.nonce }));

  const createSocket = (url: string): BrowserSocketLike => {
    const socketId = newId();
    const socket = new RelaySocket(url, socketId, command, () => socketListeners.delete(socketId));
    if (closed) {
      queueMicrotask(() => socket.deliver({ type: 'ws-closed', socketId, code: TAB_GONE_CLOSE_CODE, reason: TAB_GONE_MESSAGE, wasClean: false }));
      return socket;
    }
    socketListeners.set(socketId, (event) => socket.deliver(event));
    command({ type: 'ws-open', socketId, url });
    return socket;
  };

  const relayFetch: FetchLike = (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const request = toFetchCommand(input, init, options.expectedOrigin, newId());
      if (typeof request === 'string') return reject(new TypeError(request));
      if (closed) return reject(new TypeError(TAB_GONE_MESSAGE));
      const signal = init.signal;
      if (signal?.aborted) return reject(abortError(signal));
      const onAbort = () => {
        fetchListeners.delete(request.requestId);
        reject(abortError(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      fetchListeners.set(request.requestId, (event) => {
        fetchListeners.delete(request.requestId);
        signal?.removeEventListener('abort', onAbort);
        if (event.type === 'fetch-response') resolve(toResponse(event));
        else if (event.type === 'fetch-failed') reject(new TypeError(`Request to ${request.path} failed in the Qlik tab: ${event.message}`));
        else if (event.type === 'gone') reject(new TypeError(event.message));
      });
      command(request);
    });

  return {
    get origin() {
      return options.expectedOrigin;
    },
    relayReady,
    pageReady,
    createSocket,
    fetch: relayFetch,
    get closed() {
      return closed;
    },
    close: () => {
      if (closed) return;
      command({ type: 'dispose' });
      commands.flush();
      shutdown('The connection was closed.');
      port.disconnect();
    },
  };
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}

/** The fetch command for a same-origin request, or the reason it cannot be relayed. */
export function toFetchCommand(
  input: string | URL,
  init: RequestInit,
  origin: string,
  requestId: string,
): Extract<BridgeCommand, { type: 'fetch' }> | string {
  if (typeof input !== 'string' && !(input instanceof URL)) return 'The tab bridge takes a URL string, not a Request object.';
  let url: URL;
  try {
    url = new URL(String(input), origin);
  } catch {
    return `Invalid URL: ${String(input)}`;
  }
  if (url.origin !== origin) return `The tab bridge only reaches ${origin}, not ${url.origin}.`;
  const method = (init.method ?? 'GET').toUpperCase();
  if (!['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) return `Unsupported method ${method}.`;
  const body = init.body;
  if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof URLSearchParams)) {
    return 'The tab bridge only relays text bodies.';
  }
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => (headers[name] = value));
  for (const name of Object.keys(headers)) {
    if (['authorization', 'cookie', 'proxy-authorization'].includes(name)) {
      return 'Credentials are never sent into the Qlik page; use a direct connection mode for tokens.';
    }
  }
  const refusal = httpRefusal(method, url.pathname); // read-only: the same allow-list as the REST client
  if (refusal) return refusal;
  return {
    type: 'fetch',
    requestId,
    path: `${url.pathname}${url.search}`,
    method: method as Extract<BridgeCommand, { type: 'fetch' }>['method'],
    headers,
    ...(body !== undefined && body !== null ? { body: String(body) } : {}),
  };
}

const NULL_BODY_STATUS = new Set([204, 205, 304]);

function toResponse(event: Extract<BridgeEvent, { type: 'fetch-response' }>): Response {
  const headers = new Headers();
  for (const [name, value] of event.headers) {
    try {
      headers.append(name, value);
    } catch {
      // a header the Headers class refuses: skip it rather than fail the call
    }
  }
  const init = { status: event.status, headers };
  const body = NULL_BODY_STATUS.has(event.status) ? null : event.body;
  try {
    return new Response(body, { ...init, statusText: event.statusText });
  } catch {
    return new Response(body, init); // statusText the Response class refuses
  }
}

/** A WebSocket-like whose frames travel through the bridge; state follows the page's real socket. */
class RelaySocket implements BrowserSocketLike {
  readonly CONNECTING = 0 as const;
  readonly OPEN = 1 as const;
  readonly CLOSING = 2 as const;
  readonly CLOSED = 3 as const;
  readyState: 0 | 1 | 2 | 3 = 0;
  onopen: BrowserSocketLike['onopen'] = null;
  onmessage: BrowserSocketLike['onmessage'] = null;
  onerror: BrowserSocketLike['onerror'] = null;
  onclose: BrowserSocketLike['onclose'] = null;

  constructor(
    readonly url: string,
    private readonly socketId: string,
    private readonly command: (cmd: BridgeCommand) => void,
    private readonly forget: () => void,
  ) {}

  send(data: string): void {
    if (this.readyState === this.CONNECTING) throw new Error('InvalidStateError: the socket is still connecting');
    if (this.readyState !== this.OPEN) return; // like WebSocket: data on a closing socket is dropped
    this.command({ type: 'ws-send', socketId: this.socketId, data: String(data) });
  }

  close(code?: number, reason?: string): void {
    if (this.readyState === this.CLOSING || this.readyState === this.CLOSED) return;
    this.readyState = this.CLOSING;
    this.command({ type: 'ws-close', socketId: this.socketId, ...(code !== undefined ? { code } : {}), ...(reason ? { reason: reason.slice(0, 120) } : {}) });
  }

  deliver(event: BridgeEvent): void {
    if (this.readyState === this.CLOSED) return;
    switch (event.type) {
      case 'ws-opened':
        if (this.readyState !== this.CONNECTING) return;
        this.readyState = this.OPEN;
        this.onopen?.({ type: 'open' });
        return;
      case 'ws-message':
        if (this.readyState === this.OPEN) this.onmessage?.({ type: 'message', data: event.data });
        return;
      case 'ws-error':
        this.onerror?.({ type: 'error' });
        return;
      case 'ws-closed':
        this.readyState = this.CLOSED;
        this.forget();
        this.onclose?.({ type: 'close', code: event.code, reason: event.reason, wasClean: event.wasClean });
        return;
      default:
        return;
    }
  }
}
