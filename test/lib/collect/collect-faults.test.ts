// Partial collection and failures against the simulated tenant: a viewer without script rights,
// an engine error on one object, REST 429 and 403, a dropped socket (resumed, or not), close
// codes, 401, SESSION_ATTACHED and cancel.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CollectionAborted, type CollectProgress } from '../../../lib/collect/context';
import { collectApp } from '../../../lib/collect/index';
import { nodeSocketFactory } from '../../../lib/cli/node-socket';
import { EngineError } from '../../../lib/qlik/engine/errors';
import { openEngineSession } from '../../../lib/qlik/engine/session';
import { createRestClient, RestError } from '../../../lib/qlik/rest/client';
import { getMe } from '../../../lib/qlik/rest/endpoints';
import { appModelOf, loadAppFolder } from '../../sim/app/index';
import { DEFAULT_APPS_DIR, type FaultConfig, type Simulator, startSimulator } from '../../sim/index';
import { connectWs, credentials, readOnlyViolations, restFor, WRITE_METHODS } from './sim-harness';
import type { AppSnapshot } from '../../../lib/snapshot/schema';
import type { OpenEngineSessionOptions } from '../../../lib/qlik/engine/session';

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
    expect(snapshot.collectionIssues).toContainEqual(expect.objectContaining({ part: 'reloads', code: 'HTTP_403' }));
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

  it('an engine without Doc.GetObjects (method not found): the sheet, master visualization and story lists come from list session objects, the same as with it, and no issue is recorded', async () => {
    const withGetObjects = await collectAs('developer');
    const usedGetObjects = sim.calls().filter((c) => c.method === 'GetObjects').length;
    sim.reset();
    sim.faults.set({ engineErrors: [{ method: 'GetObjects', code: -32601 }] });
    const without = await collectAs('developer');
    const lists = sim.calls().filter((c) => c.method === 'CreateSessionObject').map((c) => JSON.stringify(c.params));
    expect(usedGetObjects).toBe(3);
    for (const qType of ['"sheet"', '"masterobject"', '"story"']) expect(lists.some((p) => p.includes('qAppObjectListDef') && p.includes(qType))).toBe(true);
    expect(without.collectionIssues).toEqual(withGetObjects.collectionIssues);
    expect(without.sheets).toEqual(withGetObjects.sheets);
    expect(without.masterVisualizations).toEqual(withGetObjects.masterVisualizations);
    expect(without.stories).toEqual(withGetObjects.stories);
    expect(without.objects.map((o) => o.id)).toEqual(withGetObjects.objects.map((o) => o.id));
    expect(readOnlyViolations(sim.calls())).toEqual([]);
  }, 60_000);

  it('a failing CheckExpression leaves expressions unchecked and says so', async () => {
    sim.faults.set({ engineErrors: [{ method: 'CheckExpression', code: -128 }] });
    const snapshot = await collectAs('developer');
    expect(snapshot.expressions.length).toBeGreaterThan(0);
    expect(snapshot.expressions.every((e) => e.check === undefined)).toBe(true);
    expect(snapshot.collectionIssues.filter((i) => i.part === 'expressions').length).toBeGreaterThan(0);
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

/** A developer session with a quick reconnect policy (tests do not wait seconds for backoff). */
async function openFast(overrides: Partial<OpenEngineSessionOptions> = {}) {
  const { headers, query } = credentials(sim, 'developer');
  const engine = await openEngineSession({
    url: sim.url,
    appId,
    createSocket: nodeSocketFactory({ headers }),
    query,
    reconnect: { initialDelayMs: 20, maxDelayMs: 80, attempts: 3 },
    ...overrides,
  });
  return { engine, rest: restFor(sim) };
}

type CollectOptions = Parameters<typeof collectApp>[0];
type FastSession = Awaited<ReturnType<typeof openFast>>['engine'];

/**
 * Collects (timings off unless `collect` says otherwise) on a quick-resume session whose socket
 * drops as `drop` says, then closes the session. `opened` sees the session before the collection.
 */
async function collectThroughDrop(
  drop: FaultConfig,
  options: { session?: Partial<OpenEngineSessionOptions>; collect?: Partial<CollectOptions>; opened?: (engine: FastSession) => void } = {},
) {
  const { engine, rest } = await openFast(options.session);
  sim.faults.set(drop);
  options.opened?.(engine);
  try {
    return { engine, snapshot: await collectApp({ engine, rest, appId, source, timings: false, ...options.collect }) };
  } finally {
    await engine.close();
  }
}

/** Collects, cancelling at the first progress report `cancelAt` accepts. */
function collectCancelled(connection: Pick<CollectOptions, 'engine' | 'rest'>, cancelAt: (p: CollectProgress) => boolean, options: Partial<CollectOptions> = {}) {
  const controller = new AbortController();
  return collectApp({
    ...connection,
    appId,
    source,
    ...options,
    signal: controller.signal,
    onProgress: (p) => {
      if (cancelAt(p)) controller.abort();
    },
  });
}

/** What must be the same in a complete snapshot, whatever happened to the connection. */
function contentOf(snapshot: AppSnapshot) {
  const ids = (items: { id?: string; name?: string }[]) => items.map((i) => i.id ?? i.name).sort();
  return {
    sheets: ids(snapshot.sheets),
    objects: ids(snapshot.objects),
    layouts: snapshot.objects.filter((o) => o.layout !== undefined).length,
    masterMeasures: ids(snapshot.masterMeasures),
    masterDimensions: ids(snapshot.masterDimensions),
    masterVisualizations: ids(snapshot.masterVisualizations),
    variables: snapshot.variables.map((v) => `${v.name}=${String(v.value)}`).sort(),
    bookmarks: ids(snapshot.bookmarks),
    expressions: snapshot.expressions.length,
    checked: snapshot.expressions.filter((e) => e.check !== undefined).length,
    tables: snapshot.dataModel?.tables.length,
    script: snapshot.script?.text.length,
    issues: snapshot.collectionIssues.filter((i) => i.part !== 'connection' && i.code !== 'CONNECTION_DROPPED').map((i) => `${i.part} ${i.code} ${i.objectId ?? ''}`).sort(),
  };
}

async function baseline(timings: boolean): Promise<{ snapshot: AppSnapshot; calls: ReturnType<Simulator['calls']> }> {
  const { engine, rest } = await openFast();
  try {
    const snapshot = await collectApp({ engine, rest, appId, source, ...(timings ? {} : { timings: false as const }) });
    return { snapshot, calls: sim.calls() };
  } finally {
    await engine.close();
    sim.reset();
  }
}

describe('a dropped connection is resumed', () => {
  it('drop once, within the session TTL: re-attached, a complete snapshot, the drop recorded with its reason', async () => {
    const expected = contentOf((await baseline(false)).snapshot);
    const progress: string[] = [];
    const { engine, snapshot } = await collectThroughDrop({ dropAfterMessages: 40, dropTimes: 1 }, { collect: { onProgress: (p) => progress.push(p.phase) } });
    expect(engine.resumes()).toEqual([expect.objectContaining({ code: 1006, attempts: 1, attached: true })]);
    expect(contentOf(snapshot)).toEqual(expected);
    const resumed = snapshot.collectionIssues.filter((i) => i.part === 'connection');
    expect(resumed).toEqual([expect.objectContaining({ code: 'CONNECTION_RESUMED' })]);
    expect(resumed[0]?.message).toMatch(/^The engine connection dropped after \d+ messages \(.*close code 1006.*\) and was resumed after 1 attempt, in the same engine session \(SESSION_ATTACHED\)/);
    expect(progress).toContain('reconnecting');
    // still read-only, and every session object created (before and after the drop) was destroyed
    expect(readOnlyViolations(sim.calls())).toEqual([]);
  }, 60_000);

  it('drop once after the TTL: a new engine session, its session objects created again, a complete snapshot', async () => {
    const expected = contentOf((await baseline(false)).snapshot);
    // no TTL: the engine ends the session with the socket
    const { engine, snapshot } = await collectThroughDrop({ dropAfterMessages: 40, dropTimes: 1 }, { session: { ttlSeconds: 0 } });
    expect(engine.resumes()).toEqual([expect.objectContaining({ attached: false, attempts: 1 })]);
    expect(contentOf(snapshot)).toEqual(expected);
    expect(snapshot.collectionIssues.find((i) => i.part === 'connection')?.message).toMatch(/in a new engine session \(the old one had ended\)/);
    const calls = sim.calls();
    expect(calls.filter((c) => c.method === 'OpenDoc' && c.errorCode === undefined)).toHaveLength(2); // opened again
    expect(calls.filter((c) => WRITE_METHODS.has(c.method) || (c.persistent === true && /^(Set|Apply|Create|Destroy)/.test(c.method)))).toEqual([]);
  }, 60_000);

  it('a drop during the timing pass: the timings it ran through are marked not measured, the rest are timed', async () => {
    const base = await baseline(true);
    // the timing pass is the only one that asks saved visualizations for their layouts
    const firstTimed = base.calls.findIndex((c) => c.method === 'GetLayout' && c.objectType === 'GenericObject' && c.persistent === true);
    expect(firstTimed).toBeGreaterThan(0);
    const { snapshot } = await collectThroughDrop({ dropAfterMessages: firstTimed + 4, dropTimes: 1 }, { collect: { timings: { concurrency: 3 } } });
    expect(contentOf(snapshot)).toEqual(contentOf(base.snapshot));
    expect(snapshot.collectionIssues.filter((i) => i.part === 'connection')).toHaveLength(1);
    const objects = snapshot.timings?.objects ?? [];
    expect(objects.map((t) => t.objectId)).toEqual(base.snapshot.timings?.objects.map((t) => t.objectId));
    const interrupted = objects.filter((t) => t.error !== undefined);
    expect(interrupted.length).toBeGreaterThan(0);
    expect(interrupted.length).toBeLessThanOrEqual(3); // only the objects in flight (concurrency 3)
    for (const t of interrupted) {
      expect(t.error).toMatch(/connection dropped while this object was being timed/);
      expect(snapshot.collectionIssues).toContainEqual(expect.objectContaining({ part: 'timings', objectId: t.objectId, code: 'CONNECTION_DROPPED' }));
    }
    expect(objects.filter((t) => t.error === undefined && t.firstMs > 0).length).toBe(objects.length - interrupted.length);
    expect(readOnlyViolations(sim.calls())).toEqual([]);
  }, 120_000);

  it('cancel during the backoff stops at once with CollectionAborted', async () => {
    const { engine, rest } = await openFast({ reconnect: { initialDelayMs: 600_000, maxDelayMs: 600_000 } });
    sim.faults.set({ dropAfterMessages: 40, dropTimes: 1 });
    const run = collectCancelled({ engine, rest }, (p) => p.phase === 'reconnecting', { timings: false });
    await expect(run).rejects.toBeInstanceOf(CollectionAborted);
    expect(engine.resumes()).toEqual([]);
    expect(engine.failure()).toBeUndefined(); // ended by the cancel, not by the drop
  }, 30_000);
});

describe('fatal failures give clear errors', () => {
  it('a socket that drops again on every resume attempt ends the collection with a connection error after the bounded retries', async () => {
    const attempts: number[] = [];
    const error = await collectThroughDrop(
      { dropAfterMessages: 40 },
      {
        // from the first drop on, every new socket drops at its first message
        opened: (engine) => engine.onConnection((event) => event.type === 'dropped' && sim.faults.set({ dropAfterMessages: 0 })),
        collect: { onProgress: (p) => p.phase === 'reconnecting' && attempts.push(p.done) },
      },
    ).catch((e: unknown) => e);
    expect(attempts).toEqual([1, 2, 3]);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).fatal).toBe(true);
    expect((error as Error).message).toMatch(/^Collection stopped: The connection to the engine was lost.*close code 1006.* could not be resumed \(3 attempts; last: /);
  }, 60_000);

  it('with resuming switched off, a dropped socket mid-collection ends it with a connection error', async () => {
    const error = await collectThroughDrop({ dropAfterMessages: 12 }, { session: { reconnect: { attempts: 0 } } }).catch((e: unknown) => e);
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

  it('cancel while expressions of the first trees are being asked about: CollectionAborted, and no answer left rejecting unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { engine, rest } = await connectWs(sim, appId);
      const run = collectCancelled({ engine, rest }, (p) => p.phase === 'objects' && p.done === p.total - 1);
      await expect(run).rejects.toBeInstanceOf(CollectionAborted);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(sim.calls().some((c) => c.method === 'GetFieldsFromExpression')).toBe(true);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  }, 60_000);

  it('cancel closes the session and rejects with CollectionAborted', async () => {
    const { engine, rest } = await connectWs(sim, appId);
    const run = collectCancelled({ engine, rest }, (p) => p.phase === 'objects' && p.done === 1);
    await expect(run).rejects.toBeInstanceOf(CollectionAborted);
    expect(engine.failure()).toBeUndefined(); // closed by us, not by the server
    const sessionObjectsLeft = sim.calls().filter((c) => c.method === 'CreateSessionObject').length;
    expect(sessionObjectsLeft).toBeGreaterThan(0); // they go with the closed session
  }, 60_000);
});
