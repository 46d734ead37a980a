// collectRestOnly against the simulated tenant over HTTP: what REST gives is filled, every
// engine-only part is listed with the reason, no engine call is made, and the rules that need
// the engine say they could not run, with that reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../../lib/rules/analyse';
import { collectRestOnly } from '../../../lib/collect/rest-only';
import { ENGINE_UNAVAILABLE, engineUnavailableNote } from '../../../lib/snapshot/engine-unavailable';
import { ENGINE_ONLY_PARTS } from '../../../lib/collect/rest-only';
import { RULES } from '../../../lib/rules/index';
import { AppSnapshot } from '../../../lib/snapshot/schema';
import { type Simulator, startSimulator } from '../../sim/index';
import type { SimApp } from '../../sim/types';
import { demoApp, restFor } from './sim-harness';

const REASON = "the engine is not reachable in API-key mode in this browser: use 'My Qlik session' mode for the full analysis";
let sim: Simulator;
let demo: SimApp;

beforeAll(async () => {
  sim = await startSimulator({ http: true });
  demo = demoApp(sim);
});
afterAll(async () => {
  await sim?.close();
});

const collect = (role: 'developer' | 'viewer' = 'developer') =>
  collectRestOnly({ rest: restFor(sim, role), appId: demo.id, source: { host: sim.url, mode: 'test' }, engineUnavailable: REASON });

describe('collectRestOnly (demo app, API key)', () => {
  let snapshot: AppSnapshot;
  let started: number;

  beforeAll(async () => {
    sim.reset();
    started = Date.now();
    snapshot = await collect();
  }, 60_000);

  it('makes no engine call and opens no WebSocket', () => {
    expect(sim.calls()).toEqual([]);
    expect(sim.authLog().filter((r) => r.at >= started && r.kind === 'websocket')).toEqual([]);
    expect(sim.authLog().filter((r) => r.at >= started && r.kind === 'rest').length).toBeGreaterThan(0);
  });

  it('fills the parts REST gives: app attributes, access, metadata, reloads with their log, script, item', () => {
    expect(AppSnapshot.parse(snapshot)).toBeTruthy();
    expect(snapshot.app.id).toBe(demo.id);
    expect(snapshot.app.name).toBe(demo.attributes.name);
    expect(snapshot.app.attributes).toMatchObject({ id: demo.id });
    expect(snapshot.access.userId).toBeTruthy();
    expect(snapshot.access.privileges.length).toBeGreaterThan(0);
    expect(snapshot.metadata).toEqual(demo.dataMetadata);
    expect(snapshot.reloads?.reloads.map((r) => r.id)).toEqual(demo.reloads.map((r) => (r as { id: string }).id).slice(0, 10));
    const newest = snapshot.reloads?.reloads[0]?.id;
    if (newest && demo.reloadLogs[newest] !== undefined) expect(snapshot.reloads?.lastLog?.text).toBe(demo.reloadLogs[newest]);
    expect(snapshot.script?.text).toBe(demo.script);
    expect(snapshot.access.canReadScript).toBe(true);
    expect(snapshot.item).toBeTruthy();
  });

  it('lists every engine-only part with the reason, and leaves those parts empty or absent', () => {
    const flagged = snapshot.collectionIssues.filter((i) => i.code === ENGINE_UNAVAILABLE);
    expect(flagged.map((i) => i.part).sort()).toEqual([...ENGINE_ONLY_PARTS].sort());
    expect(flagged.every((i) => i.message === REASON && i.objectId === undefined)).toBe(true);
    expect(snapshot.collectionIssues.filter((i) => i.code !== ENGINE_UNAVAILABLE)).toEqual([]);
    expect([snapshot.sheets, snapshot.objects, snapshot.variables, snapshot.masterMeasures, snapshot.expressions]).toEqual([[], [], [], [], []]);
    expect(snapshot.dataModel).toBeUndefined();
    expect(snapshot.timings).toBeUndefined();
    expect(snapshot.script?.syntaxErrors).toBeUndefined();
    expect(engineUnavailableNote(snapshot)).toContain("use 'My Qlik session' mode");
  });

  it('analysis: the engine rules could not run with the reason; the REST-only rules ran', () => {
    const result = analyse(snapshot);
    const byCode = new Map(result.rules.map((r) => [r.rule, r]));
    const engineNeeds = new Set(['objects', 'masterMeasures', 'masterDimensions', 'masterVisualizations', 'variables', 'bookmarks', 'dataModel', 'timings']);
    const engineRules = RULES.filter((r) => r.needs.some((n) => engineNeeds.has(n)));
    expect(engineRules.length).toBeGreaterThan(10);
    for (const rule of engineRules) {
      const run = byCode.get(rule.code);
      if (run?.status === 'off') continue;
      expect(run, rule.code).toMatchObject({ status: 'could-not-run' });
      expect(run?.reason, rule.code).toContain(REASON);
    }
    // S01 reads the engine's script syntax check (CheckScriptSyntax): REST gives the script text only
    expect(byCode.get('S01')).toMatchObject({ status: 'could-not-run' });
    const restRules = RULES.filter((r) => r.code !== 'S01' && r.needs.length > 0 && r.needs.every((n) => n === 'script' || n === 'reloads'));
    expect(restRules.length).toBeGreaterThan(3);
    for (const rule of restRules) {
      const run = byCode.get(rule.code);
      if (run?.status === 'off') continue;
      expect(run?.status, `${rule.code}: ${run?.reason ?? ''}`).toBe('ran');
    }
    // the app-level findings REST allows (description, thumbnail, reloads, script) are still made
    expect(result.findings.some((f) => f.rule !== 'G04')).toBe(true);
  });
});

describe('collectRestOnly without the app', () => {
  it('ends with the REST error when the app itself cannot be read (nothing to analyse)', async () => {
    sim.reset();
    const run = collectRestOnly({ rest: restFor(sim), appId: 'no-such-app', source: { host: sim.url, mode: 'test' }, engineUnavailable: REASON });
    await expect(run).rejects.toMatchObject({ name: 'RestError', status: 404 });
    expect(sim.calls()).toEqual([]);
  });
});

describe('collectRestOnly as a viewer', () => {
  it('records the script as not readable (403), the rest still filled', async () => {
    sim.reset();
    const snapshot = await collect('viewer');
    expect(sim.calls()).toEqual([]);
    expect(snapshot.script).toBeUndefined();
    expect(snapshot.access.canReadScript).toBe(false);
    expect(snapshot.collectionIssues).toContainEqual(expect.objectContaining({ part: 'script', code: 'NO_SCRIPT_RIGHTS' }));
    expect(snapshot.metadata).toEqual(demo.dataMetadata);
    const analysed = analyse(snapshot);
    expect(analysed.rules.find((r) => r.status === 'could-not-run' && /rights to read the load script/.test(r.reason ?? ''))).toBeTruthy();
  }, 60_000);
});
