// OAuth (PKCE public client) for the direct mode: sign-in through identity.launchWebAuthFlow,
// tokens in storage.local (this profile only, never synced, never in the page), refresh, and
// the engine token exchange.
import { browser } from 'wxt/browser';
import { QlikProblemError, qlikError } from '../../qlik/errors';
import {
  TokenResponse,
  authorizeUrl,
  codeExchangeBody,
  createPkcePair,
  explainAuthorizeRefusal,
  randomUrlSafe,
  readAuthorizeRedirect,
  refreshBody,
  websocketTokenBody,
} from '../../qlik/auth/pkce';
import { StoredOAuthTokens, isUsable, toStoredTokens, tokenStorageKey } from '../../qlik/auth/tokens';
import { oauthRedirectUrl } from './extension-origin';

type Fetch = typeof fetch;

async function postToken(origin: string, body: Record<string, string>, fetchFn: Fetch): Promise<TokenResponse> {
  const host = new URL(origin).host;
  let response: Response;
  try {
    response = await fetchFn(`${origin}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
    });
  } catch (error) {
    throw qlikError({ kind: 'network', message: String(error) }, { mode: 'oauth', host });
  }
  const text = await response.text();
  if (!response.ok) {
    if (response.status === 400 || response.status === 401) {
      let error = `HTTP ${response.status}`;
      try {
        const json = JSON.parse(text) as { error?: string; error_description?: string; errors?: { title?: string }[] };
        error = json.error ?? json.errors?.[0]?.title ?? error;
      } catch {
        // not JSON: keep the status
      }
      throw qlikError({ kind: 'oauth', error }, { mode: 'oauth', host });
    }
    throw qlikError({ kind: 'http', status: response.status, body: text, what: 'OAuth token' }, { mode: 'oauth', host });
  }
  const parsed = TokenResponse.safeParse(JSON.parse(text));
  if (!parsed.success) throw qlikError({ kind: 'oauth', error: 'unexpected token answer' }, { mode: 'oauth', host });
  return parsed.data;
}

async function saveTokens(tokens: StoredOAuthTokens): Promise<void> {
  await browser.storage.local.set({ [tokenStorageKey(tokens.origin, tokens.clientId)]: tokens });
}

export async function loadTokens(origin: string, clientId: string): Promise<StoredOAuthTokens | null> {
  const key = tokenStorageKey(origin, clientId);
  const stored = (await browser.storage.local.get(key))[key];
  const parsed = StoredOAuthTokens.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export async function signOut(origin: string, clientId: string): Promise<void> {
  await browser.storage.local.remove(tokenStorageKey(origin, clientId));
}

/** Interactive sign-in; call it from a user gesture (options page, popup button). */
export async function signInWithOAuth(origin: string, clientId: string, fetchFn: Fetch = fetch): Promise<StoredOAuthTokens> {
  const host = new URL(origin).host;
  const redirectUri = oauthRedirectUrl();
  if (!redirectUri) throw qlikError({ kind: 'oauth', error: 'the browser identity API is not available' }, { mode: 'oauth', host });
  const { verifier, challenge } = await createPkcePair();
  const state = randomUrlSafe(24);
  const url = authorizeUrl({ origin, clientId, redirectUri, challenge, state });
  let redirectedTo: string | undefined;
  try {
    redirectedTo = await browser.identity.launchWebAuthFlow({ url, interactive: true });
  } catch (error) {
    // An unknown client or an unregistered redirect URL leaves the tenant's error page in the
    // sign-in window (no redirect back), so all the browser tells us is that the window closed.
    // Ask the tenant the same question without cookies to say which it was.
    const refusal = await probeAuthorize(url, { clientId, redirectUri }, fetchFn);
    throw qlikError({ kind: 'oauth', ...(refusal ?? { error: 'the sign-in window was closed before it finished', description: String(error) }) }, { mode: 'oauth', host });
  }
  const result = readAuthorizeRedirect(redirectedTo ?? '', state, redirectUri);
  if (!result.ok) throw qlikError({ kind: 'oauth', error: result.error, ...(result.description ? { description: result.description } : {}) }, { mode: 'oauth', host });
  const response = await postToken(origin, codeExchangeBody({ code: result.code, verifier, redirectUri, clientId }), fetchFn);
  const tokens = toStoredTokens(response, { origin, clientId, now: Date.now() });
  await saveTokens(tokens);
  return tokens;
}

async function probeAuthorize(url: string, r: { clientId: string; redirectUri: string }, fetchFn: Fetch): Promise<{ error: string; description: string } | undefined> {
  try {
    const response = await fetchFn(url, { credentials: 'omit', redirect: 'manual', headers: { accept: 'application/json' } });
    return explainAuthorizeRefusal(response.status, response.status === 400 ? await response.text() : '', r);
  } catch {
    return undefined;
  }
}

/**
 * One refresh at a time per tenant and client: refresh tokens rotate, so a second refresh with the
 * same (now used) token would be refused and sign the user out while the first one succeeded.
 */
const refreshing = new Map<string, Promise<string>>();

/** A valid access token from storage, refreshed when needed; a clear error when the user must sign in. */
export async function getAccessToken(origin: string, clientId: string, fetchFn: Fetch = fetch): Promise<string> {
  const host = new URL(origin).host;
  const tokens = await loadTokens(origin, clientId);
  if (!tokens) throw qlikError({ kind: 'http', status: 401, what: 'OAuth' }, { mode: 'oauth', host });
  if (isUsable(tokens, Date.now())) return tokens.accessToken;
  if (!tokens.refreshToken) {
    await signOut(origin, clientId);
    throw qlikError({ kind: 'http', status: 401, what: 'OAuth (the sign-in expired)' }, { mode: 'oauth', host });
  }
  const key = tokenStorageKey(origin, clientId);
  const running = refreshing.get(key);
  if (running) return running;
  const refreshToken = tokens.refreshToken;
  const refresh = refreshAccessToken(origin, clientId, refreshToken, fetchFn).finally(() => refreshing.delete(key));
  refreshing.set(key, refresh);
  return refresh;
}

async function refreshAccessToken(origin: string, clientId: string, refreshToken: string, fetchFn: Fetch): Promise<string> {
  const host = new URL(origin).host;
  let response: TokenResponse;
  try {
    response = await postToken(origin, refreshBody({ refreshToken, clientId }), fetchFn);
  } catch (error) {
    // 400/401 on refresh: the refresh token expired or was revoked ("indicates that code or token
    // used can be deleted by the client": openapi oauth.json /oauth/token 401); only a new sign-in helps.
    if (!(error instanceof QlikProblemError) || error.code !== 'oauth-failed') throw error;
    await signOut(origin, clientId);
    throw qlikError({ kind: 'http', status: 401, what: 'The OAuth sign-in expired or was revoked' }, { mode: 'oauth', host });
  }
  const fresh = toStoredTokens(response, { origin, clientId, now: Date.now(), previousRefreshToken: refreshToken });
  await saveTokens(fresh);
  return fresh.accessToken;
}

/** The short-lived token for `?accessToken=` on the engine WebSocket. */
export async function getWebSocketToken(origin: string, clientId: string, fetchFn: Fetch = fetch): Promise<string> {
  const accessToken = await getAccessToken(origin, clientId, fetchFn);
  const redirectUri = oauthRedirectUrl() ?? origin;
  const response = await postToken(origin, websocketTokenBody({ accessToken, clientId, redirectUri }), fetchFn);
  return response.access_token;
}
