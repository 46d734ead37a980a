// collectApp's partial snapshots (issue #20, progressive results) against the simulated demo app
// over an in-memory socket: the inventory before the timing pass, then one per timed sheet; a stop
// keeps the sheets measured and marks each sheet not measured, with the reason given.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectApp } from '../../../lib/collect/index';
import { timingCoverageOf } from '../../../lib/report/analysis-report';
import { openEngineSession } from '../../../lib/qlik/engine/session';
import { AppSnapshot, TIMINGS_STOPPED } from '../../../lib/snapshot/schema';
import { appModelOf, loadAppFolder } from '../../sim/app/index';
import { type Simulator, startSimulator } from '../../sim/index';
import type { FaultConfig, SimApp } from '../../sim/types';
import { demoApp, inMemorySocketFactory, onVirtualClock, readOnlyViolations } from './sim-harness';
import type { CallRecord } from '../../sim/types';

let sim: Simulator;
let app: SimApp;
let appId: string;

beforeAll(async () => {
  sim = await startSimulator({ http: true });
  const demo = demoApp(sim);
  appId = demo.id;
  app = await loadAppFolder(demo.source);
  appModelOf(app).behaviour.openDocMs = 0;
});
afterAll(async () => {
  await sim?.close();
});

interface Partial {
  snapshot: AppSnapshot;
  sheets: { measured: number; total: number };
}

async function collectWith(stopAfterSheets?: number) {
  const partials: Partial[] = [];
  const calls: CallRecord[] = [];
  const stop = new AbortController();
  const REASON = 'Not timed: the timing pass was cancelled from this sheet on.';
  const snapshot = await onVirtualClock(async () => {
    const engine = await openEngineSession({ url: 'https://tenant.example', appId, createSocket: inMemorySocketFactory(app, sim.users.developer, (c) => calls.push(c)) });
    try {
      return await collectApp({
        engine,
        appId,
        source: { host: 'tenant.example', mode: 'test' },
        timings: { stop: stop.signal },
        onPartial: (partial, sheets) => {
          partials.push({ snapshot: partial, sheets });
          if (stopAfterSheets !== undefined && sheets.measured === stopAfterSheets) stop.abort(REASON);
        },
      });
    } finally {
      await engine.close();
    }
  });
  return { snapshot, partials, calls, REASON };
}

describe('collectApp partial snapshots', () => {
  it('hands over the whole inventory before the timing pass, then one snapshot per timed sheet', async () => {
    const { snapshot, partials } = await collectWith();
    const total = new Set(snapshot.objects.flatMap((o) => (o.sheetId ? [o.sheetId] : []))).size;
    expect(total).toBeGreaterThan(1);
    const [inventory] = partials;
    if (!inventory) throw new Error('no partial snapshot');
    expect(inventory.sheets).toEqual({ measured: 0, total });
    expect(AppSnapshot.parse(inventory.snapshot)).toEqual(inventory.snapshot);
    expect(inventory.snapshot.timings?.objects).toEqual([]);
    // everything else is in: sheets, objects, the engine's expression checks
    expect(inventory.snapshot.sheets).toEqual(snapshot.sheets);
    expect(inventory.snapshot.objects.map((o) => o.id)).toEqual(snapshot.objects.map((o) => o.id));
    expect(inventory.snapshot.expressions).toEqual(snapshot.expressions);
    expect(partials.map((p) => p.sheets.measured)).toEqual(Array.from({ length: total + 1 }, (_, i) => i));
    // each partial holds the timings of the sheets measured so far, and the last one all of them
    const timedSheets = (s: AppSnapshot) => new Set(s.timings?.objects.map((t) => t.sheetId)).size;
    expect(partials.map((p) => timedSheets(p.snapshot))).toEqual(partials.map((p) => p.sheets.measured));
    expect(partials.at(-1)?.snapshot.timings?.objects).toEqual(snapshot.timings?.objects);
    expect(timingCoverageOf(snapshot, false)).toEqual({ state: 'complete', measuredSheets: total, totalSheets: total });
  }, 60_000);

  it('a stop keeps the sheets measured, marks the others not measured with the reason, and stays read-only', async () => {
    const { snapshot, partials, calls, REASON } = await collectWith(1);
    expect(AppSnapshot.parse(snapshot)).toEqual(snapshot);
    const total = partials[0]?.sheets.total ?? 0;
    const firstSheet = partials[1]?.snapshot.timings?.objects[0]?.sheetId;
    const timings = snapshot.timings?.objects ?? [];
    const measured = timings.filter((t) => t.sheetId === firstSheet);
    expect(measured.length).toBeGreaterThan(0);
    expect(measured.some((t) => t.error === undefined && t.firstMs > 0)).toBe(true);
    const rest = timings.filter((t) => t.sheetId !== firstSheet);
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((t) => t.error === REASON)).toBe(true);
    // one issue for the stop (not one per sheet), on the first sheet not measured
    const notMeasuredSheets = [...new Set(rest.map((t) => t.sheetId))];
    const stops = snapshot.collectionIssues.filter((i) => i.code === TIMINGS_STOPPED);
    expect(stops).toEqual([{ part: 'timings', code: TIMINGS_STOPPED, objectId: notMeasuredSheets[0], message: REASON }]);
    const coverage = timingCoverageOf(snapshot, false);
    const title = (id: string | undefined) => snapshot.sheets.find((s) => s.id === id)?.title || id;
    expect(coverage).toEqual({ state: 'stopped', measuredSheets: 1, totalSheets: total, notMeasured: notMeasuredSheets.slice(0, 5).map(title) });
    expect(readOnlyViolations(calls)).toEqual([]);
  }, 60_000);

  it('a stop in the middle of a sheet ends the pass at once: that sheet and the following ones are not measured', async () => {
    const REASON = 'Not timed: the timing pass was skipped from this sheet on.';
    const stop = new AbortController();
    const calls: CallRecord[] = [];
    const slow = (): FaultConfig => ({ objectLayoutLatencyMs: 300 });
    const engine = await openEngineSession({ url: 'https://tenant.example', appId, createSocket: inMemorySocketFactory(app, sim.users.developer, (c) => calls.push(c), slow) });
    let stoppedAt = 0;
    let sheets = 0;
    try {
      const snapshot = await collectApp({
        engine,
        appId,
        source: { host: 'tenant.example', mode: 'test' },
        timings: { stop: stop.signal },
        onPartial: (_partial, progress) => {
          sheets = progress.total;
          if (progress.measured === 0)
            setTimeout(() => {
              stoppedAt = performance.now();
              stop.abort(REASON);
            }, 100);
        },
      });
      // the in-flight GetLayout answers (300 ms) are not waited for
      expect(performance.now() - stoppedAt).toBeLessThan(250);
      const timings = snapshot.timings?.objects ?? [];
      expect(timings.length).toBeGreaterThan(0);
      expect(timings.every((t) => t.error === REASON)).toBe(true);
      expect(timingCoverageOf(snapshot, false)).toMatchObject({ state: 'stopped', measuredSheets: 0, totalSheets: sheets });
      expect(AppSnapshot.parse(snapshot)).toEqual(snapshot);
    } finally {
      await engine.close();
    }
    expect(readOnlyViolations(calls)).toEqual([]);
  }, 60_000);
});
