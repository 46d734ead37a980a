// The demo app (test/sim/apps/demo) collected from the simulated tenant and analysed: the
// analysis finds exactly the planted findings of expected-findings.json, no more, none on the
// objects listed as clean, and the fields the file says are used are not called unused.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AnalysisResult } from '../../../lib/analyze/result';
import { analyse } from '../../../lib/analyze/runner';
import { collectApp } from '../../../lib/collect/index';
import type { AppSnapshot } from '../../../lib/snapshot/schema';
import { type Simulator, startSimulator } from '../../sim/index';
import { connectWs } from '../collect/sim-harness';

const Expected = z.object({
  app: z.object({ id: z.string(), name: z.string() }),
  findings: z.array(z.object({ rule: z.string(), name: z.string(), target: z.object({ kind: z.string(), id: z.string() }).loose(), detail: z.string() })),
  whenEnabled: z.array(z.object({ rule: z.string(), target: z.object({ kind: z.string(), id: z.string() }).loose() })),
  cleanObjects: z.array(z.string()),
  mustNotBeUnused: z.array(z.object({ field: z.string() })),
});
const expected = Expected.parse(JSON.parse(readFileSync(fileURLToPath(new URL('../../sim/apps/demo/expected-findings.json', import.meta.url)), 'utf8')));

/**
 * Planted findings whose data the collector does not bring yet: it keeps the reload metadata and
 * log of the newest reload only (a failed one), not of the newest successful reload these rules
 * read. The rules say "could not run" with that reason; this list must shrink to [] once the
 * collector collects them (the test fails when a listed finding starts to appear).
 */
const NOT_YET_COLLECTED = ['S03 reload:67444b2ac2b3a4d5e6f70a10', 'S05 reload:67444b2ac2b3a4d5e6f70a10', 'S06 reload:67444b2ac2b3a4d5e6f70a10'];

const key = (f: { rule: string; target: { kind: string; id: string } }) => `${f.rule} ${f.target.kind}:${f.target.id}`;

let sim: Simulator;
let snapshot: AppSnapshot;
let result: AnalysisResult;

beforeAll(async () => {
  sim = await startSimulator({ http: true });
  const demo = sim.apps.find((a) => a.id === expected.app.id);
  if (!demo) throw new Error(`the simulator did not load the demo app ${expected.app.id}`);
  const { engine, rest } = await connectWs(sim, demo.id);
  try {
    snapshot = await collectApp({ engine, rest, appId: demo.id, source: { host: sim.url, mode: 'test' } });
  } finally {
    await engine.close();
  }
  // Per-object wall-clock times depend on the machine and on how the objects of a sheet queue in
  // the simulated engine; tests make no timing assertions, so P01/P02 are checked on their
  // App Evaluation path (deterministic, from evaluations.json). Layouts and the open time stay.
  if (snapshot.timings) snapshot.timings = { ...snapshot.timings, objects: [] };
  result = analyse(snapshot);
}, 120_000);

afterAll(async () => {
  await sim?.close();
});

describe('analysis of the demo app', () => {
  it('runs every rule without an error', () => {
    expect(result.rules.filter((r) => r.status === 'error')).toEqual([]);
  });

  it('finds every planted finding', () => {
    const found = new Set(result.findings.map(key));
    const missing = expected.findings.map(key).filter((k) => !found.has(k));
    expect(missing).toEqual(NOT_YET_COLLECTED);
    for (const k of NOT_YET_COLLECTED) {
      const run = result.rules.find((r) => r.rule === k.split(' ')[0]);
      expect(run?.status, k).toBe('could-not-run');
      expect(run?.reason, k).toMatch(/last successful reload was not collected/);
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

  it('finds the naming-convention plant when D13 is switched on', () => {
    const withNaming = analyse(snapshot, { rules: { D13: { options: { variable: '^v[A-Z]' } } } });
    const d13 = withNaming.findings.filter((f) => f.rule === 'D13').map(key);
    expect(d13).toEqual(expected.whenEnabled.filter((f) => f.rule === 'D13').map(key));
  });
});
