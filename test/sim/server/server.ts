// The simulated tenant's HTTP(S) server: host check, CORS preflight, rate-limit faults, the
// route table (login, OAuth, REST, client pages) and the engine WebSocket upgrade.
import { type IncomingMessage, type Server, type ServerResponse, createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { decideOrigin, identify, csrfSatisfied, knownOrigin, recordIdentification } from './auth';
import { EngineTransport, type EngineTransportOptions, reject } from './engine-socket';
import { AUTHENTICATION_FAILED, errorBody, header, redirect, sendError, sendJson } from './http';
import { loginRoutes } from './login';
import { oauthRoutes } from './oauth';
import { pageRoutes } from './pages';
import { appRoutes } from './rest-apps';
import { evaluationRoutes } from './rest-evaluations';
import { platformRoutes } from './rest-platform';
import { type QseowProxy, decideQseowUpgrade, handleQseowRequest } from './qseow';
import { type RequestLog, type RequestRecord, recordRequest } from './request-log';
import type { AnyRoute, Route, RouteContext } from './routes';
import type { Tenant } from './tenant';

const ROUTES: AnyRoute[] = [...loginRoutes, ...oauthRoutes, ...platformRoutes, ...evaluationRoutes, ...appRoutes, ...pageRoutes];

/** Qlik Cloud and Qlik Cloud Government hosts [V: connectivity.md 7], plus local names */
export function isTenantHost(hostname: string, tenantHost: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === tenantHost.toLowerCase() ||
    host.endsWith('.qlikcloud.com') ||
    host.endsWith('.qlikcloudgov.com') ||
    host === 'localhost' ||
    host === '127.0.0.1' ||
    host === '[::1]'
  );
}

export interface SimServerOptions extends EngineTransportOptions {
  tenant: Tenant;
  /** PEM key + cert for HTTPS; absent → plain HTTP */
  tls?: { key: string; cert: string };
  port: number;
  /** the Qlik Sense Enterprise on Windows host served next to the tenant (qseow.ts) */
  qseow?: QseowProxy;
}

export interface SimServer {
  port: number;
  secure: boolean;
  engine: EngineTransport;
  /** every HTTP request and WebSocket handshake, in order (request-log.ts) */
  requests: RequestLog;
  close(): Promise<void>;
}

function requestUrl(req: IncomingMessage, secure: boolean): URL | undefined {
  const host = header(req, 'host');
  if (!host) return undefined;
  try {
    return new URL(req.url ?? '/', `${secure ? 'https' : 'http'}://${host}`);
  } catch {
    return undefined;
  }
}

function preflight(ctx: { req: IncomingMessage; res: ServerResponse; tenant: Tenant }): void {
  const origin = header(ctx.req, 'origin');
  const headers: Record<string, string> = {};
  if (origin && knownOrigin(ctx.tenant, origin)) {
    headers['access-control-allow-origin'] = origin;
    headers['access-control-allow-credentials'] = 'true';
    headers['access-control-allow-methods'] = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
    headers['access-control-allow-headers'] = header(ctx.req, 'access-control-request-headers') ?? 'content-type';
    headers['access-control-max-age'] = '600';
    headers.vary = 'Origin';
  }
  ctx.res.writeHead(204, headers);
  ctx.res.end();
}

async function dispatch(tenant: Tenant, req: IncomingMessage, res: ServerResponse, secure: boolean, qseow: QseowProxy | undefined): Promise<void> {
  const url = requestUrl(req, secure);
  if (!url) return sendError(res, 400, 'HTTP-400', 'Bad request');
  if (qseow && url.hostname.toLowerCase() === qseow.host) return handleQseowRequest(qseow, { tenant, req, res, url, selfOrigin: url.origin, secure });
  // "No authentication configured for this hostname" [V: Qlik support article, connectivity.md 1.3]
  if (!isTenantHost(url.hostname, tenant.tenantHost)) return sendError(res, 400, 'LOGIN-2', 'No authentication configured for this hostname', undefined, 'string');
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') return preflight({ req, res, tenant });
  const retryAfter = tenant.rateLimitFor(url.pathname);
  if (retryAfter !== undefined) {
    return sendJson(res, 429, errorBody(429, 'HTTP-429', 'Too Many Requests'), { 'retry-after': String(retryAfter) });
  }

  let pathMatched = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const ctx: RouteContext = { tenant, req, res, url, params: { ...(match.groups ?? {}) }, selfOrigin: url.origin, secure };
    if (route.access === 'public') return route.handler(ctx);
    return guarded(route, ctx);
  }
  if (pathMatched) return sendError(res, 405, 'HTTP-405', 'Method not allowed');
  sendError(res, 404, 'HTTP-404', 'Not found', `${method} ${url.pathname}`);
}

async function guarded(route: Route, ctx: RouteContext): Promise<void> {
  const { tenant, req, res, url } = ctx;
  const known = identify(tenant, req, url, { webSocket: false });
  recordIdentification(tenant, 'rest', req, url, known);
  if (!known.caller) {
    if (route.access === 'page') {
      return redirect(res, `/login?returnto=${encodeURIComponent(url.href)}`);
    }
    return sendJson(res, 401, AUTHENTICATION_FAILED);
  }
  const caller = known.caller;
  const origin = decideOrigin(tenant, req, url, ctx.selfOrigin, caller);
  if (!origin.ok) return sendError(res, 403, 'HTTP-403', 'Forbidden', origin.title);
  if (origin.corsOrigin) {
    res.setHeader('access-control-allow-origin', origin.corsOrigin);
    res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('access-control-expose-headers', 'qlik-csrf-token');
    res.setHeader('vary', 'Origin');
  }
  if (!csrfSatisfied(caller, header(req, 'qlik-csrf-token'), { method: req.method ?? 'GET', webSocket: false })) {
    return sendError(res, 403, 'HTTP-403', 'Invalid or missing qlik-csrf-token');
  }
  await route.handler({ ...ctx, caller });
}

/** start listening on 127.0.0.1:<port>; close() also destroys kept-alive and upgraded sockets */
export async function startSimServer(options: SimServerOptions): Promise<SimServer> {
  const { tenant } = options;
  const secure = options.tls !== undefined;
  const engine = new EngineTransport(tenant, options);
  const { qseow } = options;
  const log: RequestRecord[] = [];
  const requests: RequestLog = { all: () => [...log], clear: () => void log.splice(0) };
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    recordRequest(log, req, secure, false);
    dispatch(tenant, req, res, secure, qseow).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      sendError(res, 500, 'HTTP-500', 'Internal simulator error', error instanceof Error ? error.message : String(error));
    });
  };
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, onRequest) : createHttpServer(onRequest);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    recordRequest(log, req, secure, true);
    const url = requestUrl(req, secure);
    if (url && qseow && url.hostname.toLowerCase() === qseow.host) {
      const decision = decideQseowUpgrade(qseow, tenant, req, url, secure);
      return decision.ok ? engine.accept(req, socket, head, decision.enginePath, decision.caller) : reject(socket, decision.status, decision.reason, decision.body);
    }
    if (!url || !isTenantHost(url.hostname, tenant.tenantHost)) return socket.destroy();
    engine.handleUpgrade(req, socket, head, url, url.origin);
  });
  const sockets = new Set<Duplex>();
  server.on('connection', (socket: Duplex) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    secure,
    engine,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
