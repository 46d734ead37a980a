// `npx tsx bench/heap-sweep.ts [runs] [[<dir>:]<concurrency> …]`: the collect bench's heap figures in
// a Node process with V8's default young generation (bench/heap-child.ts) for each request-pool size,
// taken in turn (a, b, a, b) on one simulator at 40 ms latency, so that the machine's load falls on
// all alike. `<dir>:` runs that variant's heap-child.ts from another checkout (e.g. the code before a
// change, with a node_modules link), so both are measured in one run.
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { benchAppsDir, endpoint, heapWithDefaultYoungGeneration } from './bench-app';
import { startSimProcess } from './sim-process';

const [runs = '3', ...sizes] = process.argv.slice(2);
const dir = await benchAppsDir('qlarity-heap-sweep-', { calcMs: 5, cachedCalcMs: 1 });
const sim = await startSimProcess(dir, 40);
try {
  const at = await endpoint(sim);
  for (let round = 0; round < 2; round++) {
    for (const variant of sizes.length ? sizes : ['']) {
      const [cwd, size] = variant.includes(':') ? (variant.split(':') as [string, string]) : [process.cwd(), variant];
      const { peakMb, liveMb, snapshotMb, semiSpaceMb } = await heapWithDefaultYoungGeneration(at, Number(runs), { cwd, concurrency: size });
      console.log(`round ${round + 1}, ${cwd === process.cwd() ? '' : `${cwd} `}concurrency ${size || 'default'}: peak ${peakMb.toFixed(1)} MB (${(peakMb / snapshotMb).toFixed(2)}×), live ${liveMb.toFixed(1)} MB, semi-space ${semiSpaceMb.toFixed(0)} MB, snapshot JSON ${snapshotMb.toFixed(2)} MB; load ${loadavg()[0]?.toFixed(1)}`);
    }
  }
} finally {
  sim.stop();
  await rm(dir, { recursive: true, force: true });
}
