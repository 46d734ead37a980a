import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Simulator } from '../index';
import { EVALUATION_ID, PERSONAL_APP_ID, RELOAD_ID, SHARED_APP_ID, SPACE_ID, call, startTestSimulator } from '../testing/fixtures';
import { assertMatchesOpenApi } from './openapi-validate';
import { EVALUATION_STEPS_MS } from './rest-evaluations';

let sim: Simulator;
let auth: Record<string, string>;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  auth = { cookie: sim.login(sim.users.developer).cookie };
});

/** GET as the developer, check the status and validate the body against the spec */
async function getValid(path: string, spec: string, template: string, status = 200) {
  const answer = await call(sim, path, { headers: auth });
  expect(answer.status, answer.text).toBe(status);
  const body = answer.json();
  assertMatchesOpenApi(spec, 'GET', template, status, body);
  return body as Record<string, unknown>;
}

describe('apps', () => {
  it('GET /api/v1/apps/{appId} gives NxApp with owner privileges and the owner as a user id', async () => {
    const body = await getValid(`/api/v1/apps/${SHARED_APP_ID}`, 'apps', '/api/v1/apps/{appId}');
    expect(body.attributes).toMatchObject({ id: SHARED_APP_ID, name: 'Shared sales', ownerId: sim.users.developer.id, spaceId: SPACE_ID, usage: 'ANALYTICS' });
    expect(body.privileges).toEqual(expect.arrayContaining(['read', 'update', 'reload', 'source']));
  });

  it('404 for an unknown app', async () => {
    const answer = await call(sim, '/api/v1/apps/00000000-0000-0000-0000-000000000000', { headers: auth });
    expect(answer.status).toBe(404);
    expect(answer.json()).toMatchObject({ errors: [{ status: 404, title: 'App not found' }] });
  });

  it('403 for the viewer on an app in the personal space', async () => {
    const viewer = { cookie: sim.login(sim.users.viewer).cookie };
    expect((await call(sim, `/api/v1/apps/${PERSONAL_APP_ID}`, { headers: viewer })).status).toBe(403);
  });

  it('data/metadata is the app’s DataModelMetadata', async () => {
    const body = await getValid(`/api/v1/apps/${SHARED_APP_ID}/data/metadata`, 'apps', '/api/v1/apps/{appId}/data/metadata');
    expect(body).toEqual(sim.apps[0].dataMetadata);
  });

  it('scripts list and one script version', async () => {
    const list = await getValid(`/api/v1/apps/${SHARED_APP_ID}/scripts`, 'apps', '/api/v1/apps/{appId}/scripts');
    const scripts = list.scripts as { scriptId: string; size: number }[];
    expect(scripts).toHaveLength(1);
    expect(scripts[0].size).toBe(Buffer.byteLength(sim.apps[0].script));
    const version = await getValid(`/api/v1/apps/${SHARED_APP_ID}/scripts/${scripts[0].scriptId}`, 'apps', '/api/v1/apps/{appId}/scripts/{id}');
    expect(version.script).toBe(sim.apps[0].script);
    expect((await call(sim, `/api/v1/apps/${SHARED_APP_ID}/scripts/unknown`, { headers: auth })).status).toBe(404);
  });
});

describe('reloads', () => {
  it('GET /api/v1/reloads?appId= lists the app’s reloads with links and user ids', async () => {
    const body = await getValid(`/api/v1/reloads?appId=${SHARED_APP_ID}`, 'reloads', '/api/v1/reloads');
    const data = body.data as Record<string, unknown>[];
    expect(data.map((r) => r.id)).toEqual([RELOAD_ID]);
    expect(data[0]).toMatchObject({ appId: SHARED_APP_ID, userId: sim.users.developer.id, status: 'SUCCEEDED', links: { self: { href: `${sim.url}/api/v1/reloads/${RELOAD_ID}` } } });
  });

  it('GET /api/v1/reloads/{id}', async () => {
    const body = await getValid(`/api/v1/reloads/${RELOAD_ID}`, 'reloads', '/api/v1/reloads/{reloadId}');
    expect(body.id).toBe(RELOAD_ID);
    expect((await call(sim, '/api/v1/reloads/nope', { headers: auth })).status).toBe(404);
  });

  it('reload metadata, the log list and the plain-text log', async () => {
    const metadata = await getValid(`/api/v1/apps/${SHARED_APP_ID}/reloads/metadata/${RELOAD_ID}`, 'apps', '/api/v1/apps/{appId}/reloads/metadata/{reloadId}');
    expect(metadata).toEqual(sim.apps[0].reloadMetadata[RELOAD_ID]);
    const logs = await getValid(`/api/v1/apps/${SHARED_APP_ID}/reloads/logs`, 'apps', '/api/v1/apps/{appId}/reloads/logs');
    expect(logs.data).toEqual([
      { reloadId: RELOAD_ID, endTime: '2026-11-20T09:00:10.000Z', success: true, duration: 9000, links: { log: `${sim.url}/api/v1/apps/${SHARED_APP_ID}/reloads/logs/${RELOAD_ID}` } },
    ]);
    const log = await call(sim, `/api/v1/apps/${SHARED_APP_ID}/reloads/logs/${RELOAD_ID}`, { headers: auth });
    expect(log.status).toBe(200);
    expect(log.headers.get('content-type')).toBe('application/octet-stream');
    expect(log.text).toBe(sim.apps[0].reloadLogs[RELOAD_ID]);
  });
});

describe('evaluations', () => {
  it('lists recorded evaluations, with details only for all=true', async () => {
    const list = await getValid(`/api/v1/apps/${SHARED_APP_ID}/evaluations`, 'apps', '/api/v1/apps/{guid}/evaluations');
    const data = list.data as Record<string, unknown>[];
    expect(data.map((e) => e.id)).toEqual([EVALUATION_ID]);
    expect(data[0].details).toBeUndefined();
    const full = await getValid(`/api/v1/apps/evaluations/${EVALUATION_ID}?all=true`, 'apps', '/api/v1/apps/evaluations/{id}');
    expect(full.details).toEqual((sim.apps[0].evaluations[0] as { details: unknown }).details);
  });

  it('a started evaluation goes queued → running → finished and then carries a result', async () => {
    // Only Date is faked (the server runs in this process), so the steps are deterministic.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const created = await call(sim, `/api/v1/apps/${SHARED_APP_ID}/evaluations`, { method: 'POST', headers: { authorization: `Bearer ${sim.apiKey}` } });
      expect(created.status).toBe(201);
      const started = created.json() as { id: string; status: string };
      assertMatchesOpenApi('apps', 'POST', '/api/v1/apps/{guid}/evaluations', 201, started);
      expect(started.status).toBe('queued');
      const poll = () => getValid(`/api/v1/apps/evaluations/${started.id}?all=true`, 'apps', '/api/v1/apps/evaluations/{id}');
      expect((await poll()).status).toBe('queued');
      vi.advanceTimersByTime(EVALUATION_STEPS_MS.queued);
      const running = await poll();
      expect(running.status).toBe('running');
      expect(running.result).toBeUndefined();
      vi.advanceTimersByTime(EVALUATION_STEPS_MS.running - EVALUATION_STEPS_MS.queued);
      const finished = await poll();
      expect(finished.status).toBe('finished');
      expect(finished.result).toEqual((sim.apps[0].evaluations[0] as { result: unknown }).result);
      const listed = await getValid(`/api/v1/apps/${SHARED_APP_ID}/evaluations`, 'apps', '/api/v1/apps/{guid}/evaluations');
      expect((listed.data as { id: string }[]).map((e) => e.id)).toEqual([started.id, EVALUATION_ID]);
      const compared = await getValid(
        `/api/v1/apps/evaluations/${EVALUATION_ID}/actions/compare/${started.id}`,
        'apps',
        '/api/v1/apps/evaluations/{baseid}/actions/compare/{comparisonid}',
      );
      expect(compared.objectCount).toMatchObject({ baseline: 2, comparison: 2, absoluteDiff: 0 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('the viewer cannot start an evaluation', async () => {
    const { cookie, csrfToken } = sim.login(sim.users.viewer);
    const answer = await call(sim, `/api/v1/apps/${SHARED_APP_ID}/evaluations`, { method: 'POST', headers: { cookie, 'qlik-csrf-token': csrfToken } });
    expect(answer.status).toBe(403);
  });
});

describe('tenant resources', () => {
  it('items by resource id', async () => {
    const body = await getValid(`/api/v1/items?resourceType=app&resourceId=${SHARED_APP_ID}`, 'items', '/api/v1/items');
    const data = body.data as Record<string, unknown>[];
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ resourceType: 'app', resourceId: SHARED_APP_ID, name: 'Shared sales', spaceId: SPACE_ID, ownerId: sim.users.developer.id });
  });

  it('the space of an app, with the caller’s roles', async () => {
    const body = await getValid(`/api/v1/spaces/${SPACE_ID}`, 'spaces', '/api/v1/spaces/{spaceId}');
    expect(body).toMatchObject({ id: SPACE_ID, type: 'shared', ownerId: sim.users.developer.id });
    const viewer = await call(sim, `/api/v1/spaces/${SPACE_ID}`, { headers: { cookie: sim.login(sim.users.viewer).cookie } });
    expect(viewer.json()).toMatchObject({ meta: { roles: ['consumer'], actions: ['read'] } });
    expect((await call(sim, '/api/v1/spaces/000000000000000000000000', { headers: auth })).status).toBe(404);
  });

  it('themes and extensions', async () => {
    expect(await getValid('/api/v1/themes', 'themes', '/api/v1/themes')).toEqual({ data: [] });
    expect(await getValid('/api/v1/extensions', 'extensions', '/api/v1/extensions')).toEqual({ data: [] });
  });

  it('web integrations added by a test are listed', async () => {
    const added = sim.webIntegrations.add({ name: 'Qlarity', validOrigins: ['https://mashup.example'] });
    const body = await getValid('/api/v1/web-integrations', 'web-integrations', '/api/v1/web-integrations');
    expect(body.data).toMatchObject([{ id: added.id, name: 'Qlarity', validOrigins: ['https://mashup.example'] }]);
  });

  it('product-info.json says Qlik Cloud, without login', async () => {
    const answer = await call(sim, '/resources/autogenerated/product-info.json');
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ composition: { deploymentType: 'qlikcloudservices' } });
  });
});

describe('rate limiting fault', () => {
  it('answers 429 with Retry-After the configured number of times, then normally', async () => {
    sim.faults.set({ rateLimit: [{ pathPrefix: '/api/v1/apps/', retryAfterSeconds: 7, times: 2 }] });
    const path = `/api/v1/apps/${SHARED_APP_ID}`;
    for (let i = 0; i < 2; i += 1) {
      const limited = await call(sim, path, { headers: auth });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      assertMatchesOpenApi('users', 'GET', '/api/v1/users/me', 429, limited.json());
    }
    expect((await call(sim, path, { headers: auth })).status).toBe(200);
    expect((await call(sim, '/api/v1/users/me', { headers: auth })).status).toBe(301);
  });

  it('without times it keeps limiting until the faults are reset', async () => {
    sim.faults.set({ rateLimit: [{ pathPrefix: '/api/v1/csrf-token', retryAfterSeconds: 1 }] });
    for (let i = 0; i < 3; i += 1) expect((await call(sim, '/api/v1/csrf-token', { headers: auth })).status).toBe(429);
    sim.faults.reset();
    expect((await call(sim, '/api/v1/csrf-token', { headers: auth })).status).toBe(204);
  });
});
