import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authorizeUrl, codeExchangeBody, createPkcePair, explainAuthorizeRefusal, readAuthorizeRedirect, refreshBody, s256, websocketTokenBody } from '../../../../lib/qlik/auth/pkce';
import { isUsable, StoredOAuthTokens, toStoredTokens, tokenStorageKey } from '../../../../lib/qlik/auth/tokens';
import { modeSupport } from '../../../../lib/qlik/auth/modes';

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/qlik';

describe('PKCE', () => {
  it('matches the RFC 7636 appendix B example', async () => {
    expect(await s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('creates a valid verifier and its S256 challenge', async () => {
    const { verifier, challenge } = await createPkcePair();
    expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect((await createPkcePair()).verifier).not.toBe(verifier);
  });

  it('builds the authorize URL Qlik documents, encoded', () => {
    const url = new URL(authorizeUrl({ origin: 'https://acme.eu.qlikcloud.com', clientId: 'c&1', redirectUri: REDIRECT, challenge: 'ch', state: 'st' }));
    expect(url.origin + url.pathname).toBe('https://acme.eu.qlikcloud.com/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'c&1',
      redirect_uri: REDIRECT,
      scope: 'user_default offline_access',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });

  it.each([
    [`${REDIRECT}?code=abc&state=s1`, { ok: true, code: 'abc' }],
    [`${REDIRECT}?code=abc&state=other`, { ok: false, error: 'state_mismatch' }],
    [`${REDIRECT}?error=access_denied&error_detail=no&state=s1`, { ok: false, error: 'access_denied', description: 'no' }],
    [`${REDIRECT}?state=s1`, { ok: false, error: 'no_code' }],
    [`https://evil.example/qlik?code=abc&state=s1`, { ok: false, error: 'invalid_redirect' }],
    ['not a url', { ok: false, error: 'invalid_redirect' }],
  ])('reads the redirect %s', (redirected, expected) => {
    expect(readAuthorizeRedirect(redirected, 's1', REDIRECT)).toMatchObject(expected);
  });

  it('builds the token bodies', () => {
    expect(codeExchangeBody({ code: 'c', verifier: 'v', redirectUri: REDIRECT, clientId: 'id' })).toEqual({ grant_type: 'authorization_code', code: 'c', code_verifier: 'v', redirect_uri: REDIRECT, client_id: 'id' });
    expect(refreshBody({ refreshToken: 'r', clientId: 'id' })).toEqual({ grant_type: 'refresh_token', refresh_token: 'r', client_id: 'id' });
    expect(websocketTokenBody({ accessToken: 'a', clientId: 'id', redirectUri: REDIRECT })).toMatchObject({ grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', subject_token: 'a', purpose: 'websocket' });
  });
});

describe('stored tokens', () => {
  const meta = { origin: 'https://acme.eu.qlikcloud.com', clientId: 'id', now: 1_000_000 };
  it('keeps the previous refresh token when a refresh answer has none', () => {
    const tokens = toStoredTokens({ access_token: 'a2', expires_in: 3600 }, { ...meta, previousRefreshToken: 'r1' });
    expect(tokens).toEqual({ version: 1, origin: meta.origin, clientId: 'id', accessToken: 'a2', refreshToken: 'r1', expiresAt: 1_000_000 + 3_600_000 });
    expect(StoredOAuthTokens.parse(tokens)).toEqual(tokens);
  });
  it('expires a minute early, defaults to 6 hours', () => {
    const tokens = toStoredTokens({ access_token: 'a' }, meta);
    expect(tokens.expiresAt).toBe(1_000_000 + 6 * 3600_000);
    expect(isUsable(tokens, tokens.expiresAt - 61_000)).toBe(true);
    expect(isUsable(tokens, tokens.expiresAt - 59_000)).toBe(false);
  });
  it('refuses damaged storage', () => {
    expect(StoredOAuthTokens.safeParse({ version: 1, origin: 'http://x', clientId: 'id', accessToken: 'a', expiresAt: 1 }).success).toBe(false);
    expect(StoredOAuthTokens.safeParse({ version: 2 }).success).toBe(false);
    expect(tokenStorageKey('https://a', 'b')).toBe('qlarity:oauth:https://a|b');
  });
});

describe('modeSupport', () => {
  it('offers only the session mode on QSEoW', () => {
    expect(modeSupport('session', 'qseow')).toEqual({ engine: 'yes', rest: true });
    for (const mode of ['web-integration', 'oauth', 'api-key'] as const) expect(modeSupport(mode, 'qseow').rest).toBe(false);
  });
  it('marks the engine as uncertain with an API key', () => {
    expect(modeSupport('api-key', 'qlik-cloud')).toMatchObject({ engine: 'try', rest: true });
    expect(modeSupport('oauth', 'qlik-cloud-gov')).toMatchObject({ engine: 'yes', rest: true });
  });
});

describe('explainAuthorizeRefusal', () => {
  const r = { clientId: 'c-1', redirectUri: REDIRECT };
  const body = (title: string) => JSON.stringify({ errors: [{ code: 'OAUTH-1', title }] });

  it('names an unknown client', () => {
    expect(explainAuthorizeRefusal(400, body('Invalid client_id'), r)).toMatchObject({ error: 'the tenant does not know OAuth client c-1' });
  });

  it('names the exact redirect URL to register', () => {
    const refusal = explainAuthorizeRefusal(400, body('Invalid redirect_uri'), r);
    expect(refusal?.description).toContain(`register exactly ${REDIRECT}`);
  });

  it('a 400 without a readable body still points at both', () => {
    expect(explainAuthorizeRefusal(400, '<html>', r)?.description).toContain(REDIRECT);
  });

  it('a redirect (the tenant accepted the request) explains nothing', () => {
    expect(explainAuthorizeRefusal(0, '', r)).toBeUndefined();
    expect(explainAuthorizeRefusal(302, '', r)).toBeUndefined();
  });
});
