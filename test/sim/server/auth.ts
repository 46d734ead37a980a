// Who is calling, and may they, the way Qlik Cloud's edge decides it.
// Sources: ../shared/research/connectivity.md sections 1.1-1.4, 2.2, 3 (marked [V]/[I] there).
import type { IncomingMessage } from 'node:http';
import type { SimUser } from '../types';
import { header, parseCookies } from './http';
import type { AccessToken, LoginSession, Tenant } from './tenant';

export type AuthVia = 'cookie' | 'apikey' | 'oauth';

export interface Caller {
  user: SimUser;
  via: AuthVia;
  loginSession?: LoginSession;
  token?: AccessToken;
}

export type Identification = { caller: Caller } | { caller?: undefined; failure?: 'invalid-credentials' };

/**
 * Cookie names as in the `Set-Cookie` example of `POST /login/jwt-session`
 * (openapi login.json: `eas.sid`, `eas.sid.sig`, `_csrfToken`, `_csrfToken.sig`) [V].
 */
export const SESSION_COOKIE = 'eas.sid';
export const CSRF_COOKIE = '_csrfToken';

function bearer(req: IncomingMessage): string | undefined {
  const value = header(req, 'authorization');
  const match = value?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/**
 * Identify the caller: `Authorization: Bearer <API key | OAuth access token>` first, then
 * (engine WebSocket only) `?accessToken=<token-exchanged websocket token>`, then the session cookie.
 * A bearer credential that does not resolve is a failure, not a fall-through to the cookie.
 */
export function identify(tenant: Tenant, req: IncomingMessage, url: URL, options: { webSocket: boolean }): Identification {
  const token = bearer(req);
  if (token !== undefined) {
    const apiKeyUser = tenant.apiKeys.get(token);
    const user = apiKeyUser ? tenant.userById(apiKeyUser) : undefined;
    if (user) return { caller: { user, via: 'apikey' } };
    const access = tenant.accessToken(token);
    const tokenUser = access && access.purpose === 'api' ? tenant.userById(access.userId) : undefined;
    if (access && tokenUser) return { caller: { user: tokenUser, via: 'oauth', token: access } };
    return { failure: 'invalid-credentials' };
  }
  const queryToken = options.webSocket ? url.searchParams.get('accessToken') : null;
  if (queryToken !== null) {
    // Only the short-lived token from the token exchange (purpose "websocket") is accepted
    // as `?accessToken=` [V: @qlik/api PR #80, connectivity.md 2.2].
    const access = tenant.accessToken(queryToken);
    const user = access && access.purpose === 'websocket' ? tenant.userById(access.userId) : undefined;
    if (access && user) return { caller: { user, via: 'oauth', token: access } };
    return { failure: 'invalid-credentials' };
  }
  const cookies = parseCookies(header(req, 'cookie'));
  const sid = cookies.get(SESSION_COOKIE);
  if (sid) {
    const session = tenant.loginSession(sid, cookies.get(`${SESSION_COOKIE}.sig`));
    const user = session ? tenant.userById(session.userId) : undefined;
    if (session && user) return { caller: { user, via: 'cookie', loginSession: session } };
  }
  return {};
}

/** Records how a REST call or engine handshake was authenticated (Simulator.authLog). */
export function recordIdentification(tenant: Tenant, kind: 'rest' | 'websocket', req: IncomingMessage, url: URL, known: Identification): void {
  const caller = known.caller;
  tenant.recordAuth({
    kind,
    method: req.method ?? 'GET',
    path: url.pathname,
    via: caller ? caller.via : known.failure ? 'invalid' : 'none',
    bearer: bearer(req) !== undefined,
    ...(caller?.token ? { tokenPurpose: caller.token.purpose } : {}),
  });
}

export type OriginDecision = { ok: true; corsOrigin?: string } | { ok: false; title: string };

/**
 * Origin policy. Same-origin requests and requests without an Origin (Node, GET fetches from an
 * extension service worker) pass. A foreign Origin with cookie auth needs a web integration
 * (`qlik-web-integration-id` header or query) whose validOrigins holds that exact origin
 * [V: connectivity.md 1.1; wildcards unsupported]. An OAuth token from an SPA client is only
 * accepted from the client's allowed origins [V: qlik.dev "Create a SPA OAuth2 client"];
 * API keys are not origin-checked [I: connectivity.md 3, untested on a tenant].
 */
export function decideOrigin(tenant: Tenant, req: IncomingMessage, url: URL, selfOrigin: string, caller: Caller | undefined): OriginDecision {
  const origin = header(req, 'origin');
  if (!origin || origin === selfOrigin) return { ok: true };
  const integrationId = header(req, 'qlik-web-integration-id') ?? url.searchParams.get('qlik-web-integration-id');
  const integration = tenant.webIntegration(integrationId);
  const integrationAllows = integration?.validOrigins.includes(origin) ?? false;
  if (caller?.via === 'apikey') return integrationAllows ? { ok: true, corsOrigin: origin } : { ok: true };
  if (caller?.via === 'oauth') {
    const client = tenant.oauthClient(caller.token?.clientId);
    if (client && client.allowedOrigins.length > 0 && !client.allowedOrigins.includes(origin)) {
      return { ok: false, title: `Origin ${origin} is not an allowed origin of the OAuth client` };
    }
    return { ok: true, corsOrigin: origin };
  }
  if (!integrationId) return { ok: false, title: `Cross-origin request from ${origin} without a web integration` };
  if (!integrationAllows) return { ok: false, title: `Origin ${origin} is not in the web integration's allowed origins` };
  return { ok: true, corsOrigin: origin };
}

/** for a CORS preflight: is this origin known to the tenant at all (any web integration or SPA client)? */
export function knownOrigin(tenant: Tenant, origin: string): boolean {
  return (
    tenant.listWebIntegrations().some((w) => w.validOrigins.includes(origin)) ||
    tenant.listOAuthClients().some((c) => c.allowedOrigins.includes(origin))
  );
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookie sessions must send the CSRF token on every non-GET REST call (header `qlik-csrf-token`)
 * and on the engine WebSocket (query `qlik-csrf-token`) [V: qlik.dev "Build web solutions"].
 * Bearer-authenticated calls need none [V: @qlik/api apikey/oauth modules send none].
 */
export function csrfSatisfied(caller: Caller, presented: string | null | undefined, request: { method: string; webSocket: boolean }): boolean {
  if (caller.via !== 'cookie') return true;
  if (!request.webSocket && SAFE_METHODS.has(request.method)) return true;
  return typeof presented === 'string' && presented.length > 0 && presented === caller.loginSession?.csrfToken;
}
