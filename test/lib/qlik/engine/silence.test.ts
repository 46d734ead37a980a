// A silent engine ends in a clear message within the stated limits (lib/qlik/engine/timeouts.ts):
// the watch on its own (a fake clock), then sessions and a whole collection against the simulated
// tenant with its `silent` fault (requests never answered, the socket stays open).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nodeSocketFactory } from '../../../../lib/cli/node-socket';
import { collectApp } from '../../../../lib/collect/index';
import { EngineError } from '../../../../lib/qlik/engine/errors';
import { type OpenEngineSessionOptions, openEngineSession } from '../../../../lib/qlik/engine/session';
import { type Silence, silenceMessage, watchSilence } from '../../../../lib/qlik/engine/silence-watch';
import type { Timers } from '../../../../lib/qlik/engine/timers';
import { DEFAULT_ENGINE_TIMEOUTS, type EngineTimeouts } from '../../../../lib/qlik/engine/timeouts';
import type { WebSocketLike } from '../../../../lib/qlik/engine/types';
import { appModelOf, loadAppFolder } from '../../../sim/app/index';
import { DEFAULT_APPS_DIR, type Simulator, startSimulator } from '../../../sim/index';
import type { CallRecord } from '../../../sim/types';
import { persistentChanges } from '../../../sim/engine/persistent-changes';
import { inMemorySocketFactory, onVirtualClock } from '../../collect/sim-harness';

function fakeClock() {
  let time = 0;
  const pending = new Map<number, { at: number; run: () => void }>();
  let id = 0;
  const timers: Timers = {
    setTimeout: (run, ms) => (pending.set(++id, { at: time + ms, run }), id),
    clearTimeout: (h) => void pending.delete(h as number),
    now: () => time,
  };
  const advance = (ms: number) => {
    const end = time + ms;
    for (;;) {
      const next = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      pending.delete(next[0]);
      time = next[1].at;
      next[1].run();
    }
    time = end;
  };
  return { timers, advance };
}

describe('watchSilence', () => {
  const timeouts: EngineTimeouts = { connectMs: 1000, callMs: 1000, longCallMs: 5000 };

  it('does not fire while answers keep coming, however long a call waits behind them', () => {
    const { timers, advance } = fakeClock();
    const silences: Silence[] = [];
    const watch = watchSilence({ timers, timeouts, onSilent: (s) => silences.push(s) });
    watch.sent({ id: 1, method: 'CheckExpression', handle: 1 });
    for (let i = 2; i < 40; i++) {
      watch.sent({ id: i, method: 'CheckExpression', handle: 1 });
      advance(900);
      watch.received({ id: i, result: {} });
    }
    expect(silences).toEqual([]); // call 1 has waited 34 s, but the engine kept answering
    advance(1000);
    expect(silences).toHaveLength(1);
    expect(silences[0]).toMatchObject({ limitMs: 1000, waiting: 1, oldest: { id: 1, method: 'CheckExpression' } });
  });

  it('allows the long limit while a calculation waits, and ignores notifications', () => {
    const { timers, advance } = fakeClock();
    const silences: Silence[] = [];
    const watch = watchSilence({ timers, timeouts, onSilent: (s) => silences.push(s) });
    watch.sent({ id: 1, method: 'GetLayout', handle: 3 });
    watch.sent({ id: 2, method: 'EngineVersion', handle: -1 }); // e.g. the keepalive, behind it
    advance(4000);
    watch.received({ method: 'OnConnected', params: {} });
    expect(silences).toEqual([]);
    advance(1000);
    expect(silences).toHaveLength(1);
    const message = silenceMessage(silences[0] as Silence, timeouts);
    expect(message).toBe(
      'The engine stopped answering: no answer for 5 s while GetLayout (waiting 5 s) and 1 other call waited (limit 5 s; 1 s for normal calls, 5 s while OpenDoc or a calculation waits). The engine or the network path to it is not responding; Qlarity stopped instead of waiting forever.',
    );
  });

  it('reports a silence once, then watches the next calls afresh (e.g. after a resume)', () => {
    const { timers, advance } = fakeClock();
    const silences: Silence[] = [];
    const watch = watchSilence({ timers, timeouts, onSilent: (s) => silences.push(s) });
    watch.sent({ id: 1, method: 'GetAppLayout', handle: 1 });
    watch.sent({ id: 2, method: 'GetAppLayout', handle: 1 });
    advance(1500);
    expect(silences.map((s) => s.ids)).toEqual([[1, 2]]);
    watch.sent({ id: 3, method: 'CheckExpression', handle: 1 });
    advance(500);
    watch.received({ id: 3, result: {} });
    advance(5000);
    expect(silences).toHaveLength(1);
    watch.sent({ id: 4, method: 'CheckExpression', handle: 1 });
    advance(1000);
    expect(silences.map((s) => s.ids)).toEqual([[1, 2], [4]]);
  });

  it('keeps to the normal limit once the long call that waited is answered', () => {
    const { timers, advance } = fakeClock();
    const silences: Silence[] = [];
    const watch = watchSilence({ timers, timeouts, onSilent: (s) => silences.push(s) });
    watch.sent({ id: 1, method: 'OpenDoc', handle: -1 });
    advance(3000);
    watch.received({ id: 1, result: {} });
    watch.sent({ id: 2, method: 'EngineVersion', handle: -1 });
    advance(1000);
    expect(silences.map((s) => [s.oldest.method, s.silentMs, s.limitMs])).toEqual([['EngineVersion', 1000, 1000]]);
  });

  it('is quiet when nothing waits, and stops when told', () => {
    const { timers, advance } = fakeClock();
    const silences: Silence[] = [];
    const watch = watchSilence({ timers, timeouts, onSilent: (s) => silences.push(s) });
    watch.sent({ id: 1, method: 'GetAppLayout', handle: 1 });
    watch.received({ id: 1, result: {} });
    advance(60_000);
    watch.sent({ id: 2, method: 'GetAppLayout', handle: 1 });
    watch.stop();
    advance(60_000);
    expect(silences).toEqual([]);
  });

  it('documents the default limits', () => {
    expect(DEFAULT_ENGINE_TIMEOUTS).toEqual({ connectMs: 30_000, callMs: 60_000, longCallMs: 300_000 });
  });
});

let sim: Simulator;
let appId: string;

beforeAll(async () => {
  const app = await loadAppFolder(`${DEFAULT_APPS_DIR}/demo`);
  appModelOf(app).behaviour.openDocMs = 0;
  sim = await startSimulator({ apps: [app], http: true });
  appId = app.id;
});
afterEach(() => sim.reset());
afterAll(async () => {
  await sim?.close();
});

// Short enough for a test, long enough that a loaded CI machine never trips them on a healthy engine.
const SHORT: Partial<EngineTimeouts> = { connectMs: 3000, callMs: 1500, longCallMs: 2000 };
const open = (extra: Partial<OpenEngineSessionOptions> = {}) =>
  openEngineSession({ url: sim.url, appId, createSocket: nodeSocketFactory({ headers: { Authorization: `Bearer ${sim.apiKey}` } }), timeouts: SHORT, ...extra });

describe('a silent engine, over ws against the simulated tenant', () => {
  it('that never answers OpenDoc: openEngineSession rejects naming OpenDoc, after the long limit', async () => {
    sim.faults.set({ silent: {} });
    const started = Date.now();
    const error = await open().catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ kind: 'unresponsive' });
    expect((error as Error).message).toMatch(/^The engine stopped answering: no answer for [\d.]+ s while OpenDoc .*\(limit 2 s;/);
    expect(elapsed).toBeGreaterThanOrEqual(1950);
    expect(elapsed).toBeLessThan(10_000);
  });

  it('that stops answering one kind of call mid-collection: collectApp ends with the reason, nothing is left waiting', async () => {
    const engine = await open();
    sim.faults.set({ silent: { methods: ['GetFullPropertyTree'] } });
    const started = Date.now();
    const error = await collectApp({ engine, appId, source: { host: 'sim', mode: 'test' }, timings: false }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as Error).message).toMatch(/^Collection stopped: The engine stopped answering: no answer for [\d.]+ s while GetFullPropertyTree .*\(limit 2 s;/);
    expect(engine.failure()).toMatchObject({ kind: 'unresponsive' });
    // the session is over: a further call fails at once instead of waiting
    await expect(engine.doc.getAppLayout()).rejects.toThrow();
    await engine.close();
    expect(sim.persistentChanges()).toEqual([]);
  });

  it('that keeps answering but never finishes: the whole run\'s limit ends the collection', async () => {
    const engine = await open({ timeouts: { ...SHORT, longCallMs: 60_000 } });
    sim.faults.set({ silent: { methods: ['GetFullPropertyTree'] } });
    const started = Date.now();
    const error = await collectApp({ engine, appId, source: { host: 'sim', mode: 'test' }, timings: false, timeoutMs: 700 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toMatchObject({ kind: 'unresponsive' });
    expect((error as Error).message).toBe('Collection stopped: the analysis did not finish within 0.7 s (the limit for a whole run); the engine kept the app busy without finishing.');
    await engine.close();
  });

  it('a socket that never opens: the connect limit names the address', async () => {
    const neverOpens = (): WebSocketLike => {
      const socket: WebSocketLike = { readyState: 0, OPEN: 1, send: () => undefined, close: (code = 1006) => socket.onclose?.({ code }), onopen: null, onclose: null, onerror: null, onmessage: null };
      return socket;
    };
    const started = Date.now();
    const error = await open({ createSocket: neverOpens }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'connect' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((error as Error).message).toMatch(/^Could not connect to the engine at ws:\/\/127\.0\.0\.1:\d+\/app\/\S+: the WebSocket did not open within 3 s \(the server or a proxy on the way does not answer\)\.$/);
  });
});

describe('a silent engine in the timing pass (in memory, on a virtual clock)', () => {
  it('keeps everything collected, times what it could, and says which objects were not timed and why', async () => {
    const app = await loadAppFolder(`${DEFAULT_APPS_DIR}/demo`);
    appModelOf(app).behaviour.openDocMs = 0;
    const calls: CallRecord[] = [];
    const users = { id: 'u-dev', name: 'Dev', email: 'dev@example.com', subject: 'auth0|dev', role: 'developer' as const, password: 'x' };
    // pivot tables' first pages are only asked in the timing pass: the engine never answers them, nor
    // the keepalive (an engine that answers the keepalive is not silent: the run's limit applies then)
    let silent = false;
    const factory = inMemorySocketFactory(app, users, (c) => calls.push(c), () => (silent ? { silent: { methods: ['GetHyperCubePivotData', 'EngineVersion'] } } : {}));
    const snapshot = await onVirtualClock(async () => {
      const engine = await openEngineSession({ url: 'https://tenant.example', appId: app.id, createSocket: factory, timeouts: { connectMs: 5000, callMs: 10_000, longCallMs: 30_000 } });
      silent = true;
      try {
        return await collectApp({ engine, appId: app.id, source: { host: 'tenant.example', mode: 'test' } });
      } finally {
        await engine.close();
      }
    });
    const issue = snapshot.collectionIssues.find((i) => i.code === 'ENGINE_UNRESPONSIVE');
    expect(issue?.message).toMatch(/^The engine stopped answering: no answer for 30 s while GetHyperCubePivotData .*\(limit 30 s;.* The objects of this and the following sheets were not timed\.$/);
    const objects = snapshot.timings?.objects ?? [];
    expect(objects.length).toBe(snapshot.objects.filter((o) => o.sheetId !== undefined).length);
    expect(objects.some((t) => t.error === undefined && t.firstMs > 0)).toBe(true); // sheets before the silence were timed
    expect(objects.filter((t) => t.error?.startsWith('Not timed: the engine stopped answering')).length).toBeGreaterThan(0);
    expect(snapshot.sheets.length).toBeGreaterThan(0); // the inventory is all there
    expect(snapshot.expressions.length).toBeGreaterThan(0);
    expect(persistentChanges(calls)).toEqual([]);
  }, 60_000);
});
