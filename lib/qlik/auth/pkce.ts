// OAuth 2 authorization code + PKCE for a public client (no secret in the extension), as Qlik
// Cloud documents it (qlik.dev REST "OAuth"; @qlik/api 2.19 oauth module):
// - GET /oauth/authorize: response_type=code, client_id, redirect_uri, scope, state,
//   code_challenge, code_challenge_method=S256 (only S256 is supported)
// - POST /oauth/token (JSON body): authorization_code + code_verifier; refresh_token; and the
//   token exchange (`purpose: "websocket"`) whose short-lived token goes on the engine URL as
//   `?accessToken=`. `offline_access` must be requested to get a refresh token (qlik.dev "OAuth Scopes").
// Uses WebCrypto only (service worker, page and Node 20 all have it).
import { z } from '../../schema/zod';

export const DEFAULT_SCOPE = 'user_default offline_access';

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomUrlSafe(byteLength: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

export interface PkcePair {
  verifier: string;
  challenge: string;
}

/** RFC 7636: a 43-128 char verifier and its S256 challenge. */
export async function createPkcePair(): Promise<PkcePair> {
  const verifier = randomUrlSafe(48); // 64 chars
  return { verifier, challenge: await s256(verifier) };
}

export async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export interface AuthorizeRequest {
  origin: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
  state: string;
  scope?: string;
}

export function authorizeUrl(r: AuthorizeRequest): string {
  const url = new URL('/oauth/authorize', r.origin);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: r.clientId,
    redirect_uri: r.redirectUri,
    scope: r.scope ?? DEFAULT_SCOPE,
    state: r.state,
    code_challenge: r.challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.href;
}

export type AuthorizeResult = { ok: true; code: string } | { ok: false; error: string; description?: string };

/** Reads the redirect the authorization server sent back; a wrong `state` is refused. */
export function readAuthorizeRedirect(redirectedTo: string, expectedState: string, redirectUri: string): AuthorizeResult {
  let url: URL;
  try {
    url = new URL(redirectedTo);
  } catch {
    return { ok: false, error: 'invalid_redirect', description: 'The sign-in did not return to Qlarity.' };
  }
  const expected = new URL(redirectUri);
  if (url.origin !== expected.origin || url.pathname !== expected.pathname) {
    return { ok: false, error: 'invalid_redirect', description: 'The sign-in returned to an unexpected address.' };
  }
  const q = url.searchParams;
  if (q.get('state') !== expectedState) return { ok: false, error: 'state_mismatch', description: 'The sign-in answer does not belong to this request.' };
  const error = q.get('error');
  if (error) {
    const description = q.get('error_description') ?? q.get('error_detail') ?? undefined;
    return { ok: false, error, ...(description ? { description } : {}) };
  }
  const code = q.get('code');
  return code ? { ok: true, code } : { ok: false, error: 'no_code', description: 'The sign-in answer has no authorization code.' };
}

const ErrorsBody = z.object({ errors: z.array(z.object({ code: z.optional(z.string()), title: z.optional(z.string()) })).check(z.minLength(1)) });

/**
 * Why the tenant refused a sign-in, from its answer to `GET /oauth/authorize` asked again without
 * cookies: a 400 means "Invalid client_id or redirect_uri" and is shown in the sign-in window
 * instead of redirecting back (openapi oauth.json `/oauth/authorize` 400 [V]). Which of the two
 * it was is read from the error's title (the wording is the simulator's [I]). Undefined when the
 * tenant accepted the request (a redirect), i.e. the user closed or refused the sign-in.
 */
export function explainAuthorizeRefusal(status: number, body: string, r: { clientId: string; redirectUri: string }): { error: string; description: string } | undefined {
  if (status !== 400) return undefined;
  let title = '';
  try {
    const parsed = ErrorsBody.safeParse(JSON.parse(body));
    if (parsed.success) title = parsed.data.errors[0].title ?? parsed.data.errors[0].code ?? '';
  } catch {
    // not JSON: the status alone says it
  }
  if (/client/i.test(title)) {
    return { error: `the tenant does not know OAuth client ${r.clientId}`, description: `${title}; check the client ID under Administration > OAuth` };
  }
  if (/redirect/i.test(title)) {
    return { error: 'the OAuth client does not allow Qlarity\'s redirect URL', description: `${title}; register exactly ${r.redirectUri} as a redirect URL of the client` };
  }
  return {
    error: 'the tenant refused the OAuth client ID or redirect URL',
    description: `${title || 'HTTP 400'}; check the client ID and that ${r.redirectUri} is one of the client's redirect URLs`,
  };
}

export const TokenResponse = z.object({
  access_token: z.string().check(z.minLength(1)),
  token_type: z.optional(z.string()),
  expires_in: z.optional(z.number().check(z.positive())),
  refresh_token: z.optional(z.string().check(z.minLength(1))),
  scope: z.optional(z.string()),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export function codeExchangeBody(p: { code: string; verifier: string; redirectUri: string; clientId: string }): Record<string, string> {
  return { grant_type: 'authorization_code', code: p.code, code_verifier: p.verifier, redirect_uri: p.redirectUri, client_id: p.clientId };
}

/** A public client refreshes with its client_id (it has no secret). */
export function refreshBody(p: { refreshToken: string; clientId: string }): Record<string, string> {
  return { grant_type: 'refresh_token', refresh_token: p.refreshToken, client_id: p.clientId };
}

/** The exchange for the short-lived engine token (@qlik/api PR #80). */
export function websocketTokenBody(p: { accessToken: string; clientId: string; redirectUri: string }): Record<string, string> {
  return {
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    subject_token: p.accessToken,
    subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    purpose: 'websocket',
    redirect_uri: p.redirectUri,
    client_id: p.clientId,
  };
}
