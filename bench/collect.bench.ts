// Collection speed on a generated 100-sheet app over 20 ms engine latency (simulated tenant, real
// enigma.js + ws). Baseline, measured in the same run: the same engine calls made one at a time
// (the session's measured round trip × the number of engine calls the collection made).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeSocketFactory } from '../lib/cli/node-socket.ts';
import { collectApp } from '../lib/collect/index.ts';
import { openEngineSession } from '../lib/qlik/engine/session.ts';
import { createRestClient } from '../lib/qlik/rest/client.ts';
import { generateLargeApp } from '../test/fixtures/generate-large-app.ts';
import { loadAppFolder } from '../test/sim/app/index.ts';
import { startSimulator } from '../test/sim/index.ts';
import type { BenchResult } from './run.ts';

const LATENCY_MS = 20;
const SHEETS = 100;
const TARGET_MS = 15_000;

export default async function collectBench(): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'qlarity-bench-'));
  const app = await loadAppFolder(await generateLargeApp(join(dir, 'large'), { sheets: SHEETS }));
  const sim = await startSimulator({ apps: [app], http: true, latencyMs: LATENCY_MS });
  const headers = { Authorization: `Bearer ${sim.apiKey}` };
  const rest = createRestClient({ baseUrl: sim.url, fetch: (u, i) => fetch(u, i), authHeaders: () => headers });
  const open = () => openEngineSession({ url: sim.url, appId: app.id, createSocket: nodeSocketFactory({ headers }) });
  try {
    // the round trip of one cheap call, sequentially, in a session of its own
    const probe = await open();
    const rounds = 20;
    const t0 = performance.now();
    for (let i = 0; i < rounds; i++) await probe.doc.checkExpression('1');
    const roundTripMs = (performance.now() - t0) / rounds;
    await probe.close();

    const results: BenchResult[] = [];
    for (const timings of [true, false]) {
      sim.reset();
      const engine = await open();
      const started = performance.now();
      const snapshot = await collectApp({ engine, rest, appId: app.id, source: { host: 'bench', mode: 'test' }, ...(timings ? {} : { timings: false as const }) });
      const ms = performance.now() - started;
      await engine.close();
      const engineCalls = sim.calls().filter((c) => c.method !== 'OpenDoc' && c.method !== 'EngineVersion').length;
      const label = `collect ${snapshot.sheets.length} sheets / ${snapshot.objects.length} objects / ${snapshot.expressions.length} expressions, ${LATENCY_MS} ms latency${timings ? ', with timing pass' : ', no timings'} (${engineCalls} engine calls)`;
      results.push({
        name: label,
        value: ms,
        unit: 'ms',
        baseline: { name: `same ${engineCalls} calls one at a time (${roundTripMs.toFixed(1)} ms round trip each)`, value: roundTripMs * engineCalls },
        target: `under ${TARGET_MS / 1000} s`,
        meetsTarget: ms < TARGET_MS,
      });
    }
    return results;
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}
