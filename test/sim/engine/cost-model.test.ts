// The engine's delay model, observed through the `sleep` option: which waits a call asks for,
// and how many run at once. No timing is measured.
import { beforeEach, describe, expect, it } from 'vitest';
import type { SimApp } from '../types';
import { createEngineSession } from './session';
import { ENGINE_WORKERS, pageMs } from './calc-cost';
import { FIXTURE_APP_ID, fixtureApp } from '../spec/fixture-app';
import { developer, rpcFor } from '../spec/engine-harness';

let app: SimApp;
beforeEach(async () => {
  app = await fixtureApp();
});

type Answer = { id: number; result?: Record<string, unknown>; error?: unknown };

/** An engine session whose waits stay pending until the test releases them. */
function heldSession() {
  const pending: { ms: number; release: () => void }[] = [];
  const session = createEngineSession({
    app,
    user: developer,
    sessionKey: app.id,
    attached: false,
    faults: () => ({}),
    record: () => {},
    sleep: (ms) => new Promise<void>((resolve) => pending.push({ ms, release: resolve })),
  });
  const answers = new Map<number, (a: Answer) => void>();
  session.onSend((frame) => {
    const answer = JSON.parse(frame) as Answer;
    answers.get(answer.id)?.(answer);
  });
  let nextId = 1;
  const call = (handle: number, method: string, params: unknown[] = []) =>
    new Promise<Answer>((resolve) => {
      const id = nextId++;
      answers.set(id, resolve);
      session.receive(JSON.stringify({ jsonrpc: '2.0', id, handle, method, params }));
    });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  /** releases every pending wait until the given calls are answered */
  const drain = async <T>(work: Promise<T>): Promise<T> => {
    let done = false;
    void work.then(() => (done = true));
    while (!done) {
      await settle();
      pending.splice(0).forEach((p) => p.release());
    }
    return work;
  };
  return { pending, call, settle, drain };
}

const handleOf = (a: { result?: Record<string, unknown> }) => (a.result?.qReturn as { qHandle: number }).qHandle;

describe('engine cost model', () => {
  it('charges calcMs for the first GetLayout, a small page cost for the data page after it, cachedCalcMs for the next GetLayout', async () => {
    const rpc = rpcFor(app);
    await rpc.call(-1, 'OpenDoc', [FIXTURE_APP_ID]);
    const handle = handleOf(await rpc.call(1, 'GetObject', ['chartSlow']));
    rpc.harness.sleeps.length = 0;
    await rpc.call(handle, 'GetLayout');
    await rpc.call(handle, 'GetHyperCubeData', ['/qHyperCubeDef', [{ qLeft: 0, qTop: 0, qWidth: 2, qHeight: 4 }]]);
    await rpc.call(handle, 'GetLayout');
    await rpc.call(handle, 'GetHyperCubeData', ['/qHyperCubeDef', [{ qLeft: 0, qTop: 0, qWidth: 2, qHeight: 4 }]]);
    expect(rpc.harness.sleeps).toEqual([1800, pageMs(8), 450, pageMs(8)]);
    expect(pageMs(8)).toBeLessThan(450);
    expect(pageMs(10_000)).toBeLessThan(1800 / 10);
  });

  it('calculates an object first when its data page is asked before any GetLayout', async () => {
    const rpc = rpcFor(app);
    await rpc.call(-1, 'OpenDoc', [FIXTURE_APP_ID]);
    const handle = handleOf(await rpc.call(1, 'GetObject', ['chartSlow']));
    rpc.harness.sleeps.length = 0;
    await rpc.call(handle, 'GetHyperCubeData', ['/qHyperCubeDef', [{ qLeft: 0, qTop: 0, qWidth: 2, qHeight: 3 }]]);
    await rpc.call(handle, 'GetLayout');
    expect(rpc.harness.sleeps).toEqual([1800, pageMs(6), 450]);
  });

  it('does not charge anything for objects without a hypercube or list object', async () => {
    const rpc = rpcFor(app);
    await rpc.call(-1, 'OpenDoc', [FIXTURE_APP_ID]);
    const sheet = handleOf(await rpc.call(1, 'GetObject', ['sheet1']));
    rpc.harness.sleeps.length = 0;
    await rpc.call(sheet, 'GetLayout');
    expect(rpc.harness.sleeps).toEqual([]);
  });

  it(`overlaps concurrent calculations on ${ENGINE_WORKERS} engine workers instead of running them end to end`, async () => {
    const s = heldSession();
    await s.drain(s.call(-1, 'OpenDoc', [FIXTURE_APP_ID]));
    const ids = ['chartSlow', 'chartCond', 'chartErr', 'chartPivot', 'chartLinked'];
    const handles = (await Promise.all(ids.map((id) => s.call(1, 'GetObject', [id])))).map(handleOf);
    const extra = await Promise.all(
      [1, 2].map(() => s.call(1, 'CreateSessionObject', [{ qInfo: { qType: 'cube' }, qHyperCubeDef: { qDimensions: [{ qDef: { qFieldDefs: ['Region'] } }], qMeasures: [] } }])),
    );
    const all = [...handles, ...extra.map(handleOf)];
    const layouts = Promise.all(all.map((h) => s.call(h, 'GetLayout')));
    await s.settle();
    // every call is in the engine at once, but only ENGINE_WORKERS calculations run
    expect(s.pending.length).toBe(ENGINE_WORKERS);
    expect(s.pending[0].ms).toBe(1800);
    s.pending.shift()?.release();
    await s.settle();
    expect(s.pending.length).toBe(ENGINE_WORKERS);
    const answers = await s.drain(layouts);
    expect(answers.every((a) => a.result?.qLayout !== undefined)).toBe(true);
  });

  it('lets a concurrent GetLayout of the same object wait for the running calculation, then read the cache', async () => {
    const s = heldSession();
    await s.drain(s.call(-1, 'OpenDoc', [FIXTURE_APP_ID]));
    const [a, b] = (await Promise.all([s.call(1, 'GetObject', ['chartSlow']), s.call(1, 'GetObject', ['chartSlow'])])).map(handleOf);
    const both = Promise.all([s.call(a, 'GetLayout'), s.call(b, 'GetLayout')]);
    await s.settle();
    expect(s.pending.map((p) => p.ms)).toEqual([1800]);
    s.pending.shift()?.release();
    await s.settle();
    expect(s.pending.map((p) => p.ms)).toEqual([450]);
    await s.drain(both);
  });

  it('loads the app into memory once: concurrent and later OpenDocs of other sessions do not wait openDocMs again', async () => {
    const first = heldSession();
    const second = heldSession();
    const opening = [first.call(-1, 'OpenDoc', [FIXTURE_APP_ID]), second.call(-1, 'OpenDoc', [FIXTURE_APP_ID])];
    await first.settle();
    expect([...first.pending, ...second.pending].map((p) => p.ms)).toEqual([800]);
    first.pending.shift()?.release();
    const [a, b] = await Promise.all(opening);
    expect(a.result?.qReturn).toMatchObject({ qType: 'Doc' });
    expect(b.result?.qReturn).toMatchObject({ qType: 'Doc' });
    const third = heldSession();
    await third.call(-1, 'OpenDoc', [FIXTURE_APP_ID]);
    expect(third.pending).toEqual([]);
  });
});
