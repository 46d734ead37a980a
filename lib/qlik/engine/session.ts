// Opens our own engine session to one app over an injected WebSocket (browser WebSocket, the in-tab
// bridge, or Node `ws` in lib/cli), with enigma.js and its newest bundled schema.
// Always under a fresh `/identity/<random>`: selections and session objects stay invisible to the
// user's own tab (../shared/research/connectivity.md §5.3), and SESSION_ATTACHED means someone else
// holds that identity, which we refuse.
import enigma from 'enigma.js';
import schema from 'enigma.js/schemas/12.2027.0.json';
import { EngineError, closeCodeMessage, toEngineError } from './errors.ts';
import type { CreateSocket, QixDoc, QixGlobal } from './types.ts';
import { buildEngineUrl } from './url.ts';

export interface OpenEngineSessionOptions {
  /** tenant base URL: `https://tenant.eu.qlikcloud.com`, `wss://…`, or `http://127.0.0.1:<port>` */
  url: string;
  appId: string;
  /** makes the socket (browser WebSocket, in-tab bridge, Node `ws`) */
  createSocket: CreateSocket;
  /** handshake headers (Authorization, Cookie), passed to createSocket: only Node transports can send them */
  headers?: Record<string, string>;
  /** session identity; default a fresh random one per call */
  identity?: string;
  /** query parameters for the engine URL (`qlik-csrf-token`, `accessToken`, `qlik-web-integration-id`) */
  query?: Record<string, string>;
  signal?: AbortSignal;
  /** set false to switch off enigma's delta protocol */
  delta?: boolean;
}

export interface EngineSession {
  readonly doc: QixDoc;
  readonly global: QixGlobal;
  readonly url: string;
  readonly identity: string;
  /** OpenDoc round trip, ms */
  readonly appOpenMs: number;
  readonly engineVersion?: string;
  /** the error that ended the session abnormally (socket closed by the server, network), if any */
  failure(): EngineError | undefined;
  /** the same, waiting up to `ms` for the close event (a call can fail before the close code arrives) */
  failureSoon(ms?: number): Promise<EngineError | undefined>;
  close(): Promise<void>;
}

interface EnigmaSession {
  open(): Promise<unknown>;
  close(code?: number, reason?: string): Promise<void>;
  on(event: string, listener: (...args: unknown[]) => void): void;
}

const now = (): number => globalThis.performance.now();

export function randomIdentity(): string {
  return `qlarity-${globalThis.crypto.randomUUID()}`;
}

export async function openEngineSession(options: OpenEngineSessionOptions): Promise<EngineSession> {
  const identity = options.identity ?? randomIdentity();
  const url = buildEngineUrl({ baseUrl: options.url, appId: options.appId, identity, query: options.query });
  const session = enigma.create({
    schema,
    url,
    // enigma only uses onopen/onclose/onerror/onmessage/send/close/readyState (WebSocketLike)
    createSocket: (u: string) => options.createSocket(u, options.headers) as unknown as WebSocket,
    protocol: { delta: options.delta ?? true },
    suspendOnClose: false,
  }) as unknown as EnigmaSession;

  let sessionState: string | undefined;
  let failure: EngineError | undefined;
  let closing = false;
  let onFailure: (() => void) | undefined;
  const failed = new Promise<void>((resolve) => (onFailure = resolve));
  const failureSoon = async (ms = 2000): Promise<EngineError | undefined> => {
    if (failure || closing) return failure;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([failed, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
    return failure;
  };
  session.on('notification:OnConnected', (params) => {
    const state = (params as { qSessionState?: unknown } | undefined)?.qSessionState;
    if (typeof state === 'string') sessionState = state;
  });
  let socketError: string | undefined;
  session.on('socket-error', (event) => {
    const e = (event ?? {}) as { message?: unknown; error?: { message?: unknown } };
    const message = typeof e.message === 'string' ? e.message : typeof e.error?.message === 'string' ? e.error.message : undefined;
    if (message) socketError = message;
  });
  session.on('closed', (event) => {
    if (closing) return;
    const e = (event ?? {}) as { code?: unknown; reason?: unknown };
    const code = typeof e.code === 'number' ? e.code : 1006;
    failure ??= new EngineError(closeCodeMessage(code, typeof e.reason === 'string' && e.reason ? e.reason : undefined), 'closed', code);
    onFailure?.();
  });

  const close = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    try {
      await session.close();
    } catch {
      // already closed: nothing to release
    }
  };
  const onAbort = (): void => void close();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const throwIfAborted = async (): Promise<void> => {
    if (options.signal?.aborted) {
      await close();
      throw new EngineError('The analysis was cancelled.', 'aborted');
    }
  };

  try {
    await throwIfAborted();
    let global: QixGlobal;
    try {
      global = (await session.open()) as QixGlobal;
    } catch (error) {
      // before the socket opens, enigma rejects with the socket's error event itself
      const raw = (error ?? {}) as { message?: unknown; code?: unknown };
      if (typeof raw.message === 'string' && typeof raw.code !== 'number') socketError ??= raw.message;
      const closed = await failureSoon();
      // a refused handshake (HTTP 401/403/404 from the proxy) shows as a socket error, then close 1006
      if (socketError && (!closed || closed.code === 1006)) throw handshakeError(socketError, url);
      throw closed ?? connectError(error, url);
    }
    await throwIfAborted();
    const started = now();
    let doc: QixDoc;
    try {
      doc = await global.openDoc(options.appId, '', '', '', false);
    } catch (error) {
      const mapped = toEngineError(error, 'OpenDoc');
      throw (mapped.fatal ? await failureSoon() : undefined) ?? mapped;
    }
    const appOpenMs = now() - started;
    if (sessionState === 'SESSION_ATTACHED') {
      throw new EngineError(
        `The engine session "${identity}" is already in use by another connection (SESSION_ATTACHED); Qlarity only works in its own session.`,
        'attached',
      );
    }
    if (sessionState !== undefined && sessionState.startsWith('SESSION_ERROR')) {
      throw new EngineError(`The engine refused the session: ${sessionState}.`, 'connect');
    }
    await throwIfAborted();
    const engineVersion = await global.engineVersion().then(
      (v) => (v as { qComponentVersion?: string } | undefined)?.qComponentVersion,
      () => undefined,
    );
    return {
      doc,
      global,
      url,
      identity,
      appOpenMs,
      engineVersion,
      failure: () => failure,
      failureSoon,
      close: async () => {
        options.signal?.removeEventListener('abort', onAbort);
        await close();
      },
    };
  } catch (error) {
    options.signal?.removeEventListener('abort', onAbort);
    await close();
    throw error;
  }
}

function handshakeError(message: string, url: string): EngineError {
  const status = /\b(401|403|404|429)\b/.exec(message)?.[1];
  const hint: Record<string, string> = {
    '401': ' (not signed in: the API key or session cookie was rejected)',
    '403': ' (access denied: check the web integration / origin and your rights on the app)',
    '404': ' (no engine endpoint at this address: check the host)',
    '429': ' (rate limited: try again later)',
  };
  return new EngineError(`Could not connect to the engine at ${url.replace(/\?.*$/, '')}: ${message}${status ? hint[status] : ''}`, 'connect', status ? Number(status) : undefined);
}

function connectError(error: unknown, url: string): EngineError {
  const mapped = toEngineError(error, 'connect');
  if (mapped.kind === 'closed' && mapped.code !== undefined) return mapped;
  const safeUrl = url.replace(/\?.*$/, '');
  return new EngineError(`Could not connect to the engine at ${safeUrl}: ${mapped.message}`, 'connect', mapped.code);
}
