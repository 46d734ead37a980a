// `npx tsx bench/heap-sweep.ts [runs] [[<dir>:]<concurrency> …]`: the collect bench's heap figures in
// a Node process with V8's default young generation (bench/heap-child.ts) for each request-pool size,
// taken in turn (a, b, a, b) on one simulator at 40 ms latency, so that the machine's load falls on
// all alike. `<dir>:` runs that variant's heap-child.ts from another checkout (e.g. the code before a
// change, with a node_modules link), so both are measured in one run.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BENCH_APP, generateLargeApp } from '../test/fixtures/generate-large-app';
import { startSimProcess } from './sim-process';

const [runs = '3', ...sizes] = process.argv.slice(2);
const dir = await mkdtemp(join(tmpdir(), 'qlarity-heap-sweep-'));
await generateLargeApp(join(dir, 'large'), { ...BENCH_APP, calcMs: 5, cachedCalcMs: 1 });
const sim = await startSimProcess(dir, 40);
try {
  const headers = { Authorization: `Bearer ${sim.apiKey}` };
  const apps = (await (await fetch(`${sim.url}/api/v1/items?resourceType=app`, { headers })).json()) as { data: { resourceId: string }[] };
  const appId = apps.data[0]?.resourceId ?? '';
  for (let round = 0; round < 2; round++) {
    for (const variant of sizes.length ? sizes : ['']) {
      const [cwd, size] = variant.includes(':') ? (variant.split(':') as [string, string]) : [process.cwd(), variant];
      const args = ['--expose-gc', '--import', 'tsx', 'bench/heap-child.ts', sim.url, sim.apiKey, appId, runs, ...(size ? [size] : [])];
      const { stdout } = await promisify(execFile)(process.execPath, args, { cwd, maxBuffer: 2 ** 20 });
      const { peakMb, liveMb, snapshotMb, semiSpaceMb } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { peakMb: number; liveMb: number; snapshotMb: number; semiSpaceMb: number };
      console.log(`round ${round + 1}, ${cwd === process.cwd() ? '' : `${cwd} `}concurrency ${size || 'default'}: peak ${peakMb.toFixed(1)} MB (${(peakMb / snapshotMb).toFixed(2)}×), live ${liveMb.toFixed(1)} MB, semi-space ${semiSpaceMb.toFixed(0)} MB, snapshot JSON ${snapshotMb.toFixed(2)} MB; load ${loadavg()[0]?.toFixed(1)}`);
    }
  }
} finally {
  sim.stop();
  await rm(dir, { recursive: true, force: true });
}
