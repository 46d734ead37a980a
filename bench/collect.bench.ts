// Collection speed (issue #5): a generated app of 100 sheets, 2,000 objects, 10,000 expressions and
// 300 fields (test/fixtures/generate-large-app.ts BENCH_APP), served by the simulated tenant in its
// own process with 40 ms latency on every engine message; the client is the real lib/ code over
// enigma.js + ws. Measured in the same run and printed as ratios:
// - against the critical-path bound: the longest chain of dependent requests × latency, plus the
//   engine's simulated compute on that chain (formula in criticalPathBound below); target ≤ 2×;
// - against the npm package serializeapp reading the same app through enigma.js; target ≥ 10× faster;
// - a sweep of the request pool's concurrency (how lib/collect's default was chosen);
// - the same collection at 0 ms latency: the processing the bound leaves out (client and simulator);
// - the peak memory of this Node process.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeSocketFactory } from '../lib/cli/node-socket.ts';
import { DEFAULT_CONCURRENCY, collectApp } from '../lib/collect/index.ts';
import { DEFAULT_TIMING_CONCURRENCY } from '../lib/collect/timings.ts';
import { type EngineSession, openEngineSession } from '../lib/qlik/engine/session.ts';
import type { CreateSocket } from '../lib/qlik/engine/types.ts';
import { type RestClient, createRestClient } from '../lib/qlik/rest/client.ts';
import { BENCH_APP, generateLargeApp } from '../test/fixtures/generate-large-app.ts';
import { type TracedCall, longestChain, traceEngine } from './engine-trace.ts';
import type { BenchResult } from './run.ts';
import { loadSerializeApp, openPeerSession } from './serializeapp-peer.ts';
import { type SimProcess, startSimProcess } from './sim-process.ts';

const LATENCY_MS = 40;
/** the generated objects' simulated calculation (engine-behaviour.json) */
const CALC_MS = 5;
const CACHED_CALC_MS = 1;
const SWEEP = [64, 256, 1024, 4096, 16384];
/** runs per figure without the timing pass (the median is printed) */
const RUNS = 5;
const PAGE_METHODS = new Set(['GetHyperCubeData', 'GetHyperCubePivotData', 'GetListObjectData']);
const CHECK_METHODS = new Set(['CheckExpression', 'GetFieldsFromExpression']);

/** One collection: its time, its engine calls and what it collected (counts only: a snapshot of this app is ~50 MB of heap, not kept between runs) */
interface Run {
  ms: number;
  /** when the expression checks were all answered (performance.now()): the inventory is before, the timing pass after */
  checksDoneAt: number;
  /** CPU time of this process and of the simulator's during the run */
  clientCpuMs: number;
  simCpuMs: number;
  calls: TracedCall[];
  heapPeakMb: number;
  sheets: number;
  objects: number;
  expressions: number;
  uniqueExpressions: number;
  fields: number;
  timedObjects: number;
}

/**
 * Critical-path bound, in ms: L × (D_inventory + 1) without timings; with them + L + the timing window.
 * - D_inventory: the longest chain of data-dependent requests other than the expression checks,
 *   from the client's record of a run (engine-trace.ts), e.g. CreateSessionObject (sheet list)
 *   → GetLayout → GetObject (sheet) → GetFullPropertyTree = 4;
 * - + 1: CheckExpression / GetFieldsFromExpression (each needs the tree it found the text in);
 * - timing pass (timings.ts: sheets one after another, within a sheet at most
 *   k = DEFAULT_TIMING_CONCURRENCY objects in flight, by design, so that each object's time is its
 *   own calculation): 1 round for the object handles, then the timed calls (GetLayout, and a data
 *   page where the layout does not hold one; counted from this run's trace, after the checks were all answered)
 *   each take at least the latency L plus their calculation c (calcMs, or cachedCalcMs on the
 *   second pass), and at most k of them are in flight: ≥ (timed calls × L + Σ c) / k. That window
 *   is a chain by design, not by data dependency.
 */
function criticalPathBound(run: Run, timings: boolean): { ms: number; formula: string } {
  // the checks go out as each tree arrives: the inventory is every other call sent before they were all answered
  const inventory = longestChain(run.calls.filter((c) => !CHECK_METHODS.has(c.method) && c.sentAt < run.checksDoneAt));
  const checks = run.calls.some((c) => CHECK_METHODS.has(c.method)) ? 1 : 0;
  if (!timings) {
    return { ms: LATENCY_MS * (inventory + checks), formula: `${LATENCY_MS} ms × (${inventory} inventory + ${checks} check)` };
  }
  const timed = run.calls.filter((c) => c.sentAt > run.checksDoneAt && (c.method === 'GetLayout' || PAGE_METHODS.has(c.method))).length;
  const objects = run.timedObjects;
  const k = DEFAULT_TIMING_CONCURRENCY;
  const window = (timed * LATENCY_MS + objects * (CALC_MS + CACHED_CALC_MS)) / k;
  return {
    ms: LATENCY_MS * (inventory + checks + 1) + window,
    formula: `${LATENCY_MS} ms × (${inventory} inventory + ${checks} check + 1 handles) + (${timed} timed calls × ${LATENCY_MS} ms + ${objects} objects × ${CALC_MS + CACHED_CALC_MS} ms) / ${k} in flight`,
  };
}

interface Endpoint {
  sim: SimProcess;
  headers: Record<string, string>;
  appId: string;
  rest: RestClient;
  open: (create: CreateSocket) => Promise<EngineSession>;
}

/** The bench app on one simulator process: its id, a REST client and engine sessions. */
async function endpoint(sim: SimProcess): Promise<Endpoint> {
  const headers = { Authorization: `Bearer ${sim.apiKey}` };
  const apps = (await (await fetch(`${sim.url}/api/v1/items?resourceType=app`, { headers })).json()) as { data: { resourceId: string }[] };
  const appId = apps.data[0]?.resourceId ?? '';
  const rest = createRestClient({ baseUrl: sim.url, fetch: (u, i) => fetch(u, i), authHeaders: () => headers });
  return { sim, headers, appId, rest, open: (create) => openEngineSession({ url: sim.url, appId, createSocket: create }) };
}

/** Samples the JS heap while `work` runs. */
async function withHeapPeak<T>(work: () => Promise<T>): Promise<{ value: T; heapPeakMb: number }> {
  let peak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { value, heapPeakMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

export default async function collectBench(): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'qlarity-bench-'));
  await generateLargeApp(join(dir, 'large'), { ...BENCH_APP, calcMs: CALC_MS, cachedCalcMs: CACHED_CALC_MS });
  const sim = await startSimProcess(dir, LATENCY_MS);
  const sims = [sim];
  try {
    const main = await endpoint(sim);
    const { headers } = main;

    // `traced`: the run's engine traffic is recorded (for its chain of dependent requests and call
    // counts); the runs whose time is printed are not, so the record's own cost is not in the figure.
    // `at`: another simulator (the one without latency)
    const collect = async (options: { timings: boolean; concurrency?: number; traced: boolean; at?: Endpoint }): Promise<Run> => {
      const at = options.at ?? main;
      const trace = options.traced ? traceEngine(nodeSocketFactory({ headers: at.headers })) : undefined;
      const engine = await at.open(trace?.create ?? nodeSocketFactory({ headers: at.headers }));
      const from = performance.now();
      const clientCpu = process.cpuUsage();
      const simCpu = at.sim.cpuMs();
      let checksDoneAt = Infinity;
      const onProgress = ({ phase, done, total }: { phase: string; done: number; total: number }): void => {
        if (phase === 'expressions' && done === total) checksDoneAt = performance.now();
      };
      try {
        const { value: snapshot, heapPeakMb } = await withHeapPeak(() =>
          collectApp({ engine, rest: at.rest, appId: at.appId, source: { host: 'bench', mode: 'test' }, onProgress, ...(options.concurrency ? { concurrency: options.concurrency } : {}), ...(options.timings ? {} : { timings: false as const }) }),
        );
        const ms = performance.now() - from;
        const { user, system } = process.cpuUsage(clientCpu);
        return {
          ms,
          checksDoneAt,
          clientCpuMs: (user + system) / 1000,
          simCpuMs: at.sim.cpuMs() - simCpu,
          heapPeakMb,
          calls: trace?.between(from, Infinity) ?? [],
          sheets: snapshot.sheets.length,
          objects: snapshot.objects.length,
          expressions: snapshot.expressions.length,
          uniqueExpressions: new Set(snapshot.expressions.map((e) => e.text)).size,
          fields: (snapshot.dataModel?.fields ?? []).filter((f) => !f.isSystem).length,
          timedObjects: snapshot.timings?.objects.length ?? 0,
        };
      } finally {
        await engine.close();
      }
    };

    // the peer, measured like our runs without the timing pass: one traced run (its calls), then the
    // median of RUNS untraced ones, each in its own session
    const serializeApp = loadSerializeApp();
    const peerRuns: { ms: number; calls: TracedCall[]; sheets: number }[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const peerTrace = i === 0 ? traceEngine(nodeSocketFactory({ headers })) : undefined;
      const peer = await openPeerSession(sim.url, main.appId, peerTrace?.create ?? nodeSocketFactory({ headers }));
      const peerStarted = performance.now();
      const serialized = await serializeApp(peer.doc);
      const ms = performance.now() - peerStarted;
      await peer.close();
      peerRuns.push({ ms, calls: peerTrace?.calls ?? [], sheets: Array.isArray(serialized.sheets) ? serialized.sheets.length : 0 });
    }
    const peerCalls = (peerRuns.shift() as (typeof peerRuns)[number]).calls;
    const peerRun = peerRuns.sort((a, b) => a.ms - b.ms)[Math.floor(RUNS / 2)] as (typeof peerRuns)[number];
    const peerMs = peerRun.ms;
    const peerSheets = peerRun.sheets;

    const results: BenchResult[] = [];
    // Runs without the timing pass take well under a second, where one run's figure moves with
    // whatever else the machine does: each is the median of RUNS runs.
    const median = async (options: { timings: boolean; concurrency?: number; at?: Endpoint }): Promise<Run> => {
      const { calls, checksDoneAt } = await collect({ ...options, traced: true });
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await collect({ ...options, traced: false }));
      return { ...(runs.sort((a, b) => a.ms - b.ms)[Math.floor(RUNS / 2)] as Run), calls, checksDoneAt };
    };
    for (const concurrency of SWEEP) {
      const run = await median({ timings: false, concurrency });
      results.push({ name: `concurrency sweep: ${concurrency} requests in flight, without the timing pass${concurrency === DEFAULT_CONCURRENCY ? ' (the default)' : ''}, median of ${RUNS}`, value: run.ms, unit: 'ms' });
    }

    let heapPeakMb = 0;
    // without the timing pass first: the minute-long timed run leaves a large heap behind that the
    // next runs' garbage collection would pay for, which a fresh CLI run does not
    for (const timings of [false, true]) {
      const run = timings ? await collect({ timings, traced: true }) : await median({ timings });
      heapPeakMb = Math.max(heapPeakMb, run.heapPeakMb);
      const bound = criticalPathBound(run, timings);
      const what = `collect ${run.sheets} sheets / ${run.objects} objects / ${run.expressions} expressions (${run.uniqueExpressions} unique) / ${run.fields} fields at ${LATENCY_MS} ms latency, ${timings ? 'with' : 'without'} the timing pass (${run.calls.length} engine calls, concurrency ${DEFAULT_CONCURRENCY}${timings ? '' : `, median of ${RUNS}`}; client CPU ${Math.round(run.clientCpuMs)} ms, simulator CPU ${Math.round(run.simCpuMs)} ms)`;
      results.push({
        name: what,
        value: run.ms,
        unit: 'ms',
        baseline: { name: `the critical-path bound = ${bound.formula}`, value: bound.ms },
        target: 'within 2× the critical-path bound',
        meetsTarget: run.ms <= 2 * bound.ms,
      });
      results.push({
        name: `${timings ? 'with' : 'without'} the timing pass, against serializeapp 3.0.0 over enigma.js (${peerSheets} sheets, ${peerCalls.length} engine calls, its longest chain of data-dependent requests: ${longestChain(peerCalls)})`,
        value: run.ms,
        unit: 'ms',
        baseline: { name: `serializeapp (median of ${RUNS})`, value: peerMs },
        target: 'at least 10× faster than serializeapp',
        meetsTarget: run.ms * 10 <= peerMs,
      });
      // no target of the issue's: how the two compare per engine call (we ask ~10× as many questions)
      if (!timings) {
        results.push({
          name: `without the timing pass, time per engine call (${run.calls.length} calls), against serializeapp's (${peerCalls.length} calls)`,
          value: run.ms / run.calls.length,
          unit: 'ms',
          baseline: { name: 'serializeapp per engine call', value: peerMs / peerCalls.length },
        });
      }
    }
    // What the bound leaves out: the same collection with no latency at all is the client's and the
    // simulator's own processing on this machine (they share its cores). A run cannot take less
    // than the larger of that and the bound, whatever the ordering of its requests.
    const instantSim = await startSimProcess(dir, 0);
    sims.push(instantSim);
    const instant = await median({ timings: false, at: await endpoint(instantSim) });
    results.push({ name: `the same collection without the timing pass at 0 ms latency: the client's and the simulator's processing alone (${instant.calls.length} engine calls; in the median run client CPU ${Math.round(instant.clientCpuMs)} ms, simulator CPU ${Math.round(instant.simCpuMs)} ms, on ${availableParallelism()} cores), median of ${RUNS}`, value: instant.ms, unit: 'ms' });
    results.push({ name: 'peak JS heap of this Node process during a collection', value: heapPeakMb, unit: 'MB' });
    results.push({ name: 'peak RSS of this Node process (whole bench so far)', value: process.resourceUsage().maxRSS / 1024, unit: 'MB' });
    return results;
  } finally {
    for (const s of sims) s.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
