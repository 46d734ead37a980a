import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OAuthClient, Simulator } from '../index';
import { SHARED_APP_ID, call, openEngineSocket, startTestSimulator } from '../testing/fixtures';
import { assertMatchesOpenApi } from './openapi-validate';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/qlik';

let sim: Simulator;
let client: OAuthClient;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  client = sim.oauthClients.add({ redirectUris: [REDIRECT] });
});

const verifierAndChallenge = () => {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

function authorizeUrl(params: Record<string, string>): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: REDIRECT,
    scope: 'user_default offline_access',
    state: 'st-123',
    code_challenge_method: 'S256',
    ...params,
  });
  return `/oauth/authorize?${query}`;
}

async function authorize(challenge: string): Promise<string> {
  const { cookie } = sim.login(sim.users.developer);
  const answer = await call(sim, authorizeUrl({ code_challenge: challenge }), { headers: { cookie } });
  expect(answer.status).toBe(302);
  const back = new URL(answer.headers.get('location') ?? '');
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
  expect(back.searchParams.get('state')).toBe('st-123');
  return back.searchParams.get('code') ?? '';
}

async function token(body: Record<string, string>) {
  const answer = await call(sim, '/oauth/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: answer.status, body: answer.json() as Record<string, string> };
}

describe('OAuth authorization code + PKCE', () => {
  it('full flow: authorize → code → tokens → REST with Bearer → refresh → websocket token → engine', async () => {
    const { verifier, challenge } = verifierAndChallenge();
    const code = await authorize(challenge);
    const issued = await token({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, client_id: client.clientId });
    expect(issued.status).toBe(200);
    assertMatchesOpenApi('oauth', 'POST', '/oauth/token', 200, issued.body);
    expect(issued.body.token_type).toBe('bearer');
    expect(issued.body.refresh_token).toBeTruthy();

    const me = await fetch(`${sim.url}/api/v1/users/me`, { headers: { authorization: `Bearer ${issued.body.access_token}` } });
    expect(await me.json()).toMatchObject({ id: sim.users.developer.id });

    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: issued.body.refresh_token, client_id: client.clientId });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(issued.body.access_token);
    // refresh tokens rotate: the old one is spent
    expect((await token({ grant_type: 'refresh_token', refresh_token: issued.body.refresh_token })).status).toBe(401);

    const exchanged = await token({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: refreshed.body.access_token,
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      purpose: 'websocket',
      client_id: client.clientId,
    });
    expect(exchanged.status).toBe(200);
    assertMatchesOpenApi('oauth', 'POST', '/oauth/token', 200, exchanged.body);
    expect(exchanged.body.issued_token_type).toBe('urn:ietf:params:oauth:token-type:access_token');

    const wsBase = sim.url.replace(/^http/, 'ws');
    const engine = await openEngineSocket(`${wsBase}/app/${SHARED_APP_ID}?accessToken=${encodeURIComponent(exchanged.body.access_token)}`, {
      messages: [{ jsonrpc: '2.0', id: 1, handle: -1, method: 'EngineVersion', params: {} }],
    });
    expect(engine.frames).toHaveLength(2);
    // the normal access token is not a websocket token
    const wrongKind = await openEngineSocket(`${wsBase}/app/${SHARED_APP_ID}?accessToken=${encodeURIComponent(refreshed.body.access_token)}`);
    expect(wrongKind.refusedStatus).toBe(401);
  });

  it('a wrong code_verifier is refused and the code cannot be reused', async () => {
    const { verifier, challenge } = verifierAndChallenge();
    const code = await authorize(challenge);
    const wrong = await token({ grant_type: 'authorization_code', code, code_verifier: randomBytes(48).toString('base64url'), redirect_uri: REDIRECT, client_id: client.clientId });
    expect(wrong.status).toBe(401);
    assertMatchesOpenApi('oauth', 'POST', '/oauth/token', 401, wrong.body);
    const retry = await token({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, client_id: client.clientId });
    expect(retry.status).toBe(401);
  });

  it('no refresh token without offline_access', async () => {
    const { verifier, challenge } = verifierAndChallenge();
    const { cookie } = sim.login(sim.users.developer);
    const answer = await call(sim, authorizeUrl({ code_challenge: challenge, scope: 'user_default' }), { headers: { cookie } });
    const code = new URL(answer.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const issued = await token({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, client_id: client.clientId });
    expect(issued.status).toBe(200);
    expect(issued.body.refresh_token).toBeUndefined();
  });

  it('a user who is not logged in is sent to the login page first', async () => {
    const { challenge } = verifierAndChallenge();
    const answer = await call(sim, authorizeUrl({ code_challenge: challenge }));
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get('location') ?? '', sim.url);
    expect(location.pathname).toBe('/login');
    expect(location.searchParams.get('returnto')).toMatch(/^\/oauth\/authorize\?/);
  });

  it('unknown client or redirect_uri: 400, no redirect', async () => {
    const { challenge } = verifierAndChallenge();
    const { cookie } = sim.login(sim.users.developer);
    const badClient = await call(sim, authorizeUrl({ code_challenge: challenge, client_id: 'nope' }), { headers: { cookie } });
    expect(badClient.status).toBe(400);
    assertMatchesOpenApi('oauth', 'GET', '/oauth/authorize', 400, badClient.json());
    const badRedirect = await call(sim, authorizeUrl({ code_challenge: challenge, redirect_uri: 'https://evil.example/cb' }), { headers: { cookie } });
    expect(badRedirect.status).toBe(400);
  });

  it('missing PKCE challenge or plain method: error redirect with state', async () => {
    const { cookie } = sim.login(sim.users.developer);
    const answer = await call(sim, authorizeUrl({ code_challenge_method: 'plain', code_challenge: 'x' }), { headers: { cookie } });
    const back = new URL(answer.headers.get('location') ?? '');
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('state')).toBe('st-123');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('an SPA client only accepts token requests from its allowed origins', async () => {
    const spa = sim.oauthClients.add({ redirectUris: [REDIRECT], allowedOrigins: ['https://spa.example'] });
    const { verifier, challenge } = verifierAndChallenge();
    const { cookie } = sim.login(sim.users.developer);
    const answer = await call(sim, authorizeUrl({ code_challenge: challenge, client_id: spa.clientId }), { headers: { cookie } });
    const code = new URL(answer.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const body = JSON.stringify({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, client_id: spa.clientId });
    const foreign = await call(sim, '/oauth/token', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://other.example' }, body });
    expect(foreign.status).toBe(403);
    const allowed = await call(sim, '/oauth/token', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://spa.example' }, body });
    // the code was not spent by the refused request
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://spa.example');
  });

  it("an SPA client's access token is refused on REST from an origin the client does not allow", async () => {
    const spa = sim.oauthClients.add({ redirectUris: [REDIRECT], allowedOrigins: ['https://spa.example'] });
    const { verifier, challenge } = verifierAndChallenge();
    const { cookie } = sim.login(sim.users.developer);
    const answer = await call(sim, authorizeUrl({ code_challenge: challenge, client_id: spa.clientId }), { headers: { cookie } });
    const code = new URL(answer.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const issued = await token({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, client_id: spa.clientId });
    const bearer = { authorization: `Bearer ${issued.body.access_token}` };
    expect((await call(sim, `/api/v1/apps/${SHARED_APP_ID}`, { headers: { ...bearer, origin: 'https://other.example' } })).status).toBe(403);
    const allowed = await call(sim, `/api/v1/apps/${SHARED_APP_ID}`, { headers: { ...bearer, origin: 'https://spa.example' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://spa.example');
  });

  it('revoke ends an access token', async () => {
    const { verifier, challenge } = verifierAndChallenge();
    const code = await authorize(challenge);
    const issued = await token({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, client_id: client.clientId });
    const revoked = await call(sim, '/oauth/revoke', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: issued.body.access_token }) });
    expect(revoked.status).toBe(200);
    expect((await call(sim, '/api/v1/users/me', { headers: { authorization: `Bearer ${issued.body.access_token}` } })).status).toBe(401);
  });
});

describe('test controls for the direct modes', () => {
  const signedIn = async (c: OAuthClient) => {
    const { verifier, challenge } = verifierAndChallenge();
    const { cookie } = sim.login(sim.users.developer);
    const answer = await call(sim, authorizeUrl({ client_id: c.clientId, code_challenge: challenge }), { headers: { cookie } });
    const code = new URL(answer.headers.get('location') ?? '').searchParams.get('code') ?? '';
    return token({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, client_id: c.clientId });
  };

  it('a client with a short access-token lifetime: the token expires, the refresh token still works', async () => {
    const short = sim.oauthClients.add({ redirectUris: [REDIRECT], accessTokenSeconds: 1 });
    const issued = await signedIn(short);
    expect(Number(issued.body.expires_in)).toBeLessThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await call(sim, '/api/v1/users/me', { headers: { authorization: `Bearer ${issued.body.access_token}` } })).status).toBe(401);
    expect((await token({ grant_type: 'refresh_token', refresh_token: issued.body.refresh_token, client_id: short.clientId })).status).toBe(200);
  });

  it('revokeRefreshTokens: the refresh grant is refused with 401', async () => {
    const issued = await signedIn(client);
    sim.oauthClients.revokeRefreshTokens(client.clientId);
    expect((await token({ grant_type: 'refresh_token', refresh_token: issued.body.refresh_token, client_id: client.clientId })).status).toBe(401);
  });

  it('authLog records how REST calls, handshakes and token requests authenticated', async () => {
    const issued = await signedIn(client);
    await call(sim, '/api/v1/users/me', { headers: { authorization: `Bearer ${issued.body.access_token}` } });
    await call(sim, '/api/v1/users/me', { headers: { authorization: `Bearer ${sim.apiKey}` } });
    await call(sim, '/api/v1/users/me', { headers: { authorization: 'Bearer nonsense' } });
    await openEngineSocket(`${sim.url.replace(/^http/, 'ws')}/app/${SHARED_APP_ID}`);
    const log = sim.authLog().map(({ kind, via, bearer, tokenPurpose, grant, status }) => ({ kind, via, bearer, tokenPurpose, grant, status }));
    expect(log).toEqual([
      { kind: 'token', via: 'none', bearer: false, tokenPurpose: undefined, grant: 'authorization_code', status: 200 },
      { kind: 'rest', via: 'oauth', bearer: true, tokenPurpose: 'api', grant: undefined, status: undefined },
      { kind: 'rest', via: 'apikey', bearer: true, tokenPurpose: undefined, grant: undefined, status: undefined },
      { kind: 'rest', via: 'invalid', bearer: true, tokenPurpose: undefined, grant: undefined, status: undefined },
      { kind: 'websocket', via: 'none', bearer: false, tokenPurpose: undefined, grant: undefined, status: undefined },
    ]);
    sim.reset();
    expect(sim.authLog()).toEqual([]);
  });

  it('apiKeys.revoke: the key gets 401 on REST and the handshake, until reset', async () => {
    sim.apiKeys.revoke(sim.apiKey);
    const headers = { authorization: `Bearer ${sim.apiKey}` };
    expect((await call(sim, '/api/v1/users/me', { headers })).status).toBe(401);
    expect((await openEngineSocket(`${sim.url.replace(/^http/, 'ws')}/app/${SHARED_APP_ID}`, { headers })).refusedStatus).toBe(401);
    sim.reset();
    expect((await call(sim, `/api/v1/apps/${SHARED_APP_ID}`, { headers })).status).toBe(200);
  });

  it('appAccess.revoke: 403 on the app over REST and close 4203 on the engine, until reset', async () => {
    const headers = { authorization: `Bearer ${sim.apiKey}` };
    sim.appAccess.revoke(sim.users.developer, SHARED_APP_ID);
    expect((await call(sim, `/api/v1/apps/${SHARED_APP_ID}`, { headers })).status).toBe(403);
    expect((await openEngineSocket(`${sim.url.replace(/^http/, 'ws')}/app/${SHARED_APP_ID}`, { headers })).closeCode).toBe(4203);
    sim.reset();
    expect((await call(sim, `/api/v1/apps/${SHARED_APP_ID}`, { headers })).status).toBe(200);
  });
});
