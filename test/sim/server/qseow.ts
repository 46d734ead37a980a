// The Qlik Sense Enterprise on Windows (QSEoW) flavour of the simulator: one extra host name
// (default `qliksense.example.test`, not under qlikcloud.com) served as a Qlik Sense Proxy (QPS)
// with one virtual proxy prefix, in front of the same apps and engine as the Cloud tenant.
//
// What it reproduces, and where each detail comes from:
// - URLs: `https://<host>/<prefix>/sense/app/<id>/sheet/<sheet>/state/analysis`, `/<prefix>/hub`;
//   engine `wss://<host>/<prefix>/app/<id>[/identity/<id>]` [V: help.qlik.com App Integration API;
//   enigma.js sense-utilities buildUrl; ../shared/research/connectivity.md 5.2, 6, 7].
// - No Qlik Cloud REST: `/<prefix>/api/v1/*` answers 404 [I: QSEoW has QRS/QPS, not /api/v1].
// - Session cookie: one per virtual proxy, named by its "Session cookie header name"; we use
//   `X-Qlik-Session-<prefix>` (the convention in public QSEoW integrations, e.g. a public Qlik MCP
//   server's JWT notes: "Set-Cookie: X-Qlik-Session-<prefix>=<value>"), with `-HTTP` appended over
//   plain http (since February 2019), HttpOnly, Secure over https [V: help.qlik.com "Editing a
//   virtual proxy"; Qlik KB "Session Management"; connectivity.md 6]. No SameSite attribute [I: the
//   QMC default; cross-site embedding needs SameSite=None set by an admin, connectivity.md 6].
// - Not signed in: the proxy redirects to the virtual proxy's authentication module with a
//   `targetId` for the original address [V: ChristofSchwarz/qs-OEM-tricks ticketing/README.md:
//   "Sense sees that the user isn't authenticated and redirects the browser … &targetId=<guid>"].
//   The built-in Forms module lives at `/<prefix>/internal_forms_authentication/` [V: public
//   QSEoW form-login tests (code index): `<form action="/jwt/internal_forms_authentication/login">`;
//   I: the simulator's form fields].
// - xrfkey: QRS and QPS API calls must carry a 16-character `xrfkey` query parameter and the same
//   value in the `X-Qlik-Xrfkey` header, else 403 "XSRF prevention check failed. Possible XSRF
//   discovered." [V: @qlik/api windowscookie module (connectivity.md 6); public QSEoW integrations
//   quoting the 403 (code index)]. Client pages, product-info and the engine need none.
// - CSRF token (November 2024+, "Extended WebSocket CSRF protection", Qlik support 2509211):
//   `GET /<prefix>/qps/csrftoken?xrfkey=…` answers 204 with the `qlik-csrf-token` header [V: a
//   public Go Qlik load tester's `TrySetCSRFToken` expects 204 + `qlik-csrf-token` (code index)];
//   the engine WebSocket must present it as `?qlik-csrf-token=` from an allowed Origin, else the
//   handshake is refused with 403 "Cross-Site Websocket Hijacking attack prevention check failed"
//   [V: Qlik community thread 2539417].
// - product-info.json: `composition.deploymentType` "QlikSenseServer" [V: @qlik/api getPlatform
//   matches it lower-cased, connectivity.md 6; I: the case and the other fields' values]. Behind
//   the proxy like every resource: anonymous callers get the login redirect, which @qlik/api's
//   getPlatform also reads as QSEoW [V: lib/qlik/platform.ts header].
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimUser } from '../types';
import type { Caller } from './auth';
import { errorBody, escapeHtml, header, parseCookies, readFormOrJson, redirect, sendError, sendHtml, sendJson } from './http';
import { pageRoutes } from './pages';
import { productInfo } from './product-info';
import type { RouteContext } from './routes';
import type { Tenant } from './tenant';

export const DEFAULT_QSEOW_HOST = 'qliksense.example.test';
export const DEFAULT_QSEOW_PREFIX = 'qs';

export interface QseowSession {
  id: string;
  userId: string;
  /** what `/qps/csrftoken` hands out and the engine WebSocket must present */
  csrfToken: string;
}

const XRFKEY = /^[A-Za-z0-9]{16}$/;
const FORMS_PATH = '/internal_forms_authentication/';

/** The state of the simulated QPS: its host, virtual proxy prefix and sessions. */
export class QseowProxy {
  private readonly sessions = new Map<string, QseowSession>();
  private readonly targets = new Map<string, string>();

  constructor(
    readonly host: string,
    /** the virtual proxy prefix, without slashes */
    readonly prefix: string,
  ) {}

  /** `X-Qlik-Session-<prefix>`, `-HTTP` appended over plain http (see the header comment) */
  cookieName(secure: boolean): string {
    return `X-Qlik-Session-${this.prefix}${secure ? '' : '-HTTP'}`;
  }

  createSession(user: SimUser): QseowSession {
    const session = { id: randomUUID(), userId: user.id, csrfToken: randomBytes(24).toString('base64url') };
    this.sessions.set(session.id, session);
    return session;
  }

  sessionCookie(session: QseowSession, secure: boolean): string {
    return `${this.cookieName(secure)}=${session.id}; Path=/; HttpOnly${secure ? '; Secure' : ''}`;
  }

  /** the signed-in user of a request (by the virtual proxy's session cookie), if any */
  identify(tenant: Tenant, req: IncomingMessage, secure: boolean): (Caller & { qseow: QseowSession }) | undefined {
    const id = parseCookies(header(req, 'cookie')).get(this.cookieName(secure));
    const session = id ? this.sessions.get(id) : undefined;
    const user = session ? tenant.userById(session.userId) : undefined;
    return session && user ? { user, via: 'cookie', qseow: session } : undefined;
  }

  rememberTarget(url: string): string {
    const id = randomUUID();
    this.targets.set(id, url);
    return id;
  }

  target(id: string | null): string | undefined {
    return id ? this.targets.get(id) : undefined;
  }

  reset(): void {
    this.sessions.clear();
    this.targets.clear();
  }
}

/** `xrfkey` query parameter of 16 letters/digits, equal to the `X-Qlik-Xrfkey` header (case-insensitive name) */
export function xrfkeySatisfied(req: IncomingMessage, url: URL): boolean {
  const query = url.searchParams.get('xrfkey');
  return query !== null && XRFKEY.test(query) && header(req, 'x-qlik-xrfkey') === query;
}

/** The path under the virtual proxy (`/sense/app/…`), or undefined when it is not under the prefix. */
export function underPrefix(proxy: QseowProxy, pathname: string): string | undefined {
  const base = `/${proxy.prefix}`;
  if (pathname === base) return '/';
  return pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : undefined;
}

function qseowProductInfo(proxy: QseowProxy) {
  return productInfo(
    { senseId: 'qliksenseserver', releaseLabel: 'November 2024', version: '14.212.3', copyrightYearRange: '1993-2024', deploymentType: 'QlikSenseServer' },
    { hubUrl: `https://${proxy.host}/${proxy.prefix}/hub` },
  );
}

function xsrfRejected(res: ServerResponse): void {
  res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('XSRF prevention check failed. Possible XSRF discovered.');
}

function formsPage(proxy: QseowProxy, tenant: Tenant, targetId: string, message?: string): string {
  const action = `/${proxy.prefix}${FORMS_PATH}?targetId=${encodeURIComponent(targetId)}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Qlik Sense - Log in</title></head>
<body style="font-family:sans-serif;max-width:28rem;margin:4rem auto">
<h1>Log in to ${escapeHtml(proxy.host)}</h1>
${message ? `<p role="alert" id="login-error" style="color:#b00">${escapeHtml(message)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}" id="login-form">
<p><label>User name <input name="username" id="username" autocomplete="username" required></label></p>
<p><label>Password <input name="pwd" id="password" type="password" autocomplete="current-password" required></label></p>
<p><button type="submit" id="login-submit">Log in</button></p>
</form>
<p>Simulated users: ${tenant.allUsers().map((u) => `<code>${escapeHtml(u.email)}</code> / <code>${escapeHtml(u.password)}</code>`).join(', ')}</p>
</body></html>`;
}

async function formsLogin(proxy: QseowProxy, ctx: RouteContext): Promise<void> {
  const targetId = ctx.url.searchParams.get('targetId') ?? '';
  if (ctx.req.method === 'GET') return sendHtml(ctx.res, 200, formsPage(proxy, ctx.tenant, targetId));
  const form = (await readFormOrJson(ctx.req)) ?? {};
  const user = ctx.tenant.userByLogin(form.username ?? '', form.pwd ?? '');
  if (!user) return sendHtml(ctx.res, 401, formsPage(proxy, ctx.tenant, targetId, 'Wrong user name or password.'));
  const session = proxy.createSession(user);
  redirect(ctx.res, proxy.target(targetId) ?? `/${proxy.prefix}/hub`, 302, { 'set-cookie': proxy.sessionCookie(session, ctx.secure) });
}

/** Answers one HTTP request on the QSEoW host. */
export async function handleQseowRequest(proxy: QseowProxy, ctx: Omit<RouteContext, 'params'>): Promise<void> {
  const { req, res, url } = ctx;
  const method = req.method ?? 'GET';
  const sub = underPrefix(proxy, url.pathname);
  if (sub === undefined) return sendError(res, 404, 'HTTP-404', 'Not found', `no virtual proxy at ${url.pathname}`);
  const context: RouteContext = { ...ctx, params: {}, basePath: `/${proxy.prefix}` };
  if (sub === FORMS_PATH || sub === FORMS_PATH.slice(0, -1)) return formsLogin(proxy, context);

  const isApi = sub.startsWith('/qps/') || sub.startsWith('/qrs/');
  if (isApi && !xrfkeySatisfied(req, url)) return xsrfRejected(res);
  const caller = proxy.identify(ctx.tenant, req, ctx.secure);
  if (!caller) {
    const targetId = proxy.rememberTarget(url.href);
    return redirect(res, `/${proxy.prefix}${FORMS_PATH}?targetId=${encodeURIComponent(targetId)}`);
  }
  if (method !== 'GET') return sendError(res, 405, 'HTTP-405', 'Method not allowed');
  if (sub === '/resources/autogenerated/product-info.json') return sendJson(res, 200, qseowProductInfo(proxy));
  if (sub === '/qps/csrftoken') {
    res.writeHead(204, { 'qlik-csrf-token': caller.qseow.csrfToken });
    return void res.end();
  }
  if (sub === '/qrs/about') return sendJson(res, 200, { buildVersion: '14.212.3', buildDate: '2024-11-11', databaseProvider: 'Devart.Data.PostgreSql', nodeType: 1, sharedPersistence: true, requiresBootstrap: false, singleNodeOnly: false, schemaPath: 'About' });
  if (sub.startsWith('/api/')) return sendError(res, 404, 'HTTP-404', 'Not found', `${method} ${url.pathname}`);
  for (const route of pageRoutes) {
    const match = route.pattern.exec(sub);
    if (!match || route.method !== method || route.access !== 'page') continue;
    return route.handler({ ...context, params: { ...(match.groups ?? {}) }, caller });
  }
  sendError(res, 404, 'HTTP-404', 'Not found', `${method} ${url.pathname}`);
}

export type QseowUpgradeDecision = { ok: true; caller: Caller; enginePath: string } | { ok: false; status: number; reason: string; body: unknown };

/** Decides an engine WebSocket handshake on the QSEoW host (see the header comment for the rules). */
export function decideQseowUpgrade(proxy: QseowProxy, tenant: Tenant, req: IncomingMessage, url: URL, secure: boolean): QseowUpgradeDecision {
  const sub = underPrefix(proxy, url.pathname);
  if (sub === undefined || !sub.startsWith('/app/')) return { ok: false, status: 404, reason: 'Not Found', body: errorBody(404, 'HTTP-404', 'Not found') };
  const caller = proxy.identify(tenant, req, secure);
  if (!caller) return { ok: false, status: 401, reason: 'Unauthorized', body: errorBody(401, 'HTTP-401', 'Not authenticated') };
  const origin = header(req, 'origin');
  const csrf = url.searchParams.get('qlik-csrf-token');
  if ((origin !== undefined && origin !== url.origin) || csrf !== caller.qseow.csrfToken) {
    return { ok: false, status: 403, reason: 'Forbidden', body: errorBody(403, 'HTTP-403', 'Cross-Site Websocket Hijacking attack prevention check failed') };
  }
  return { ok: true, caller, enginePath: sub };
}
