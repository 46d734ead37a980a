import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../index';
import { SHARED_APP_ID, call, startTestSimulator } from '../testing/fixtures';
import { assertMatchesOpenApi } from './openapi-validate';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

function cookieHeader(setCookies: string[]): string {
  return setCookies.map((c) => c.split(';')[0]).join('; ');
}

describe('unauthenticated access', () => {
  it('answers REST calls with 401 and the Qlik error body', async () => {
    const answer = await call(sim, '/api/v1/users/me');
    expect(answer.status).toBe(401);
    expect(answer.json()).toEqual({ errors: [{ title: 'Authentication failed', code: 'LOGIN-1', status: '401' }] });
  });

  it('redirects page navigations to the login page with the full URL as returnto', async () => {
    const answer = await call(sim, `/sense/app/${SHARED_APP_ID}/sheet/sheet1/state/analysis`);
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get('location') ?? '', sim.url);
    expect(location.pathname).toBe('/login');
    expect(location.searchParams.get('returnto')).toBe(`${sim.url}/sense/app/${SHARED_APP_ID}/sheet/sheet1/state/analysis`);
  });

  it('refuses a wrong or unknown bearer credential instead of falling back to the cookie', async () => {
    const { cookie } = sim.login(sim.users.developer);
    const answer = await call(sim, '/api/v1/csrf-token', { headers: { cookie, authorization: 'Bearer not-a-key' } });
    expect(answer.status).toBe(401);
  });
});

describe('login', () => {
  it('serves a login form', async () => {
    const answer = await call(sim, '/login?returnto=%2Fhub');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<form method="post" action="/login"');
    expect(answer.text).toContain('name="returnto" value="/hub"');
  });

  it('rejects a wrong password without setting cookies', async () => {
    const answer = await call(sim, '/login', form({ username: 'developer@qlarity.test', password: 'nope' }));
    expect(answer.status).toBe(401);
    expect(answer.headers.getSetCookie()).toEqual([]);
    expect(answer.text).toContain('Wrong email or password');
  });

  it('sets the Qlik session cookies and redirects to returnto; the session then reaches REST', async () => {
    const answer = await call(sim, '/login', form({ username: 'developer@qlarity.test', password: 'developer', returnto: `/sense/app/${SHARED_APP_ID}` }));
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe(`/sense/app/${SHARED_APP_ID}`);
    const setCookies = answer.headers.getSetCookie();
    expect(setCookies.map((c) => c.split('=')[0])).toEqual(['eas.sid', 'eas.sid.sig', '_csrfToken', '_csrfToken.sig']);
    // plain-HTTP mode: no Secure (browsers would drop it), so SameSite=Lax
    for (const c of setCookies) expect(c).toMatch(/; Path=\/; HttpOnly; SameSite=Lax$/);
    const me = await fetch(`${sim.url}/api/v1/users/me`, { headers: { cookie: cookieHeader(setCookies) } });
    expect(me.status).toBe(200);
    const body = await me.json();
    assertMatchesOpenApi('users', 'GET', '/api/v1/users/{userId}', 200, body);
    expect(body).toMatchObject({ id: sim.users.developer.id, name: sim.users.developer.name, email: sim.users.developer.email });
  });

  it('accepts the role name as the login and answers users/me with the 301 of the spec', async () => {
    const login = await call(sim, '/login', form({ username: 'viewer', password: 'viewer' }));
    expect(login.headers.get('location')).toBe('/hub');
    const me = await call(sim, '/api/v1/users/me', { headers: { cookie: cookieHeader(login.headers.getSetCookie()) } });
    expect(me.status).toBe(301);
    expect(me.headers.get('location')).toBe(`/api/v1/users/${sim.users.viewer.id}`);
  });

  it('login(user) gives the same cookies as pairs, usable as a Cookie header', async () => {
    const session = sim.login(sim.users.viewer);
    expect(session.cookies.map((c) => c.name)).toEqual(['eas.sid', 'eas.sid.sig', '_csrfToken', '_csrfToken.sig']);
    const cookie = session.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect(cookie).toBe(session.cookie);
    expect((await call(sim, `/api/v1/users/${sim.users.viewer.id}`, { headers: { cookie } })).status).toBe(200);
  });

  it('a tampered session cookie signature is not a session', async () => {
    const { cookie } = sim.login(sim.users.developer);
    const tampered = cookie.replace(/eas\.sid\.sig=[^;]+/, 'eas.sid.sig=forged');
    expect((await call(sim, '/api/v1/users/me', { headers: { cookie: tampered } })).status).toBe(401);
  });

  it('logout ends the session', async () => {
    const { cookie } = sim.login(sim.users.developer);
    const out = await call(sim, '/logout', { headers: { cookie } });
    expect(out.status).toBe(302);
    expect((await call(sim, '/api/v1/users/me', { headers: { cookie } })).status).toBe(401);
  });
});

describe('returnto (LOGIN-8 / LOGIN-10)', () => {
  it('LOGIN-8 for a non-http returnto such as an extension page', async () => {
    const answer = await call(sim, `/login?returnto=${encodeURIComponent('chrome-extension://abcdefghijklmnop/sidepanel.html')}`);
    expect(answer.status).toBe(401);
    expect(answer.json()).toEqual({ errors: [{ title: 'Illegal returnto value', code: 'LOGIN-8', status: '401' }] });
  });

  it('LOGIN-8 for a foreign origin without a web integration', async () => {
    const answer = await call(sim, `/login?returnto=${encodeURIComponent('https://evil.example/')}`);
    expect(answer.json()).toEqual({ errors: [{ title: 'Illegal returnto value', code: 'LOGIN-8', status: '401' }] });
  });

  it('LOGIN-10 for a foreign origin the named web integration does not list', async () => {
    const integration = sim.webIntegrations.add({ validOrigins: ['https://mashup.example'] });
    const answer = await call(sim, `/login?qlik-web-integration-id=${integration.id}&returnto=${encodeURIComponent('https://other.example/page')}`);
    expect(answer.status).toBe(401);
    expect(answer.json()).toEqual({ errors: [{ title: 'returnto not included in web integration whitelist', code: 'LOGIN-10', status: '401' }] });
  });

  it('redirects to an allowed foreign origin after login', async () => {
    const integration = sim.webIntegrations.add({ validOrigins: ['https://mashup.example'] });
    const answer = await call(sim, '/login', {
      ...form({ username: 'developer', password: 'developer', returnto: 'https://mashup.example/app?x=1' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'qlik-web-integration-id': integration.id },
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('https://mashup.example/app?x=1');
  });

  it('an already logged-in user is sent straight on', async () => {
    const { cookie } = sim.login(sim.users.developer);
    const answer = await call(sim, `/login?returnto=${encodeURIComponent(`${sim.url}/hub`)}`, { headers: { cookie } });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe(`${sim.url}/hub`);
  });
});

describe('CSRF', () => {
  it('GET /api/v1/csrf-token answers 204 with the token header (cookie session only)', async () => {
    const { cookie, csrfToken } = sim.login(sim.users.developer);
    const answer = await call(sim, '/api/v1/csrf-token', { headers: { cookie } });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('qlik-csrf-token')).toBe(csrfToken);
    const withKey = await call(sim, '/api/v1/csrf-token', { headers: { authorization: `Bearer ${sim.apiKey}` } });
    expect(withKey.status).toBe(400);
    assertMatchesOpenApi('csrf-token', 'GET', '/api/v1/csrf-token', 400, withKey.json());
    expect(withKey.json()).toMatchObject({ errors: [{ code: 'CSRF-TOKEN-4' }] });
  });

  it('a non-GET call with cookie auth needs the qlik-csrf-token header', async () => {
    const { cookie, csrfToken } = sim.login(sim.users.developer);
    const path = `/api/v1/apps/${SHARED_APP_ID}/evaluations`;
    expect((await call(sim, path, { method: 'POST', headers: { cookie } })).status).toBe(403);
    expect((await call(sim, path, { method: 'POST', headers: { cookie, 'qlik-csrf-token': 'wrong' } })).status).toBe(403);
    expect((await call(sim, path, { method: 'POST', headers: { cookie, 'qlik-csrf-token': csrfToken } })).status).toBe(201);
  });

  it('an API key needs no CSRF token', async () => {
    const answer = await call(sim, `/api/v1/apps/${SHARED_APP_ID}/evaluations`, { method: 'POST', headers: { authorization: `Bearer ${sim.apiKey}` } });
    expect(answer.status).toBe(201);
  });
});

describe('origins and web integrations', () => {
  it('accepts same-origin requests and requests without Origin', async () => {
    const { cookie } = sim.login(sim.users.developer);
    expect((await call(sim, `/api/v1/apps/${SHARED_APP_ID}`, { headers: { cookie, origin: sim.url } })).status).toBe(200);
    expect((await call(sim, `/api/v1/apps/${SHARED_APP_ID}`, { headers: { cookie } })).status).toBe(200);
  });

  it('rejects a foreign Origin with cookie auth when no web integration allows it', async () => {
    const { cookie } = sim.login(sim.users.developer);
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    expect((await call(sim, `/api/v1/apps/${SHARED_APP_ID}`, { headers: { cookie, origin } })).status).toBe(403);
    const other = sim.webIntegrations.add({ validOrigins: ['https://mashup.example'] });
    const wrongList = await call(sim, `/api/v1/apps/${SHARED_APP_ID}`, { headers: { cookie, origin, 'qlik-web-integration-id': other.id } });
    expect(wrongList.status).toBe(403);
  });

  it('accepts a foreign Origin listed by the presented web integration, with CORS headers', async () => {
    const { cookie } = sim.login(sim.users.developer);
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const integration = sim.webIntegrations.add({ validOrigins: [origin] });
    const viaHeader = await call(sim, '/api/v1/csrf-token', { headers: { cookie, origin, 'qlik-web-integration-id': integration.id } });
    expect(viaHeader.status).toBe(204);
    expect(viaHeader.headers.get('access-control-allow-origin')).toBe(origin);
    expect(viaHeader.headers.get('access-control-allow-credentials')).toBe('true');
    expect(viaHeader.headers.get('access-control-expose-headers')).toBe('qlik-csrf-token');
    const viaQuery = await call(sim, `/api/v1/apps/${SHARED_APP_ID}?qlik-web-integration-id=${integration.id}`, { headers: { cookie, origin } });
    expect(viaQuery.status).toBe(200);
  });

  it('answers a CORS preflight only for an origin some web integration lists', async () => {
    const origin = 'https://mashup.example';
    const unknown = await call(sim, '/api/v1/csrf-token', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
    expect(unknown.headers.get('access-control-allow-origin')).toBeNull();
    sim.webIntegrations.add({ validOrigins: [origin] });
    const known = await call(sim, '/api/v1/csrf-token', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'qlik-web-integration-id' },
    });
    expect(known.status).toBe(204);
    expect(known.headers.get('access-control-allow-origin')).toBe(origin);
    expect(known.headers.get('access-control-allow-headers')).toBe('qlik-web-integration-id');
  });

  it('reset() removes the web integrations', async () => {
    sim.webIntegrations.add({ validOrigins: ['https://mashup.example'] });
    sim.reset();
    expect(sim.webIntegrations.list()).toEqual([]);
  });
});

describe('API key and roles', () => {
  it('an API key authenticates REST as the developer', async () => {
    const me = await fetch(`${sim.url}/api/v1/users/me`, { headers: { authorization: `Bearer ${sim.apiKey}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: sim.users.developer.id });
  });

  it('an API key is not origin-checked (CORS headers only for an origin a web integration lists)', async () => {
    const headers = { authorization: `Bearer ${sim.apiKey}`, origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' };
    const answer = await call(sim, `/api/v1/apps/${SHARED_APP_ID}`, { headers });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('the viewer reads the app but gets read-only privileges and no script', async () => {
    const { cookie } = sim.login(sim.users.viewer);
    const app = await call(sim, `/api/v1/apps/${SHARED_APP_ID}`, { headers: { cookie } });
    expect(app.status).toBe(200);
    assertMatchesOpenApi('apps', 'GET', '/api/v1/apps/{appId}', 200, app.json());
    const body = app.json() as { privileges: string[]; create: { resource: string; canCreate: boolean }[] };
    expect(body.privileges).toContain('read');
    expect(body.privileges).not.toContain('update');
    expect(body.create.find((c) => c.resource === 'sheet')?.canCreate).toBe(false);
    expect((await call(sim, `/api/v1/apps/${SHARED_APP_ID}/scripts`, { headers: { cookie } })).status).toBe(403);
    expect((await call(sim, `/api/v1/apps/${SHARED_APP_ID}/reloads/logs`, { headers: { cookie } })).status).toBe(403);
  });

  it("the viewer cannot see an app in the developer's personal space", async () => {
    const { cookie } = sim.login(sim.users.viewer);
    const items = await call(sim, '/api/v1/items?resourceType=app', { headers: { cookie } });
    const ids = (items.json() as { data: { resourceId: string }[] }).data.map((i) => i.resourceId);
    expect(ids).toEqual([SHARED_APP_ID]);
  });
});

describe('host names', () => {
  it('refuses a Host that is not a tenant host', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: sim.port, path: '/api/v1/users/me', headers: { host: 'example.com' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
  });
});
