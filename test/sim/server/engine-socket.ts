// The engine WebSocket: `/app/<appId>[/identity/<id>][/ttl/<s>]` (URL shape per enigma.js
// sense-utilities buildUrl [V: connectivity.md 5.2]). Authenticates the handshake, then hands
// frames to an EngineSession (test/sim/engine) and applies the transport faults.
// Close codes [V: @qlik/api websocket-errors, ../shared/README.md]: 4201 client timeout,
// 4203 no permission to open the app, 4204 app not found.
// Sessions: one engine session per user + `<appId>/identity/<id>`. A socket opened while another
// holds it, or within the TTL after the last one closed (`/ttl/<s>`; none: the session ends with
// its socket), attaches to it: SESSION_ATTACHED, state kept. After the TTL a new session is
// created. Sources in ../engine/README.md "Reconnect and TTL".
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { EngineSession, EngineSessionOptions } from '../types';
import { appAccess } from './access';
import { type Caller, csrfSatisfied, decideOrigin, identify, recordIdentification } from './auth';
import { createDelayQueue } from './delay-queue';
import { AUTHENTICATION_FAILED, errorBody } from './http';
import type { Tenant } from './tenant';

export type CreateEngineSession = (options: EngineSessionOptions) => EngineSession;

export interface EngineTransportOptions {
  createEngineSession: CreateEngineSession;
  /**
   * delay added to every frame the engine sends (the `--latency` option). FaultConfig.latencyMs
   * is applied by the engine session itself (test/sim/engine/session.ts), not here.
   */
  baseLatencyMs: number;
}

export const CLOSE = { clientTimeout: 4201, noPermission: 4203, appNotFound: 4204, engineGeneric: 4220 } as const;

export interface EnginePath {
  appId: string;
  sessionKey: string;
  /** `/ttl/<seconds>`: how long the engine keeps the session after its last socket closed */
  ttlSeconds: number;
}

/** `/app/<appId>[/identity/<id>][/ttl/<seconds>]` → app id and session key, or undefined */
export function parseEnginePath(pathname: string): EnginePath | undefined {
  const match = /^\/app\/(?<appId>[^/]+)(?:\/identity\/(?<identity>[^/]+))?(?:\/ttl\/(?<ttl>\d+))?\/?$/.exec(pathname);
  if (!match?.groups) return undefined;
  try {
    const appId = decodeURIComponent(match.groups.appId);
    const identity = match.groups.identity === undefined ? undefined : decodeURIComponent(match.groups.identity);
    const ttlSeconds = match.groups.ttl === undefined ? 0 : Number(match.groups.ttl);
    return { appId, sessionKey: identity === undefined ? appId : `${appId}/identity/${identity}`, ttlSeconds };
  } catch {
    return undefined;
  }
}

function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(new Uint8Array(data)).toString('utf8');
}

/** the JSON-RPC id of a frame (undefined for notifications and non-JSON) */
function requestId(frame: string): unknown {
  try {
    const parsed = JSON.parse(frame) as { id?: unknown };
    return parsed.id;
  } catch {
    return undefined;
  }
}

/** a close reason must fit in 123 bytes */
function closeReason(error: unknown): string {
  const text = `Engine error: ${error instanceof Error ? error.message : String(error)}`;
  return Buffer.from(text).subarray(0, 120).toString('utf8').replace(/\uFFFD$/, '');
}

/** refuses a handshake with an HTTP answer (browsers only see that it failed) */
export function reject(socket: Duplex, status: number, reason: string, body: unknown): void {
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

interface LiveSession {
  /** the EngineSession of the socket that attached last (its state is the session's) */
  session: EngineSession;
  sockets: Set<WebSocket>;
  /** set while no socket holds it: the session ends when this fires */
  expiry?: NodeJS.Timeout;
}

export class EngineTransport {
  private readonly wss = new WebSocketServer({ noServer: true });
  /** `<userId> <sessionKey>` → the engine session, while a socket holds it or within its TTL */
  private readonly live = new Map<string, LiveSession>();
  /** sockets dropped by `dropAfterMessages`, per fault configuration (for `dropTimes`) */
  private readonly drops = new WeakMap<object, number>();
  /** bumped by closeAll: sockets closed by a reset end their sessions, no TTL */
  private generation = 0;

  constructor(
    private readonly tenant: Tenant,
    private readonly options: EngineTransportOptions,
  ) {}

  /** handle an HTTP upgrade; answers the handshake itself when it is refused */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, selfOrigin: string): void {
    const target = parseEnginePath(url.pathname);
    if (!target) return reject(socket, 404, 'Not Found', errorBody(404, 'HTTP-404', 'Not found'));
    const known = identify(this.tenant, req, url, { webSocket: true });
    recordIdentification(this.tenant, 'websocket', req, url, known);
    // Unauthenticated handshakes are refused with 401 [I: the edge answers 401 before the engine].
    if (!known.caller) return reject(socket, 401, 'Unauthorized', AUTHENTICATION_FAILED);
    const caller = known.caller;
    const origin = decideOrigin(this.tenant, req, url, selfOrigin, caller);
    if (!origin.ok) return reject(socket, 403, 'Forbidden', errorBody(403, 'HTTP-403', origin.title));
    if (!csrfSatisfied(caller, url.searchParams.get('qlik-csrf-token'), { method: 'GET', webSocket: true })) {
      return reject(socket, 403, 'Forbidden', errorBody(403, 'HTTP-403', 'Invalid or missing qlik-csrf-token'));
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, target, caller));
  }

  /** upgrades a handshake a caller has already authorised (the QSEoW proxy applies its own rules) */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer, enginePath: string, caller: Caller): void {
    const target = parseEnginePath(enginePath);
    if (!target) return reject(socket, 404, 'Not Found', errorBody(404, 'HTTP-404', 'Not found'));
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, target, caller));
  }

  /** close every engine socket (reset between tests) */
  closeAll(code = 1001, reason = 'Simulator reset'): void {
    this.generation += 1;
    for (const [key, entry] of [...this.live]) {
      if (entry.sockets.size > 0) {
        for (const ws of entry.sockets) ws.close(code, reason);
      } else {
        clearTimeout(entry.expiry);
        this.live.delete(key);
        entry.session.dispose();
      }
    }
  }

  private open(ws: WebSocket, target: EnginePath, caller: Caller): void {
    const faults = this.tenant.faults();
    if (faults.closeCode !== undefined) return ws.close(faults.closeCode, 'Simulated close');
    const app = this.tenant.app(target.appId);
    if (!app) return ws.close(CLOSE.appNotFound, 'App not found');
    if (appAccess(this.tenant, app, caller.user) === 'none') return ws.close(CLOSE.noPermission, 'No permission to open the app');

    const holderKey = `${caller.user.id} ${target.sessionKey}`;
    const existing = this.live.get(holderKey);
    let session: EngineSession;
    try {
      session = this.options.createEngineSession({
        app,
        user: caller.user,
        sessionKey: target.sessionKey,
        attached: existing !== undefined,
        ...(existing ? { attachTo: existing.session } : {}),
        faults: () => this.tenant.faults(),
        record: (call) => this.tenant.record(call),
      });
    } catch (error) {
      // a broken app model must not take the simulator down: 4220 "engine generic" [V: websocket-errors]
      return ws.close(CLOSE.engineGeneric, closeReason(error));
    }
    const entry: LiveSession = existing ?? { session, sockets: new Set<WebSocket>() };
    clearTimeout(entry.expiry);
    delete entry.expiry;
    entry.session = session;
    entry.sockets.add(ws);
    this.live.set(holderKey, entry);
    const generation = this.generation;

    // Outgoing frames (and the engine's own close) go through one ordered, delayed queue.
    const delayed = createDelayQueue(this.options.baseLatencyMs);
    const later = (action: () => void) => delayed.push(action);

    // dropAfterMessages: requests 1..N get their answers; request N+1 and later are never
    // delivered, and the connection drops (1006) once the engine has answered 1..N.
    const unanswered = new Set<unknown>();
    let dropping = false;
    const dropWhenAnswered = () => {
      if (!dropping || unanswered.size > 0) return;
      const finish = () => (ws.bufferedAmount === 0 ? ws.terminate() : setTimeout(finish, 5));
      later(finish);
    };
    const dropDeadline = setTimeout(() => dropping && ws.terminate(), 5000);
    dropDeadline.unref();

    // Frames that fall due together (a drain of the delay queue) leave in one socket write: one
    // syscall and a few TCP segments instead of one each (thousands of answers in a collection).
    let corked = false;
    const sendNow = (frame: string): void => {
      if (ws.readyState !== ws.OPEN) return;
      const socket = (ws as unknown as { _socket?: Duplex })._socket; // ws's own net.Socket
      if (socket && !corked) {
        corked = true;
        socket.cork();
        process.nextTick(() => {
          corked = false;
          socket.uncork();
        });
      }
      ws.send(frame);
    };

    session.onSend((frame) => {
      if (unanswered.size > 0) unanswered.delete(requestId(frame));
      later(() => sendNow(frame));
      dropWhenAnswered();
    });
    session.onClose((code, reason) => later(() => ws.close(code, reason)));

    let idleTimer: NodeJS.Timeout | undefined;
    const armIdleTimer = () => {
      clearTimeout(idleTimer);
      const timeout = this.tenant.faults().sessionTimeoutMs;
      if (timeout === undefined) return;
      idleTimer = setTimeout(() => {
        // Qlik notifies before ending an idle session [V: enigma.d.ts `notification:OnSessionTimedOut`].
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'OnSessionTimedOut', params: {} }));
        ws.close(CLOSE.clientTimeout, 'Client timeout');
      }, timeout);
    };
    armIdleTimer();

    let received = 0;
    ws.on('message', (data, isBinary) => {
      if (dropping) return;
      received += 1;
      const faults = this.tenant.faults();
      const dropAfter = faults.dropAfterMessages;
      if (dropAfter !== undefined && received > dropAfter && (faults.dropTimes === undefined || (this.drops.get(faults) ?? 0) < faults.dropTimes)) {
        this.drops.set(faults, (this.drops.get(faults) ?? 0) + 1);
        dropping = true;
        return dropWhenAnswered();
      }
      armIdleTimer();
      if (isBinary) return;
      const text = frameText(data);
      const id = dropAfter === undefined || dropping ? undefined : requestId(text);
      if (id !== undefined) unanswered.add(id);
      try {
        session.receive(text);
      } catch (error) {
        ws.close(CLOSE.engineGeneric, closeReason(error));
      }
    });
    ws.on('close', () => {
      clearTimeout(idleTimer);
      clearTimeout(dropDeadline);
      entry.sockets.delete(ws);
      if (entry.sockets.size > 0 || this.live.get(holderKey) !== entry) return session.detach ? session.detach() : session.dispose();
      const ttlMs = generation === this.generation ? target.ttlSeconds * 1000 : 0;
      if (ttlMs > 0 && session.detach) {
        session.detach();
        entry.expiry = setTimeout(() => {
          this.live.delete(holderKey);
          session.dispose();
        }, ttlMs);
        entry.expiry.unref();
        return;
      }
      this.live.delete(holderKey);
      session.dispose();
    });
    ws.on('error', () => ws.terminate());
  }
}
