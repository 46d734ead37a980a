// The demo app (test/sim/apps/demo) collected from the simulated tenant and analysed: the
// analysis finds exactly the planted findings of expected-findings.json, no more, none on the
// objects listed as clean, and the fields the file says are used are not called unused.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AnalysisResult } from '../../../lib/analyze/result';
import { analyse } from '../../../lib/rules/analyse';
import { collectApp } from '../../../lib/collect/index';
import type { AppSnapshot } from '../../../lib/snapshot/schema';
import { persistentChanges } from '../../sim/engine/persistent-changes';
import { type Simulator, startSimulator } from '../../sim/index';
import type { CallRecord } from '../../sim/types';
import { openEngineSession } from '../../../lib/qlik/engine/session';
import { loadAppFolder } from '../../sim/app/index';
import { connectWs, inMemorySocketFactory, onVirtualClock } from '../collect/sim-harness';

const Expected = z.object({
  app: z.object({ id: z.string(), name: z.string() }),
  findings: z.array(z.object({ rule: z.string(), name: z.string(), target: z.object({ kind: z.string(), id: z.string() }).loose(), detail: z.string() })),
  whenEnabled: z.array(z.object({ rule: z.string(), target: z.object({ kind: z.string(), id: z.string() }).loose() })),
  cleanObjects: z.array(z.string()),
  mustNotBeUnused: z.array(z.object({ field: z.string() })),
});
const expected = Expected.parse(JSON.parse(readFileSync(fileURLToPath(new URL('../../sim/apps/demo/expected-findings.json', import.meta.url)), 'utf8')));

const key = (f: { rule: string; target: { kind: string; id: string } }) => `${f.rule} ${f.target.kind}:${f.target.id}`;

let sim: Simulator;
let snapshot: AppSnapshot;
let result: AnalysisResult;
let persistentChangesMade: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ http: true });
  const demo = sim.apps.find((a) => a.id === expected.app.id);
  if (!demo) throw new Error(`the simulator did not load the demo app ${expected.app.id}`);
  const { engine, rest } = await connectWs(sim, demo.id);
  try {
    // the timing pass (and the layouts it reads) runs below, on a virtual clock
    snapshot = await collectApp({ engine, rest, appId: demo.id, source: { host: sim.url, mode: 'test' }, timings: false });
  } finally {
    await engine.close();
  }
  // Object timings and layouts: the same collector's timing pass, over an in-memory socket on a virtual clock,
  // so each object's time is the simulated engine's modelled cost (calc-cost.ts: calcMs from
  // engine-behaviour.json, page and cache costs) and not the test machine's speed. On the real
  // clock (`npm run demo`) the simulator and the page bridge add 10–200 ms per object; the demo keeps its
  // clean objects and sheets well under the P01/P02 thresholds for that (checked below).
  const copy = await loadAppFolder(demo.source);
  const memoryCalls: CallRecord[] = [];
  const timed = await onVirtualClock(async () => {
    const memory = await openEngineSession({ url: 'https://tenant.example', appId: demo.id, createSocket: inMemorySocketFactory(copy, sim.users.developer, (c) => memoryCalls.push(c)) });
    try {
      return await collectApp({ engine: memory, appId: demo.id, source: { host: 'tenant.example', mode: 'test' }, timings: { mode: 'full' } });
    } finally {
      await memory.close();
    }
  });
  snapshot = { ...snapshot, objects: timed.objects, ...(timed.timings ? { timings: timed.timings } : {}) };
  result = analyse(snapshot);
  persistentChangesMade = [...sim.persistentChanges(), ...persistentChanges(memoryCalls)];
}, 120_000);

afterAll(async () => {
  await sim?.close();
});

describe('analysis of the demo app', () => {
  it('changed nothing in the app (the simulator\'s call record)', () => {
    expect(persistentChangesMade).toEqual([]);
  });

  it('runs every rule without an error', () => {
    expect(result.rules.filter((r) => r.status === 'error')).toEqual([]);
  });

  it('finds every planted finding', () => {
    const found = new Set(result.findings.map(key));
    const missing = expected.findings.map(key).filter((k) => !found.has(k));
    expect(missing).toEqual([]);
  });

  it('flags P01 and P02 from the collected object timings, each object timed on its own', () => {
    const timings = snapshot.timings?.objects ?? [];
    expect(timings.length).toBe(snapshot.objects.filter((o) => o.sheetId !== undefined).length);
    expect(timings.filter((t) => t.error)).toEqual([]);
    // an object's first time is its own cost: the calculation plus a page, never its siblings' queueing
    const sessionDetail = timings.find((t) => t.objectId === 'dtFCkQ');
    expect(sessionDetail?.firstMs).toBe(650);
    const fromTimings = (rule: string) => result.findings.filter((f) => f.rule === rule && f.data?.source !== 'evaluation').map(key);
    expect(fromTimings('P01')).toEqual(expected.findings.filter((f) => f.rule === 'P01').map(key));
    const p02 = result.findings.filter((f) => f.rule === 'P02');
    expect(p02.map(key)).toEqual(expected.findings.filter((f) => f.rule === 'P02').map(key));
    const sheetSum = timings.filter((t) => t.sheetId === p02[0]?.target.id).reduce((sum, t) => sum + t.firstMs, 0);
    expect(p02[0]?.data?.totalMs).toBe(sheetSum);
  });

  it('keeps unflagged objects and sheets well under the P01/P02 thresholds, so a wall-clock run finds the same', () => {
    const timings = snapshot.timings?.objects ?? [];
    const planted = new Set(expected.findings.filter((f) => f.rule === 'P01' || f.rule === 'P02').map((f) => f.target.id));
    const nearObjects = timings.filter((t) => !planted.has(t.objectId) && (t.firstMs > 0.7 * 1000 || (t.cachedMs ?? 0) > 0.4 * 300)).map((t) => `${t.objectId} ${t.firstMs}/${t.cachedMs} ms`);
    expect(nearObjects).toEqual([]);
    const sheets = new Map<string, number>();
    for (const t of timings) if (t.sheetId) sheets.set(t.sheetId, (sheets.get(t.sheetId) ?? 0) + t.firstMs);
    const nearSheets = [...sheets].filter(([id, ms]) => !planted.has(id) && ms > 0.6 * 3000).map(([id, ms]) => `${id} ${ms} ms`);
    expect(nearSheets).toEqual([]);
    // and the planted ones are well over, so the virtual clock's exact figures are not what makes them fire
    for (const id of planted) {
      const ms = sheets.get(id) ?? timings.find((t) => t.objectId === id)?.firstMs;
      expect(ms, id).toBeGreaterThan(1.1 * (sheets.has(id) ? 3000 : 1000));
    }
  });

  it('finds nothing that was not planted', () => {
    const planted = new Set(expected.findings.map(key));
    const extra = result.findings.filter((f) => !planted.has(key(f))).map((f) => `${key(f)}: ${f.message}`);
    expect(extra).toEqual([]);
  });

  it('reports nothing on the clean objects', () => {
    const clean = new Set(expected.cleanObjects);
    expect(result.findings.filter((f) => clean.has(f.target.id)).map((f) => `${key(f)}: ${f.message}`)).toEqual([]);
  });

  it('never calls a used field unused, and gives the planted confidence', () => {
    const unused = result.findings.filter((f) => f.rule === 'R01');
    for (const { field } of expected.mustNotBeUnused) expect(unused.map((f) => f.target.name)).not.toContain(field);
    for (const plant of expected.findings.filter((f) => f.rule === 'R01')) {
      const confidence = /confidence (high|medium)/.exec(plant.detail)?.[1];
      const found = unused.find((f) => f.target.id === plant.target.id);
      expect(found?.data?.confidence, plant.target.id).toBe(confidence);
    }
    const r01 = result.rules.find((r) => r.rule === 'R01');
    expect(String(r01?.data?.dropStatement)).toMatch(/^DROP FIELDS \[.+\];$/);
    expect(String(r01?.data?.warning)).toContain('BINARY');
  });

  it('says which chart a cross-chart [Label] belongs to, and the engine check agrees it does not resolve there', () => {
    const q15 = result.findings.filter((f) => f.rule === 'Q15' && f.target.id === 'VmjGcr');
    expect(q15.map((f) => f.data?.label).sort()).toEqual(['Bulk order revenue', 'Net Revenue']);
    const crossChart = q15.find((f) => f.data?.label === 'Bulk order revenue');
    expect(crossChart?.message).toContain('It labels a measure in object "Bulk order revenue" on sheet "');
    expect(crossChart?.data?.labelsMeasureIn).toEqual(['uipfao']);
    // collected with its own chart's labels only, the engine's check reports the name as a bad field
    const checked = snapshot.expressions.find((e) => e.location.objectId === 'VmjGcr' && e.text.startsWith('[Bulk order revenue]'));
    expect(checked?.check?.badFieldNames).toEqual([{ from: 0, count: '[Bulk order revenue]'.length }]);
  });

  it('finds the naming-convention plant when D13 is switched on', () => {
    const withNaming = analyse(snapshot, { rules: { D13: { options: { variable: '^v[A-Z]' } } } });
    const d13 = withNaming.findings.filter((f) => f.rule === 'D13').map(key);
    expect(d13).toEqual(expected.whenEnabled.filter((f) => f.rule === 'D13').map(key));
  });
});
