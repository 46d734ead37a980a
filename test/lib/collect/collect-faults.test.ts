// Partial collection and failures against the simulated tenant: a viewer without script rights,
// an engine error on one object, REST 429 and 403, a dropped socket, close codes, 401,
// SESSION_ATTACHED and cancel.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CollectionAborted, collectApp } from '../../../lib/collect/index.ts';
import { nodeSocketFactory } from '../../../lib/cli/node-socket.ts';
import { EngineError } from '../../../lib/qlik/engine/errors.ts';
import { openEngineSession } from '../../../lib/qlik/engine/session.ts';
import { createRestClient, RestError } from '../../../lib/qlik/rest/client.ts';
import { getMe } from '../../../lib/qlik/rest/endpoints.ts';
import { appModelOf, loadAppFolder } from '../../sim/app/index.ts';
import { DEFAULT_APPS_DIR, type Simulator, startSimulator } from '../../sim/index.ts';
import { connectWs, readOnlyViolations } from './sim-harness.ts';

let sim: Simulator;
let appId: string;
let sheetIds: string[];

beforeAll(async () => {
  const app = await loadAppFolder(`${DEFAULT_APPS_DIR}/demo`);
  appModelOf(app).behaviour.openDocMs = 0; // the demo's 12 s simulated open time is not what these tests are about
  sim = await startSimulator({ apps: [app], http: true });
  appId = app.id;
  sheetIds = [...appModelOf(app).objects.values()].filter((o) => o.type === 'sheet').map((o) => o.id);
});
afterEach(() => sim.reset());
afterAll(async () => {
  await sim?.close();
});

const source = { host: 'sim', mode: 'test' as const };

async function collectAs(role: 'developer' | 'viewer') {
  const { engine, rest } = await connectWs(sim, appId, role);
  try {
    return await collectApp({ engine, rest, appId, source, timings: false });
  } finally {
    await engine.close();
  }
}

describe('partial collection', () => {
  it('a viewer gets a snapshot without the script, with the reasons listed', async () => {
    const snapshot = await collectAs('viewer');
    expect(snapshot.script).toBeUndefined();
    expect(snapshot.access).toMatchObject({ canEdit: false, canReadScript: false, canReload: false });
    expect(snapshot.collectionIssues).toContainEqual(expect.objectContaining({ part: 'script', code: 'NO_SCRIPT_RIGHTS' }));
    expect(snapshot.collectionIssues).toContainEqual(expect.objectContaining({ part: 'reloadLog', code: 'HTTP_403' }));
    expect(snapshot.sheets.length).toBeGreaterThan(0);
    expect(snapshot.expressions.length).toBeGreaterThan(0);
    expect(readOnlyViolations(sim.calls())).toEqual([]);
  }, 60_000);

  it('an engine error on one sheet is recorded for that sheet; the other sheets are collected', async () => {
    const broken = sheetIds[0] ?? '';
    sim.faults.set({ engineErrors: [{ method: 'GetFullPropertyTree', objectId: broken, code: 5, parameter: 'simulated' }] });
    const snapshot = await collectAs('developer');
    expect(snapshot.collectionIssues).toContainEqual(expect.objectContaining({ part: 'sheets', objectId: broken, code: 'ENGINE_5' }));
    expect(snapshot.sheets.map((s) => s.id).sort()).toEqual(sheetIds.filter((id) => id !== broken).sort());
  }, 60_000);

  it('a failing CheckExpression leaves expressions unchecked and says so', async () => {
    sim.faults.set({ engineErrors: [{ method: 'CheckExpression', code: -128 }] });
    const snapshot = await collectAs('developer');
    expect(snapshot.expressions.length).toBeGreaterThan(0);
    expect(snapshot.expressions.every((e) => e.check === undefined)).toBe(true);
    expect(snapshot.collectionIssues.filter((i) => i.part === 'expressionChecks').length).toBeGreaterThan(0);
  }, 60_000);

  it('a failing EvaluateEx leaves the calculated variable without a value and says so; the rest is collected', async () => {
    sim.faults.set({ engineErrors: [{ method: 'EvaluateEx', code: 5, parameter: 'simulated' }] });
    const snapshot = await collectAs('developer');
    const calculated = snapshot.variables.filter((v) => v.definition.startsWith('='));
    expect(calculated.length).toBeGreaterThan(0);
    expect(calculated.every((v) => v.value === undefined)).toBe(true);
    for (const v of calculated) {
      expect(snapshot.collectionIssues).toContainEqual(expect.objectContaining({ part: 'variables', objectId: v.id ?? v.name, code: 'ENGINE_5' }));
    }
    const names = [...appModelOf(sim.apps[0]!).variables.values()].map((v) => v.qName);
    expect(snapshot.variables.map((v) => v.name)).toEqual(expect.arrayContaining(names));
  }, 60_000);

  it('a failing GetSetAnalysis keeps the bookmark without its set expression, with the reason', async () => {
    sim.faults.set({ engineErrors: [{ method: 'GetSetAnalysis', code: 2, parameter: 'simulated' }] });
    const snapshot = await collectAs('developer');
    expect(snapshot.bookmarks.length).toBeGreaterThan(0);
    expect(snapshot.bookmarks.every((b) => b.setExpression === undefined && b.selections !== undefined)).toBe(true);
    expect(snapshot.collectionIssues.filter((i) => i.part === 'bookmarks').map((i) => i.objectId).sort()).toEqual(snapshot.bookmarks.map((b) => b.id).sort());
  }, 60_000);

  it('REST 429 is retried after Retry-After and the part is still collected', async () => {
    sim.faults.set({ rateLimit: [{ pathPrefix: '/api/v1/apps', retryAfterSeconds: 0, times: 2 }] });
    const snapshot = await collectAs('developer');
    expect(snapshot.metadata).toBeDefined();
    expect(snapshot.collectionIssues.filter((i) => i.code === 'HTTP_429')).toEqual([]);
  }, 60_000);
});

describe('fatal failures give clear errors', () => {
  it('a dropped socket mid-collection ends it with a connection error', async () => {
    const { engine, rest } = await connectWs(sim, appId);
    sim.faults.set({ dropAfterMessages: 12 });
    const error = await collectApp({ engine, rest, appId, source, timings: false }).catch((e: unknown) => e);
    await engine.close();
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).fatal).toBe(true);
    expect((error as Error).message).toMatch(/^Collection stopped: .*(connection|closed)/i);
  }, 60_000);

  it.each([
    [4203, /permission to open this app/],
    [4204, /app was not found/],
    [4230, /not entitled/],
    [4240, /No engine is available/],
  ])('close code %i on connect becomes a clear message', async (code, message) => {
    sim.faults.set({ closeCode: code });
    const error = await connectWs(sim, appId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe(code);
    expect((error as Error).message).toMatch(message);
  });

  it('an unknown app closes with 4204', async () => {
    const error = await connectWs(sim, 'no-such-app').catch((e: unknown) => e);
    expect((error as EngineError).code).toBe(4204);
  });

  it('a rejected API key (401) fails to connect with a clear message, on the engine and on REST', async () => {
    const headers = { Authorization: 'Bearer not-a-key' };
    const error = await openEngineSession({ url: sim.url, appId, createSocket: nodeSocketFactory({ headers }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as Error).message).toMatch(/Could not connect to the engine at ws:\/\/127\.0\.0\.1:\d+\/app\/.*401/);
    const rest = createRestClient({ baseUrl: sim.url, fetch: (u, i) => fetch(u, i), authHeaders: () => headers });
    const restError = await getMe(rest).catch((e: unknown) => e);
    expect(restError).toBeInstanceOf(RestError);
    expect((restError as RestError).status).toBe(401);
    expect((restError as Error).message).toMatch(/not signed in/);
  });

  it('refuses a session identity another connection already holds (SESSION_ATTACHED)', async () => {
    const first = await connectWs(sim, appId, 'developer', 'shared-identity');
    try {
      const error = await connectWs(sim, appId, 'developer', 'shared-identity').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).kind).toBe('attached');
    } finally {
      await first.engine.close();
    }
  });

  it('cancel closes the session and rejects with CollectionAborted', async () => {
    const { engine, rest } = await connectWs(sim, appId);
    const controller = new AbortController();
    const run = collectApp({
      engine,
      rest,
      appId,
      source,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'objects' && p.done === 1) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CollectionAborted);
    expect(engine.failure()).toBeUndefined(); // closed by us, not by the server
    const sessionObjectsLeft = sim.calls().filter((c) => c.method === 'CreateSessionObject').length;
    expect(sessionObjectsLeft).toBeGreaterThan(0); // they go with the closed session
  }, 60_000);
});
