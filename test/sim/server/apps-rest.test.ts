// Every REST answer about the apps the loader really loads (the demo apps in test/sim/apps and
// the corpus apps in ../shared/corpus) is validated against the Qlik Cloud OpenAPI specs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAppFolder, loadAppsDir } from '../app/index';
import { DEFAULT_APPS_DIR, type Simulator, startSimulator } from '../index';
import type { SimApp } from '../types';
import { call } from '../testing/fixtures';
import { assertMatchesOpenApi } from './openapi-validate';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const corpusApps = ['consumer-sales', 'reload-analyzer', 'app-h'].map((name) => `${CORPUS}${name}`).filter((dir) => existsSync(dir));
if (corpusApps.length < 3) console.warn(`apps-rest.test.ts: corpus apps missing under ${CORPUS}; testing the demo apps only`);

let sim: Simulator;
let apps: SimApp[];
beforeAll(async () => {
  apps = [...(await loadAppsDir(DEFAULT_APPS_DIR)), ...(await Promise.all(corpusApps.map((dir) => loadAppFolder(dir))))];
  sim = await startSimulator({ apps, http: true });
}, 60_000);
afterAll(() => sim?.close());

async function valid(path: string, spec: string, template: string) {
  const answer = await call(sim, path, { headers: { authorization: `Bearer ${sim.apiKey}` } });
  expect(answer.status, `${path}: ${answer.text.slice(0, 300)}`).toBe(200);
  const body = answer.json();
  assertMatchesOpenApi(spec, 'GET', template, 200, body);
  return body as Record<string, unknown>;
}

describe('REST answers for the loaded apps match the OpenAPI specs', () => {
  it('loads at least the demo app', () => {
    expect(apps.length).toBeGreaterThan(0);
  });

  it('app, data model, reloads, reload metadata and logs, scripts, items, evaluations', async () => {
    for (const app of apps) {
      const id = app.id;
      const nx = await valid(`/api/v1/apps/${id}`, 'apps', '/api/v1/apps/{appId}');
      expect((nx.attributes as { name: string }).name).toBe(app.name);
      await valid(`/api/v1/apps/${id}/data/metadata`, 'apps', '/api/v1/apps/{appId}/data/metadata');
      const reloads = await valid(`/api/v1/reloads?appId=${id}`, 'reloads', '/api/v1/reloads');
      for (const reload of reloads.data as { id: string }[]) {
        await valid(`/api/v1/reloads/${reload.id}`, 'reloads', '/api/v1/reloads/{reloadId}');
        await valid(`/api/v1/apps/${id}/reloads/metadata/${reload.id}`, 'apps', '/api/v1/apps/{appId}/reloads/metadata/{reloadId}');
      }
      await valid(`/api/v1/apps/${id}/reloads/logs`, 'apps', '/api/v1/apps/{appId}/reloads/logs');
      await valid(`/api/v1/apps/${id}/scripts`, 'apps', '/api/v1/apps/{appId}/scripts');
      await valid(`/api/v1/items?resourceType=app&resourceId=${id}`, 'items', '/api/v1/items');
      const evaluations = await valid(`/api/v1/apps/${id}/evaluations`, 'apps', '/api/v1/apps/{guid}/evaluations');
      for (const evaluation of evaluations.data as { id: string }[]) {
        await valid(`/api/v1/apps/evaluations/${evaluation.id}?all=true`, 'apps', '/api/v1/apps/evaluations/{id}');
      }
      if (typeof app.attributes.spaceId === 'string') await valid(`/api/v1/spaces/${app.attributes.spaceId}`, 'spaces', '/api/v1/spaces/{spaceId}');
    }
  }, 60_000);

  it('every sheet of every app renders as a Sense page with one element per cell', async () => {
    const { cookie } = sim.login(sim.users.developer);
    for (const app of apps) {
      const overview = await call(sim, `/sense/app/${app.id}`, { headers: { cookie } });
      const sheetIds = [...overview.text.matchAll(/<li data-sheet-id="([^"]+)"/g)].map((m) => m[1]);
      for (const sheetId of sheetIds) {
        const page = await call(sim, `/sense/app/${app.id}/sheet/${encodeURIComponent(sheetId)}/state/analysis`, { headers: { cookie } });
        expect(page.status).toBe(200);
        expect(page.text).toMatch(/<title>.+ - .+ \| Sheets - Qlik Sense<\/title>/);
      }
    }
  }, 60_000);
});
