// Scan scale (issue #17 item 8): 500 generated apps (5 sheets, 40 objects, 150 expressions each)
// served by the simulated tenant in its own process with 10 ms latency per engine message, scanned
// by `qlarity scan --all` in this process, as a pipeline would run it (no timing pass, the default).
// Measured in the same run:
// - apps per minute at concurrencies 1, 2, 4, 8, 16 over the first 100 apps (how the default was
//   chosen: the simulated engine computes on 4 workers shared by all sessions, test/sim/engine/calc-cost.ts);
// - apps per minute of the whole 500 at the default concurrency, against a sequential scan of the same 500;
// - the peak heap of this process during a 100-app and a 500-app scan: flat in the number of apps
//   (one snapshot per app in flight at a time, each written out and dropped), target ≤ 1.25×;
// - the REST requests each app costs, which Qlik Cloud's Tier 1 limit (1,000 per minute per user,
//   qlik.dev/apis/rest/rate-limiting) turns into a ceiling on apps per minute against a real tenant.
// The REST pacing is lifted here (--rest-rate) so the figures are the engine side's.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runQlarity } from '../lib/cli/main';
import { TIER1_PER_MINUTE } from '../lib/cli/rest-pacer';
import { DEFAULT_SCAN_CONCURRENCY } from '../lib/cli/scan';
import { generateLargeApp } from '../test/fixtures/generate-large-app';
import type { BenchResult } from './run';
import { startSimProcess } from './sim-process';

const APPS = 500;
const SWEEP_APPS = 100;
const LATENCY_MS = 10;
const SWEEP = [1, 2, 4, 8, 16];
const APP_SHAPE = { sheets: 5, objects: 40, expressions: 150, fields: 30, masterMeasures: 10, masterDimensions: 5, variables: 5 };

interface ScanRun {
  ms: number;
  apps: number;
  peakHeapMb: number;
  restRequests: number;
}

export default async function scanBench(): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'qlarity-scan-bench-'));
  try {
    await Promise.all(Array.from({ length: APPS }, (_, i) => generateLargeApp(join(dir, 'apps', `app-${String(i).padStart(3, '0')}`), { ...APP_SHAPE, name: `Scan app ${i}` })));
    const sim = await startSimProcess(join(dir, 'apps'), LATENCY_MS);
    try {
      let runs = 0;
      const scan = async (concurrency: number, limit: number): Promise<ScanRun> => {
        const ids = await appIds(sim.url, sim.apiKey, limit);
        // the REST calls of the scan itself (listing included), counted on the way out
        const out = join(dir, `out-${runs++}`);
        let peak = 0;
        const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
        const realFetch = globalThis.fetch;
        let rest = 0;
        globalThis.fetch = (input, init) => {
          rest++;
          return realFetch(input, init);
        };
        const started = performance.now();
        let stderr = '';
        const code = await runQlarity(
          ['scan', '--host', sim.url, '--api-key', sim.apiKey, '--apps', ids.join(','), '--out', out, '--yes', '--quiet', '--concurrency', String(concurrency), '--rest-rate', '1000000'],
          { stdout: () => undefined, stderr: (t) => (stderr += t), env: {} },
        );
        const ms = performance.now() - started;
        clearInterval(sample);
        globalThis.fetch = realFetch;
        if (code !== 0) throw new Error(`scan exited ${code}: ${stderr.slice(-500)}`);
        const restRequests = rest / ids.length;
        return { ms, apps: ids.length, peakHeapMb: peak / 1024 / 1024, restRequests };
      };
      const perMinute = (r: ScanRun) => (r.apps / r.ms) * 60_000;

      await scan(4, 20); // warm-up (JIT, the simulator's first opens), not counted
      const sweep: BenchResult[] = [];
      const sweepRuns = new Map<number, ScanRun>();
      for (const c of SWEEP) sweepRuns.set(c, await scan(c, SWEEP_APPS));
      const one = sweepRuns.get(1);
      for (const [c, r] of sweepRuns) {
        sweep.push({ name: `${SWEEP_APPS} apps, ${c} at a time`, value: perMinute(r), unit: 'apps/min', ...(one && c !== 1 ? { baseline: { name: '1 at a time', value: perMinute(one) } } : {}) });
      }
      const sequential = await scan(1, APPS);
      const full = await scan(DEFAULT_SCAN_CONCURRENCY, APPS);
      const small = sweepRuns.get(DEFAULT_SCAN_CONCURRENCY) ?? full;
      const heapRatio = full.peakHeapMb / small.peakHeapMb;
      return [
        ...sweep,
        {
          name: `${APPS} apps at the default concurrency (${DEFAULT_SCAN_CONCURRENCY})`,
          value: perMinute(full),
          unit: 'apps/min',
          baseline: { name: 'sequential scan of the same apps', value: perMinute(sequential) },
        },
        {
          name: `peak heap, ${APPS}-app scan`,
          value: full.peakHeapMb,
          unit: 'MB',
          baseline: { name: `${SWEEP_APPS}-app scan`, value: small.peakHeapMb },
          target: 'flat in the number of apps: at most 1.25× the 100-app scan',
          meetsTarget: heapRatio <= 1.25,
        },
        { name: 'REST requests per app', value: full.restRequests, unit: 'requests' },
        { name: `apps per minute Qlik Cloud's Tier 1 (${TIER1_PER_MINUTE} requests/min) allows`, value: TIER1_PER_MINUTE / full.restRequests, unit: 'apps/min' },
      ];
    } finally {
      sim.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function appIds(url: string, apiKey: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let next: string | undefined = `${url}/api/v1/items?resourceType=app&limit=100`;
  while (next && ids.length < limit) {
    const page = (await (await fetch(next, { headers: { Authorization: `Bearer ${apiKey}` } })).json()) as { data: { resourceId: string }[]; links?: { next?: { href: string } } };
    ids.push(...page.data.map((d) => d.resourceId));
    next = page.links?.next?.href;
  }
  return ids.slice(0, limit).sort();
}
