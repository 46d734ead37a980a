// Every real app of ../shared/corpus, collected from the simulated tenant (with the data models of
// test/fixtures/corpus-models) and analysed: the analysis runs to the end without a rule error.
// Skips, saying so, when the corpus is absent. Precision: corpus-precision.test.ts.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisResult } from '../../../lib/analyze/result';
import { analyse } from '../../../lib/analyze/runner';
import { collectApp } from '../../../lib/collect/index';
import { AppSnapshot } from '../../../lib/snapshot/schema';
import { type Simulator, startSimulator } from '../../sim/index';
import { connectWs } from '../collect/sim-harness';
import { CORPUS_MODELS_DIR } from './corpus-run';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const present = existsSync(CORPUS);
if (!present) console.warn(`corpus tests skipped: ${CORPUS} is absent`);

describe.skipIf(!present)('analysis of the corpus apps', () => {
  let sim: Simulator;
  const results = new Map<string, AnalysisResult>();
  const snapshots = new Map<string, AppSnapshot>();

  beforeAll(async () => {
    sim = await startSimulator({ http: true, appsDir: CORPUS, overlaysDir: CORPUS_MODELS_DIR });
    for (const app of sim.apps) {
      const { engine, rest } = await connectWs(sim, app.id);
      try {
        const snapshot = await collectApp({ engine, rest, appId: app.id, source: { host: sim.url, mode: 'test' }, timings: false });
        snapshots.set(app.source, snapshot);
        results.set(app.source, analyse(snapshot));
      } finally {
        await engine.close();
      }
    }
  }, 180_000);

  afterAll(async () => {
    await sim?.close();
  });

  it('loads every corpus app', () => {
    expect(results.size).toBeGreaterThanOrEqual(3);
  });

  it('changed nothing in any app (the simulator\'s call record)', () => {
    expect(sim.persistentChanges()).toEqual([]);
  });

  it('collects each real app into a snapshot that its schema parses unchanged', () => {
    for (const [source, snapshot] of snapshots) expect(AppSnapshot.parse(snapshot), source).toEqual(snapshot);
  });

  it('runs every rule to the end on every app, with a valid result', () => {
    for (const [source, result] of results) {
      expect(() => AnalysisResult.parse(result), source).not.toThrow();
      expect(result.rules.filter((r) => r.status === 'error').map((r) => `${r.rule}: ${r.reason}`), source).toEqual([]);
      expect(result.rules.filter((r) => r.status === 'ran').length, source).toBeGreaterThan(40);
    }
  });

  // issue #14 item 5, docs/property-shapes.md: shapes Qlik writes itself are neither links nor live expressions
  it('reports nothing on a property shape Qlik writes itself: list templates, kept-not-evaluated subtrees', () => {
    for (const [source, result] of results) {
      const onShapes = result.findings.filter((f) => /\/q\w*ListDef\/qData\/|\/qLayoutExclude\/|\/qUndoExclude\//.test(f.path ?? '') || String(f.data?.libraryId ?? '').startsWith('/'));
      expect(onShapes.map((f) => `${f.rule} ${f.target.id} ${f.path}`), source).toEqual([]);
    }
    const source = [...snapshots.keys()].find((k) => k.endsWith('reload-analyzer'));
    const snapshot = source ? snapshots.get(source) : undefined;
    if (source && snapshot) {
      // its layout containers all carry the qChildListDef template and its charts keep qLayoutExclude settings
      expect(snapshot.objects.filter((o) => o.type === 'sn-layout-container').length).toBeGreaterThan(0);
      expect(snapshot.mentions?.length ?? 0).toBeGreaterThan(0);
      expect(results.get(source)?.findings.filter((f) => f.rule === 'Q06')).toEqual([]);
    }
  });
});
