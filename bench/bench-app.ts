// What the collection benches share: the bench app (test/fixtures/generate-large-app.ts BENCH_APP)
// in a temporary apps folder, reached on a simulator process (bench/sim-process.ts) with a REST
// client and engine sessions, and the heap figures of bench/heap-child.ts run on it.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type EngineSession, openEngineSession } from '../lib/qlik/engine/session';
import type { CreateSocket } from '../lib/qlik/engine/types';
import { type FetchLike, type RestClient, createRestClient } from '../lib/qlik/rest/client';
import { BENCH_APP, generateLargeApp } from '../test/fixtures/generate-large-app';
import type { SimProcess } from './sim-process';

/** A new temporary apps folder holding the bench app, its objects calculating in `calcMs` (then `cachedCalcMs`). The caller removes it. */
export async function benchAppsDir(prefix: string, calc: { calcMs: number; cachedCalcMs: number }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await generateLargeApp(join(dir, 'large'), { ...BENCH_APP, ...calc });
  return dir;
}

export interface Endpoint {
  sim: SimProcess;
  headers: Record<string, string>;
  appId: string;
  rest: RestClient;
  open: (create: CreateSocket) => Promise<EngineSession>;
}

/** The bench app on one simulator process: its id, a REST client and engine sessions. */
export async function endpoint(sim: SimProcess, options: { fetch?: FetchLike } = {}): Promise<Endpoint> {
  const headers = { Authorization: `Bearer ${sim.apiKey}` };
  const apps = (await (await fetch(`${sim.url}/api/v1/items?resourceType=app`, { headers })).json()) as { data: { resourceId: string }[] };
  const appId = apps.data[0]?.resourceId ?? '';
  const rest = createRestClient({ baseUrl: sim.url, fetch: options.fetch ?? ((u, i) => fetch(u, i)), authHeaders: () => headers });
  return { sim, headers, appId, rest, open: (create) => openEngineSession({ url: sim.url, appId, createSocket: create }) };
}

export interface ChildHeap {
  peakMb: number;
  liveMb: number;
  snapshotMb: number;
  semiSpaceMb: number;
}

/**
 * The heap figures of a Node process with V8's default young generation (bench/heap-child.ts),
 * each the largest of `runs` collections without the timing pass. `cwd`: the checkout whose
 * heap-child.ts runs (bench/heap-sweep.ts compares two); `concurrency`: the request pool's size.
 */
export async function heapWithDefaultYoungGeneration(at: Endpoint, runs: number, options: { cwd?: string; concurrency?: string } = {}): Promise<ChildHeap> {
  const args = ['--expose-gc', '--import', 'tsx', 'bench/heap-child.ts', at.sim.url, at.sim.apiKey, at.appId, String(runs), ...(options.concurrency ? [options.concurrency] : [])];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 2 ** 20, ...(options.cwd ? { cwd: options.cwd } : {}) });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildHeap;
}
