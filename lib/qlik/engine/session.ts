// Opens our own engine session to one app over an injected WebSocket (browser WebSocket, the in-tab
// bridge, or Node `ws` in lib/cli), with enigma.js and its newest bundled schema.
// Always under a fresh `/identity/<random>`: selections and session objects stay invisible to the
// user's own tab (../shared/research/connectivity.md §5.3). On the first connect SESSION_ATTACHED
// means someone else holds that identity, which we refuse.
//
// Keepalive and resume (keepalive.ts, reconnect.ts): while idle a cheap read-only call keeps the
// session and the socket busy; an unexpected network close suspends the enigma.js session
// (`suspendOnClose`) and `session.resume()` is retried with backoff on a new socket to the same
// URL, i.e. the same identity. Re-attaching is then exactly what we want: the engine keeps a
// session for its TTL after the socket closes (we ask for `/ttl/<s>`; enigma.js sense-utilities
// "keep the session alive after socket disconnect"; Qlik support "Adjusting the Qlik Sense Engine
// TTL": without a TTL the session ends with the socket and a reconnect gets SESSION_CREATED).
// Attached (SESSION_ATTACHED): handles, session objects and caches are as they were; enigma.js
// re-fetches every object API it holds (GetActiveDoc, then Get<Type>(id) per API).
// Not attached (SESSION_CREATED: the TTL ran out, or another engine): enigma.js re-opens the app
// (OpenDoc with the first call's parameters) and re-fetches saved objects by id; our session
// objects are gone and their APIs are closed. `resumes()` says which happened, so the caller can
// recreate what it needs (lib/collect/context.ts withSessionObject does).
//
// Read-only at run time: an enigma.js request interceptor refuses every call that is not on the
// allow-list for its object type (lib/qlik/read-only.ts), and the socket itself refuses any other
// method (guarded-socket.ts: enigma.js's own resume requests bypass interceptors).
// Limits (timeouts.ts): the WebSocket must open within `connectMs`; while calls wait, the engine
// must answer something within the limit of the longest call waiting, or the session ends with an
// `unresponsive` error naming what waited (silence-watch.ts). Nothing waits forever.
import enigma from 'enigma.js';
import { engineRefusal } from '../read-only.ts';
// enigma.js's schema cut to the allow-listed methods (scripts/gen-engine-schema.ts): the full one is 177 KB.
import { READ_ONLY_ENGINE_SCHEMA } from './read-only-schema.ts';
import { EngineError, UNRESPONSIVE_CODE, UNRESPONSIVE_PARAMETER, closeCodeMessage, toEngineError } from './errors.ts';
import { type GuardedSocket, guardSocket } from './guarded-socket.ts';
import { startKeepalive } from './keepalive.ts';
import { DEFAULT_RECONNECT, type ReconnectPolicy, isPermanentHandshakeStatus, isResumableClose } from './reconnect.ts';
import { resumeWithBackoff } from './resume-loop.ts';
import { type Silence, silenceMessage, watchSilence } from './silence-watch.ts';
import { DEFAULT_ENGINE_TIMEOUTS, type EngineTimeouts, formatSeconds } from './timeouts.ts';
import { type Timers, realTimers } from './timers.ts';
import { type SocketActivity, trackSocket } from './tracked-socket.ts';
import type { CreateSocket, QixDoc, QixGlobal, WebSocketLike } from './types.ts';
import { buildEngineUrl } from './url.ts';

/** Keepalive after 20 s idle (connectivity.md §5.5). */
export const DEFAULT_KEEPALIVE_MS = 20_000;
/**
 * Session TTL we ask the engine for (`/ttl/<s>`): long enough for the whole reconnect budget
 * (DEFAULT_RECONNECT: ~15.5 s of backoff plus the attempts), short enough that a session we lost
 * does not linger. Whether Qlik Cloud honours the segment is [T] (@qlik/api sends it as `ttlSeconds`).
 */
export const DEFAULT_TTL_SECONDS = 60;

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
  /**
   * enigma's delta protocol (default off): the engine answers a repeated call with a JSON patch
   * against its previous answer. An analysis reads each object once, so delta saves no bytes, while
   * enigma.js keeps every answer per handle and method to patch and deep-copies each one (client
   * CPU and memory on thousands of calls: bench/profile-collect.ts --delta).
   */
  delta?: boolean;
  /** idle time before a keepalive call, ms (default DEFAULT_KEEPALIVE_MS; 0: off) */
  keepaliveMs?: number;
  /** resume after a network drop (default DEFAULT_RECONNECT; `{ attempts: 0 }`: never) */
  reconnect?: Partial<ReconnectPolicy>;
  /** false for a drop that no new socket can fix (e.g. the in-tab bridge reports the tab gone) */
  shouldResume?: (drop: { code: number; reason?: string }) => boolean;
  /** `/ttl/<s>` on the engine URL (default DEFAULT_TTL_SECONDS; 0: none, the session ends with the socket) */
  ttlSeconds?: number;
  /** limits for connecting and for a silent engine (default DEFAULT_ENGINE_TIMEOUTS) */
  timeouts?: Partial<EngineTimeouts>;
  /** clock and timers for keepalive, backoff and limits (tests pass fakes) */
  timers?: Timers;
}

/** How long close() waits for the socket's close handshake (a silent peer may never answer it). */
const CLOSE_WAIT_MS = 5000;

/** What happened to the connection after it was established. */
export type ConnectionEvent =
  | { type: 'dropped'; code: number; reason?: string; messages: number }
  | { type: 'reconnecting'; attempt: number; attempts: number; delayMs: number }
  | { type: 'resumed'; resume: Resume }
  | { type: 'lost'; error: EngineError };

/** One drop that was resumed. */
export interface Resume {
  /** close code and reason of the drop */
  code: number;
  reason?: string;
  /** frames sent and received on the socket that dropped */
  messages: number;
  /** attempts it took */
  attempts: number;
  /** true: SESSION_ATTACHED, the same engine session with its objects; false: a new session */
  attached: boolean;
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
  /** the drops resumed so far, in order (their count is the connection's "epoch") */
  resumes(): readonly Resume[];
  /**
   * After a call failed because the connection closed: true once the connection is usable again
   * (resumed since `epoch`, now or after the reconnect under way), false when it is gone for good.
   */
  reconnected(epoch: number): Promise<boolean>;
  onConnection(listener: (event: ConnectionEvent) => void): () => void;
  close(): Promise<void>;
}

interface EnigmaSession {
  open(): Promise<unknown>;
  close(code?: number, reason?: string): Promise<void>;
  resume(onlyIfAttached?: boolean): Promise<unknown>;
  on(event: string, listener: (...args: unknown[]) => void): void;
}

type State = 'opening' | 'open' | 'reconnecting' | 'lost' | 'closed';

const now = (): number => globalThis.performance.now();

export function randomIdentity(): string {
  return `qlarity-${globalThis.crypto.randomUUID()}`;
}

export async function openEngineSession(options: OpenEngineSessionOptions): Promise<EngineSession> {
  const identity = options.identity ?? randomIdentity();
  const timers = options.timers ?? realTimers;
  const policy: ReconnectPolicy = { ...DEFAULT_RECONNECT, ...options.reconnect };
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  const timeouts: EngineTimeouts = { ...DEFAULT_ENGINE_TIMEOUTS, ...options.timeouts };
  const url = buildEngineUrl({ baseUrl: options.url, appId: options.appId, identity, ...(ttlSeconds > 0 ? { ttlSeconds } : {}), query: options.query });

  let state: State = 'opening';
  const activity: SocketActivity = { messages: 0, lastActivity: timers.now() };
  let currentSocket: WebSocketLike | undefined;
  let currentGuard: GuardedSocket | undefined;
  let attemptClose: { code: number; reason?: string } | undefined;
  let abandoned = false;
  let reconnecting: Promise<boolean> | undefined;
  const resumes: Resume[] = [];
  const listeners = new Set<(event: ConnectionEvent) => void>();
  const emit = (event: ConnectionEvent): void => listeners.forEach((l) => l(event));
  let onStopped: (() => void) | undefined;
  const stopped = new Promise<void>((resolve) => (onStopped = resolve));

  const session = enigma.create({
    schema: READ_ONLY_ENGINE_SCHEMA,
    url,
    // enigma only uses onopen/onclose/onerror/onmessage/send/close/readyState (WebSocketLike)
    createSocket: (u: string) => {
      activity.messages = 0;
      const guard = guardSocket(options.createSocket(u, options.headers));
      const socket = trackSocket(guard, timers, activity, (event) => onSocketClosed(socket, event));
      currentSocket = socket;
      currentGuard = guard;
      return socket as unknown as WebSocket;
    },
    // every call enigma.js makes for us is checked against the allow-list of its object's type
    requestInterceptors: [{ onFulfilled: (s: unknown, request: EnigmaJS.RpcRequest) => refuseUnlisted(s, request) }],
    protocol: { delta: options.delta ?? false },
    // a network drop suspends the session instead of closing it, so it can be resumed
    suspendOnClose: true,
  }) as unknown as EnigmaSession;

  let sessionState: string | undefined;
  const currentSessionState = (): string | undefined => sessionState;
  let failure: EngineError | undefined;
  let onFailure: (() => void) | undefined;
  const failed = new Promise<void>((resolve) => (onFailure = resolve));
  const fail = (error: EngineError): void => {
    failure ??= error;
    onFailure?.();
  };
  const failureSoon = async (ms = 2000): Promise<EngineError | undefined> => {
    if (failure || state === 'closed') return failure;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([failed, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
    return failure;
  };
  const watch = watchSilence({ timers, timeouts, onSilent: (silence) => onSilent(silence) });
  session.on('traffic:sent', (data) => watch.sent(data));
  session.on('traffic:received', (data) => watch.received(data));
  session.on('notification:OnConnected', (params) => {
    const value = (params as { qSessionState?: unknown } | undefined)?.qSessionState;
    if (typeof value === 'string') sessionState = value;
  });
  let socketError: string | undefined;
  session.on('socket-error', (event) => {
    const message = eventMessage(event);
    if (message) socketError = message;
  });

  /**
   * The engine went silent: every waiting call is answered with an `unresponsive` error (enigma.js
   * rejects it), nothing more is sent, and the session ends. While resuming, the resume loop's own
   * attempt limit applies instead.
   */
  function onSilent(silence: Silence): void {
    const ids = silence.ids;
    if (state === 'closed' || state === 'lost' || state === 'reconnecting') return;
    const error = new EngineError(silenceMessage(silence, timeouts), 'unresponsive');
    const wasOpen = state === 'open';
    state = 'lost';
    fail(error);
    currentGuard?.refuseAll(error);
    const socket = currentSocket;
    for (const id of ids) {
      socket?.onmessage?.({ data: JSON.stringify({ jsonrpc: '2.0', id, error: { code: UNRESPONSIVE_CODE, parameter: UNRESPONSIVE_PARAMETER, message: error.message } }) });
    }
    if (wasOpen) emit({ type: 'lost', error });
    keepalive?.stop();
    void boundedClose();
  }

  function onSocketClosed(socket: WebSocketLike, event: { code: number; reason?: string }): void {
    if (socket === currentSocket) watch.clear(); // enigma.js rejects what was waiting on it
    if (socket !== currentSocket || state === 'closed') return;
    if (state === 'reconnecting') {
      attemptClose = event; // this attempt's socket closed: the attempt fails, the loop decides
      return;
    }
    const closeError = new EngineError(closeCodeMessage(event.code, event.reason || undefined), 'closed', event.code);
    if (state === 'opening') return fail(closeError); // the first connect reports it (see below)
    if (state !== 'open') return;
    const messages = activity.messages;
    emit({ type: 'dropped', code: event.code, ...(event.reason ? { reason: event.reason } : {}), messages });
    const wanted = options.shouldResume?.(event) ?? true;
    if (!wanted || !isResumableClose(event.code) || policy.attempts <= 0 || resumes.length >= policy.maxResumes) {
      const error = wanted && resumes.length >= policy.maxResumes && policy.attempts > 0 && isResumableClose(event.code)
        ? new EngineError(`${closeError.message} The connection had already dropped and been resumed ${resumes.length} times; Qlarity stops here.`, 'closed', event.code)
        : closeError;
      state = 'lost';
      fail(error);
      emit({ type: 'lost', error });
      void session.close().catch(() => undefined); // enigma.js suspended it: release it
      return;
    }
    state = 'reconnecting';
    reconnecting = reconnect(event, messages);
  }

  async function reconnect(drop: { code: number; reason?: string }, messages: number): Promise<boolean> {
    const result = await resumeWithBackoff({
      policy,
      timers,
      stopped,
      onAttempt: (attempt, delayMs) => emit({ type: 'reconnecting', attempt, attempts: policy.attempts, delayMs }),
      attempt: async () => {
        sessionState = undefined;
        attemptClose = undefined;
        abandoned = false;
        socketError = undefined;
        // false: a new session is acceptable too (then the caller recreates its session objects)
        await session.resume(false);
        const resumedState = currentSessionState();
        if (resumedState?.startsWith('SESSION_ERROR')) throw new EngineError(`The engine refused the session: ${resumedState}.`, 'connect');
        // enigma.js waits 5 s for OnConnected and then assumes SESSION_CREATED; so do we
        return resumedState === 'SESSION_ATTACHED';
      },
      abandon: () => {
        abandoned = true;
        currentSocket?.close(4000, 'resume attempt timed out');
      },
      permanent: (error) => {
        if (error instanceof EngineError) return true;
        if (abandoned) return false;
        if (attemptClose && attemptClose.code >= 4000 && !isResumableClose(attemptClose.code)) return true;
        return isPermanentHandshakeStatus(handshakeStatus(socketError ?? eventMessage(error)));
      },
    });
    if (state === 'closed') return false;
    if (result.ok) {
      const resume: Resume = { code: drop.code, ...(drop.reason ? { reason: drop.reason } : {}), messages, attempts: result.attempts, attached: result.value };
      resumes.push(resume);
      state = 'open';
      activity.lastActivity = timers.now();
      emit({ type: 'resumed', resume });
      return true;
    }
    state = 'lost';
    const why = attemptFailure(result.error, attemptClose, socketError);
    const error = new EngineError(
      `${closeCodeMessage(drop.code, drop.reason || undefined)} It could not be resumed (${result.attempts} attempt${result.attempts === 1 ? '' : 's'}${why ? `; last: ${why}` : ''}).`,
      'closed',
      drop.code,
    );
    fail(error);
    emit({ type: 'lost', error });
    void session.close().catch(() => undefined);
    return false;
  }

  let keepalive: { stop(): void } | undefined;
  /** enigma.js waits for the close handshake, which a silent peer may never answer: wait a bounded time */
  const boundedClose = async (): Promise<void> => {
    let timer: unknown;
    await Promise.race([
      session.close().catch(() => undefined), // already closed: nothing to release
      new Promise<void>((resolve) => (timer = timers.setTimeout(resolve, CLOSE_WAIT_MS))),
    ]);
    timers.clearTimeout(timer);
  };
  const close = async (): Promise<void> => {
    if (state === 'closed') return;
    state = 'closed';
    keepalive?.stop();
    watch.stop();
    onStopped?.();
    await boundedClose();
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
    let connectTimedOut: EngineError | undefined;
    let connectTimer: unknown;
    try {
      const opening = session.open();
      global = (await Promise.race([
        opening,
        new Promise<never>((_resolve, reject) => {
          connectTimer = timers.setTimeout(() => {
            connectTimedOut = new EngineError(
              `Could not connect to the engine at ${url.replace(/\?.*$/, '')}: the WebSocket did not open within ${formatSeconds(timeouts.connectMs)} (the server or a proxy on the way does not answer).`,
              'connect',
            );
            opening.catch(() => undefined);
            currentSocket?.close(4000, 'connect timed out');
            reject(connectTimedOut);
          }, timeouts.connectMs);
        }),
      ])) as QixGlobal;
      timers.clearTimeout(connectTimer);
    } catch (error) {
      timers.clearTimeout(connectTimer);
      if (connectTimedOut) throw connectTimedOut;
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
      // in someone else's session the app is already open (engine error 1002): say whose fault it is
      if (sessionState === 'SESSION_ATTACHED') throw attachedError(identity);
      const mapped = toEngineError(error, 'OpenDoc');
      throw (mapped.fatal ? await failureSoon() : undefined) ?? mapped;
    }
    const appOpenMs = now() - started;
    // on the first connect an attached session belongs to someone else (a resume is different: see above)
    if (sessionState === 'SESSION_ATTACHED') throw attachedError(identity);
    if (sessionState !== undefined && sessionState.startsWith('SESSION_ERROR')) {
      throw new EngineError(`The engine refused the session: ${sessionState}.`, 'connect');
    }
    await throwIfAborted();
    const engineVersion = await global.engineVersion().then(
      (v) => (v as { qComponentVersion?: string } | undefined)?.qComponentVersion,
      () => undefined,
    );
    if (failure) throw failure;
    state = 'open';
    keepalive = startKeepalive({
      intervalMs: options.keepaliveMs ?? DEFAULT_KEEPALIVE_MS,
      lastActivity: () => activity.lastActivity,
      connected: () => state === 'open',
      ping: () => global.engineVersion(),
      timers,
    });
    return {
      doc,
      global,
      url,
      identity,
      appOpenMs,
      engineVersion,
      failure: () => failure,
      failureSoon,
      resumes: () => resumes,
      reconnected: async (epoch) => {
        if (resumes.length > epoch) return true;
        if (state === 'reconnecting' && reconnecting) return reconnecting;
        return false;
      },
      onConnection: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
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

/** enigma.js request interceptor: the call's object type comes from enigma's own API cache (Global is handle -1). */
function refuseUnlisted<R extends { method?: unknown; handle?: unknown }>(session: unknown, request: R): R {
  const method = typeof request.method === 'string' ? request.method : '';
  const handle = typeof request.handle === 'number' ? request.handle : undefined;
  const apis = (session as { apis?: { getApi?: (handle: number) => { type?: unknown } | undefined } } | undefined)?.apis;
  const apiType = handle === undefined ? undefined : handle === -1 ? 'Global' : apis?.getApi?.(handle)?.type;
  const refusal = engineRefusal(typeof apiType === 'string' ? apiType : undefined, method);
  if (refusal) throw new EngineError(refusal, 'refused');
  return request;
}

function attachedError(identity: string): EngineError {
  return new EngineError(
    `The engine session "${identity}" is already in use by another connection (SESSION_ATTACHED); Qlarity only works in its own session.`,
    'attached',
  );
}

function eventMessage(event: unknown): string | undefined {
  const e = (event ?? {}) as { message?: unknown; error?: { message?: unknown }; original?: { message?: unknown } };
  if (typeof e.message === 'string' && e.message) return e.message;
  if (typeof e.error?.message === 'string') return e.error.message;
  return undefined;
}

function handshakeStatus(message: string | undefined): number | undefined {
  const status = message ? /\b(401|403|404|429)\b/.exec(message)?.[1] : undefined;
  return status ? Number(status) : undefined;
}

function attemptFailure(error: unknown, closed: { code: number; reason?: string } | undefined, socketError: string | undefined): string | undefined {
  if (error instanceof EngineError) return error.message;
  if (socketError) return socketError;
  if (closed) return closeCodeMessage(closed.code, closed.reason || undefined);
  return eventMessage(error);
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
