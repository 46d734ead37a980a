// The heap figures of the collect bench (bench/collect.bench.ts) that need a Node process of their
// own: the bench process runs with a 64 MB young generation (--max-semi-space-size=64, as the CLI),
// while a browser's service worker runs with V8's default one. Started by the bench with V8's
// defaults and --expose-gc: `node --expose-gc --import tsx bench/heap-child.ts <sim url> <api key> <app id> <runs> [concurrency]`.
// One collection without the timing pass to warm up, then `runs` whose heap peak is sampled as the
// bench samples it, then `runs` whose samples each follow a full GC (the peak of live data).
// Prints one JSON line: { peakMb, liveMb, snapshotMb, semiSpaceMb } (the largest peak of each kind,
// MB; semiSpaceMb: the young generation's semi-space after those runs, garbage the peak may count at most).
import { getHeapSpaceStatistics } from 'node:v8';
import { nodeSocketFactory } from '../lib/cli/node-socket';
import { collectApp } from '../lib/collect/index';
import { openEngineSession } from '../lib/qlik/engine/session';
import { createRestClient } from '../lib/qlik/rest/client';
import { withHeapPeak } from './heap-peak';

const [url = '', apiKey = '', appId = '', runsArg = '3', concurrencyArg] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('heap-child.ts needs node --expose-gc');
const headers = { Authorization: `Bearer ${apiKey}` };
const rest = createRestClient({ baseUrl: url, fetch: (u, i) => fetch(u, i), authHeaders: () => headers });

async function collectOnce(live: boolean): Promise<{ heapPeakMb: number; snapshotMb: number }> {
  const engine = await openEngineSession({ url, appId, createSocket: nodeSocketFactory({ headers }) });
  try {
    gc?.();
    const { value: snapshot, heapPeakMb } = await withHeapPeak(() => collectApp({ engine, rest, appId, source: { host: 'bench', mode: 'test' }, timings: false, ...(concurrencyArg ? { concurrency: Number(concurrencyArg) } : {}) }), { live });
    return { heapPeakMb, snapshotMb: Buffer.byteLength(JSON.stringify(snapshot)) / 2 ** 20 };
  } finally {
    await engine.close();
  }
}

await collectOnce(false);
const peaks: number[] = [];
const lives: number[] = [];
let snapshotMb = 0;
for (let i = 0; i < Number(runsArg); i++) {
  const run = await collectOnce(false);
  peaks.push(run.heapPeakMb);
  snapshotMb = run.snapshotMb;
}
// after the runs whose peak is taken (the live runs' full GCs may shrink the young generation)
const newSpace = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
const semiSpaceMb = (newSpace?.space_size ?? 0) / 2 / 2 ** 20;
for (let i = 0; i < Number(runsArg); i++) lives.push((await collectOnce(true)).heapPeakMb);
process.stdout.write(`${JSON.stringify({ peakMb: Math.max(...peaks), liveMb: Math.max(...lives), snapshotMb, semiSpaceMb })}\n`);
