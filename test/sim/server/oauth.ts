// OAuth 2 authorization code + PKCE (S256 only), refresh, and the token exchange that gives a
// short-lived engine token for `?accessToken=` on the WebSocket.
// Sources: openapi oauth.json (parameters, request/response schemas) [V]; connectivity.md 2.2
// (@qlik/api's JSON bodies, token exchange with `purpose: "websocket"`) [V].
import { createHash } from 'node:crypto';
import { identify } from './auth';
import { errorBody, header, readFormOrJson, redirect, sendJson } from './http';
import { type AnyRoute, type RouteContext, path } from './routes';
import type { OAuthClient } from './tenant';

const b64urlSha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/; // RFC 7636 4.1, as the spec's code_verifier says [V]

function oauthError(ctx: RouteContext, status: number, code: string, title: string): void {
  sendJson(ctx.res, status, errorBody(status, code, title, undefined, 'string'), corsHeaders(ctx));
}

/** SPA clients name origins allowed to call the authorization server; others have none */
function originAllowed(client: OAuthClient, origin: string | undefined, selfOrigin: string): boolean {
  if (!origin || origin === selfOrigin || client.allowedOrigins.length === 0) return true;
  return client.allowedOrigins.includes(origin);
}

function corsHeaders(ctx: RouteContext): Record<string, string> {
  const origin = header(ctx.req, 'origin');
  if (!origin || origin === ctx.selfOrigin) return {};
  const allowed = ctx.tenant.listOAuthClients().some((c) => c.allowedOrigins.includes(origin));
  return allowed ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
}

function authorize(ctx: RouteContext): void {
  const q = ctx.url.searchParams;
  const client = ctx.tenant.oauthClient(q.get('client_id'));
  const redirectUri = q.get('redirect_uri') ?? '';
  // Bad client_id or redirect_uri: a 400, never a redirect to an unverified URI [V: openapi oauth.json].
  if (!client) return oauthError(ctx, 400, 'OAUTH-1', 'Invalid client_id');
  if (!client.redirectUris.includes(redirectUri)) return oauthError(ctx, 400, 'OAUTH-2', 'Invalid redirect_uri');
  const back = new URL(redirectUri);
  const state = q.get('state');
  const fail = (error: string, detail: string) => {
    back.searchParams.set('error', error);
    back.searchParams.set('error_code', 'OAUTH-3');
    back.searchParams.set('error_detail', detail);
    if (state !== null) back.searchParams.set('state', state);
    redirect(ctx.res, back.href);
  };
  if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code');
  if (q.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'only S256 is supported');
  const challenge = q.get('code_challenge');
  if (!challenge) return fail('invalid_request', 'code_challenge is required for a public client');
  if (state === null) return fail('invalid_request', 'state is required');
  const scope = q.get('scope') ?? '';
  if (!scope) return fail('invalid_scope', 'scope is required');

  const known = identify(ctx.tenant, ctx.req, ctx.url, { webSocket: false });
  if (known.caller?.via !== 'cookie') {
    // log in first, then come back here (same origin, so no web integration needed)
    return redirect(ctx.res, `/login?returnto=${encodeURIComponent(ctx.url.pathname + ctx.url.search)}`);
  }
  // Consent is automatic: the simulated clients are "trusted" (connectionConfig.consentMethod) [V: oauth-clients.d.ts].
  const code = ctx.tenant.issueAuthCode({ clientId: client.clientId, redirectUri, codeChallenge: challenge, userId: known.caller.user.id, scope });
  back.searchParams.set('code', code);
  back.searchParams.set('state', state);
  redirect(ctx.res, back.href);
}

function tokenResponse(input: { accessToken: string; expiresAt: number; scope: string; refreshToken?: string; exchanged?: boolean }) {
  return {
    access_token: input.accessToken,
    token_type: 'bearer',
    expires_in: Math.round((input.expiresAt - Date.now()) / 1000),
    expires_at: new Date(input.expiresAt).toISOString(),
    scope: input.scope,
    ...(input.refreshToken ? { refresh_token: input.refreshToken } : {}),
    ...(input.exchanged ? { issued_token_type: 'urn:ietf:params:oauth:token-type:access_token' } : {}),
  };
}

async function token(ctx: RouteContext): Promise<void> {
  const body = await readFormOrJson(ctx.req);
  if (!body) return oauthError(ctx, 400, 'OAUTH-5', 'Malformed request body');
  const grantType = body.grant_type ?? '(none)';
  ctx.res.once('finish', () => ctx.tenant.recordAuth({ kind: 'token', method: 'POST', path: ctx.url.pathname, via: 'none', bearer: false, grant: grantType, status: ctx.res.statusCode }));
  const origin = header(ctx.req, 'origin');
  const headers = corsHeaders(ctx);
  const tenant = ctx.tenant;
  switch (body.grant_type) {
    case 'authorization_code': {
      const { code, code_verifier: verifier, redirect_uri: redirectUri, client_id: clientId } = body;
      if (!code || !verifier || !redirectUri || !clientId) return oauthError(ctx, 400, 'OAUTH-5', 'code, code_verifier, redirect_uri and client_id are required');
      const client = tenant.oauthClient(clientId);
      if (!client) return oauthError(ctx, 401, 'OAUTH-1', 'Invalid client_id');
      if (!originAllowed(client, origin, ctx.selfOrigin)) return oauthError(ctx, 403, 'OAUTH-6', `Origin ${origin} is not allowed for this client`);
      if (!VERIFIER.test(verifier)) return oauthError(ctx, 400, 'OAUTH-5', 'code_verifier must be 43-128 characters of [A-Za-z0-9-._~]');
      const grant = tenant.takeAuthCode(code);
      if (!grant || grant.clientId !== clientId || grant.redirectUri !== redirectUri) return oauthError(ctx, 401, 'OAUTH-7', 'Invalid or expired authorization code');
      if (b64urlSha256(verifier) !== grant.codeChallenge) return oauthError(ctx, 401, 'OAUTH-8', 'code_verifier does not match the code_challenge');
      // a refresh token only with offline_access [V: qlik.dev "OAuth Scopes"]
      const issued = tenant.issueTokens({ userId: grant.userId, clientId, scope: grant.scope, withRefresh: grant.scope.split(/\s+/).includes('offline_access') });
      return sendJson(ctx.res, 200, tokenResponse({ ...issued, scope: grant.scope }), headers);
    }
    case 'refresh_token': {
      if (!body.refresh_token) return oauthError(ctx, 400, 'OAUTH-5', 'refresh_token is required');
      const grant = tenant.takeRefreshToken(body.refresh_token);
      if (!grant || (body.client_id && body.client_id !== grant.clientId)) return oauthError(ctx, 401, 'OAUTH-7', 'Invalid refresh token');
      const client = tenant.oauthClient(grant.clientId);
      if (client && !originAllowed(client, origin, ctx.selfOrigin)) return oauthError(ctx, 403, 'OAUTH-6', `Origin ${origin} is not allowed for this client`);
      const issued = tenant.issueTokens({ ...grant, withRefresh: true });
      return sendJson(ctx.res, 200, tokenResponse({ ...issued, scope: grant.scope }), headers);
    }
    case 'urn:ietf:params:oauth:grant-type:token-exchange': {
      const { subject_token: subjectToken, subject_token_type: subjectType, purpose, client_id: clientId } = body;
      if (!subjectToken || !clientId || subjectType !== 'urn:ietf:params:oauth:token-type:access_token' || (purpose !== 'websocket' && purpose !== 'webresource')) {
        return oauthError(ctx, 400, 'OAUTH-5', 'token exchange needs subject_token, subject_token_type, client_id and purpose websocket|webresource');
      }
      const subject = tenant.accessToken(subjectToken);
      if (!subject || subject.purpose !== 'api' || subject.clientId !== clientId) return oauthError(ctx, 401, 'OAUTH-7', 'Invalid subject token');
      const exchanged = tenant.exchangeToken(subject, purpose);
      return sendJson(ctx.res, 200, tokenResponse({ accessToken: exchanged.token, expiresAt: exchanged.expiresAt, scope: subject.scope, exchanged: true }), headers);
    }
    default:
      return oauthError(ctx, 400, 'OAUTH-9', `Unsupported grant_type ${body.grant_type ?? '(none)'}`);
  }
}

export const oauthRoutes: AnyRoute[] = [
  { method: 'GET', pattern: path('/oauth/authorize'), access: 'public', handler: authorize },
  { method: 'POST', pattern: path('/oauth/token'), access: 'public', handler: token },
  {
    method: 'POST',
    pattern: path('/oauth/revoke'),
    access: 'public',
    handler: async (ctx) => {
      const body = await readFormOrJson(ctx.req);
      if (!body?.token) return oauthError(ctx, 400, 'OAUTH-5', 'token is required');
      ctx.tenant.revokeToken(body.token);
      sendJson(ctx.res, 200, {}, corsHeaders(ctx));
    },
  },
];
