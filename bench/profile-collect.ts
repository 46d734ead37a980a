// `npx tsx bench/profile-collect.ts [--timings] [--runs N] [--profile <dir>] [--heap-profile <dir>] [--delta false] [--concurrency N] [--phases] [--methods] [--checks false]`: the collect bench's app and simulator
// (bench/collect.bench.ts), one collection per run, printing each run's time, engine call count and
// JS heap (growth over the heap before it at its peak, sampled as the bench does, bench/heap-peak.ts;
// the runs are traced, which keeps each request's text: their heap is a little above the bench's).
// --live: a full GC before each heap sample (the peak of live data; needs --expose-gc).
// --heap-profile <dir>: a sampling heap profile of the last collection (every allocation, garbage
// included: what the collection allocates, by function); summarise it with bench/heapprofile-top.ts.
// e.g. `node --expose-gc --import tsx bench/profile-collect.ts --runs 3 --live` (V8's default young generation).
// --checks false: the inventory alone (no expression checks).
// For CPU profiles: `node --cpu-prof --cpu-prof-dir /tmp/prof --import tsx bench/profile-collect.ts`
// profiles this (client) process; SIM_NODE_OPTIONS="--cpu-prof --cpu-prof-dir /tmp/prof" the
// simulator's child process. Summarise a .cpuprofile with bench/cpuprofile-top.ts.
import { once } from 'node:events';
import { rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { nodeSocketFactory } from '../lib/cli/node-socket';
import { collectApp } from '../lib/collect/index';
import { openEngineSession } from '../lib/qlik/engine/session';
import { benchAppsDir, endpoint } from './bench-app';
import { longestChain, traceEngine } from './engine-trace';
import { withHeapPeak } from './heap-peak';
import { startSimProcess } from './sim-process';

const { values } = parseArgs({ options: { timings: { type: 'boolean', default: false }, runs: { type: 'string', default: '1' }, profile: { type: 'string' }, delta: { type: 'string', default: 'false' }, concurrency: { type: 'string' }, 'heap-profile': { type: 'string' }, live: { type: 'boolean', default: false }, phases: { type: 'boolean', default: false }, methods: { type: 'boolean', default: false }, latency: { type: 'string', default: '40' }, checks: { type: 'string', default: 'true' } } });
// --profile <dir>: a CPU profile of the last collection only (not the start-up), via the inspector
const inspector = new Session();
inspector.connect();
const post = (method: string): Promise<unknown> => new Promise((resolve, reject) => inspector.post(method, (error, result) => (error ? reject(error) : resolve(result))));
const postWith = (method: string, params: object): Promise<unknown> => new Promise((resolve, reject) => inspector.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
/** with --expose-gc: each run's base is collected first */
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);
const dir = await benchAppsDir('qlarity-profile-', { calcMs: 5, cachedCalcMs: 1 });
const sim = await startSimProcess(dir, Number(values.latency), process.env.SIM_NODE_OPTIONS?.split(' ').filter(Boolean));
try {
  let restLog: string[] = [];
  let restFrom = 0;
  const timedFetch = async (u: string, i?: RequestInit): Promise<Response> => {
    const t = performance.now() - restFrom;
    const response = await fetch(u, i);
    restLog.push(`  REST ${new URL(u).pathname} ${Math.round(t)}–${Math.round(performance.now() - restFrom)} ms`);
    return response;
  };
  const { headers, appId, rest } = await endpoint(sim, { fetch: timedFetch });
  for (let i = 0; i < Number(values.runs); i++) {
    const trace = traceEngine(nodeSocketFactory({ headers }));
    const engine = await openEngineSession({ url: sim.url, appId, createSocket: trace.create, delta: values.delta === 'true' });
    const last = i === Number(values.runs) - 1;
    if (last && values.profile) await post('Profiler.enable').then(() => post('Profiler.start'));
    const heapProfile = last && values['heap-profile'];
    if (heapProfile) await post('HeapProfiler.enable').then(() => postWith('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }));
    gc?.();
    const heapBase = process.memoryUsage().heapUsed;
    const from = performance.now();
    restFrom = from;
    restLog = [];
    const cpu = process.cpuUsage();
    const simCpu = sim.cpuMs();
    const phases = new Map<string, { first: number; last: number; done: number; total: number }>();
    const onProgress = ({ phase, done, total }: { phase: string; done: number; total: number }): void => {
      const t = performance.now() - from;
      const p = phases.get(phase) ?? { first: t, last: t, done, total };
      phases.set(phase, { ...p, last: t, done, total });
    };
    const { value: snapshot, heapPeakMb } = await withHeapPeak(
      () => collectApp({ engine, rest, appId, source: { host: 'bench', mode: 'test' }, onProgress, ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}), ...(values.timings ? {} : { timings: false as const }), ...(values.checks === 'false' ? { expressionChecks: false as const } : {}) }),
      { live: values.live },
    );
    const ms = performance.now() - from;
    const used = process.cpuUsage(cpu);
    gc?.();
    const kept = process.memoryUsage().heapUsed - heapBase;
    const jsonMb = Buffer.byteLength(JSON.stringify(snapshot)) / 2 ** 20;
    if (heapProfile) {
      const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: unknown };
      await writeFile(join(heapProfile, `collect-${Date.now()}.heapprofile`), JSON.stringify(profile));
    }
    if (last && values.profile) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      await writeFile(join(values.profile, `collect-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    }
    await engine.close();
    if (values.phases) console.log(restLog.join('\n'));
    if (values.methods) console.log(methodSummary(trace.between(from, Infinity), from));
    if (values.phases) console.log([...phases].map(([name, p]) => `  ${name} ${Math.round(p.first)}–${Math.round(p.last)} ms (${p.done}/${p.total})`).join('\n'));
    console.log(`run ${i + 1}: ${Math.round(ms)} ms, client CPU ${Math.round((used.user + used.system) / 1000)} ms, simulator CPU ${sim.cpuMs() - simCpu} ms, ${trace.calls.length} engine calls (longest chain ${longestChain(trace.calls)}), ${snapshot.objects.length} objects, ${snapshot.expressions.length} expressions; JS heap growth at its peak ${heapPeakMb.toFixed(1)} MB${values.live ? ' (live data)' : ''}, kept after a GC ${gc ? mb(kept) : '?'} MB, snapshot JSON ${jsonMb.toFixed(1)} MB`);
  }
} finally {
  const exited = once(sim.child, 'exit');
  sim.stop();
  await exited; // the child writes its --cpu-prof on exit
  await rm(dir, { recursive: true, force: true });
}

/** Per engine method: calls, and when the first was sent, the last was sent and the last was answered (ms from `from`). */
function methodSummary(calls: readonly { method: string; sentAt: number; answeredAt?: number }[], from: number): string {
  const rows = new Map<string, { n: number; firstSent: number; lastSent: number; lastAnswered: number }>();
  for (const c of calls) {
    const r = rows.get(c.method) ?? { n: 0, firstSent: Infinity, lastSent: 0, lastAnswered: 0 };
    rows.set(c.method, { n: r.n + 1, firstSent: Math.min(r.firstSent, c.sentAt), lastSent: Math.max(r.lastSent, c.sentAt), lastAnswered: Math.max(r.lastAnswered, c.answeredAt ?? 0) });
  }
  const ms = (t: number): number => Math.round(t - from);
  return [...rows]
    .sort((a, b) => a[1].firstSent - b[1].firstSent)
    .map(([method, r]) => `  ${method} ×${r.n}: sent ${ms(r.firstSent)}–${ms(r.lastSent)} ms, last answer ${ms(r.lastAnswered)} ms`)
    .join('\n');
}
