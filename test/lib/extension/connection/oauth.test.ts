import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getAccessToken, loadTokens } from '../../../../lib/extension/connection/oauth';
import { tokenStorageKey, type StoredOAuthTokens } from '../../../../lib/qlik/auth/tokens';

const ORIGIN = 'https://acme.eu.qlikcloud.com';
const CLIENT = 'client-1';

async function store(tokens: Partial<StoredOAuthTokens>) {
  const full: StoredOAuthTokens = { version: 1, origin: ORIGIN, clientId: CLIENT, accessToken: 'old', refreshToken: 'r1', expiresAt: Date.now() - 1, ...tokens };
  await fakeBrowser.storage.local.set({ [tokenStorageKey(ORIGIN, CLIENT)]: full });
}

/** a token endpoint that rotates refresh tokens: each one works once */
function tokenEndpoint() {
  const spent = new Set<string>();
  const requests: Record<string, string>[] = [];
  const fetchFn = async (_url: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as Record<string, string>;
    requests.push(body);
    if (spent.has(body.refresh_token)) return new Response(JSON.stringify({ errors: [{ code: 'OAUTH-7', title: 'Invalid refresh token' }] }), { status: 401 });
    spent.add(body.refresh_token);
    await new Promise((resolve) => setTimeout(resolve, 10));
    return new Response(JSON.stringify({ access_token: `new-${requests.length}`, refresh_token: `r${requests.length + 1}`, expires_in: 3600 }), { status: 200 });
  };
  return { fetchFn: fetchFn as typeof fetch, requests };
}

describe('getAccessToken', () => {
  beforeEach(() => fakeBrowser.reset());

  it('refreshes an expired token once, even when many calls need it at the same time', async () => {
    await store({});
    const { fetchFn, requests } = tokenEndpoint();
    const tokens = await Promise.all(Array.from({ length: 5 }, () => getAccessToken(ORIGIN, CLIENT, fetchFn)));
    expect(new Set(tokens)).toEqual(new Set(['new-1']));
    expect(requests).toEqual([{ grant_type: 'refresh_token', refresh_token: 'r1', client_id: CLIENT }]);
    expect(await loadTokens(ORIGIN, CLIENT)).toMatchObject({ accessToken: 'new-1', refreshToken: 'r2' });
  });

  it('a refused refresh drops the stored tokens and says to sign in again', async () => {
    await store({ refreshToken: 'spent' });
    const refuse = (async () => new Response(JSON.stringify({ errors: [{ title: 'Invalid refresh token' }] }), { status: 401 })) as typeof fetch;
    await expect(getAccessToken(ORIGIN, CLIENT, refuse)).rejects.toMatchObject({ code: 'not-logged-in', message: expect.stringMatching(/expired or was revoked.*Sign in again/s) });
    expect(await loadTokens(ORIGIN, CLIENT)).toBeNull();
  });

  it('a usable token is returned without asking the tenant', async () => {
    await store({ accessToken: 'fresh', expiresAt: Date.now() + 3_600_000 });
    const { fetchFn, requests } = tokenEndpoint();
    expect(await getAccessToken(ORIGIN, CLIENT, fetchFn)).toBe('fresh');
    expect(requests).toEqual([]);
  });
});
