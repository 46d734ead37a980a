// Collection speed on a generated 100-sheet app over 20 ms engine latency. The simulated tenant
// runs in its own process (like a real engine, its CPU work does not share our event loop); the
// client is the real lib/ code over enigma.js + ws. Baseline, measured in the same run: the same
// engine calls made one at a time (the session's measured round trip × the calls the collection made).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeSocketFactory } from '../lib/cli/node-socket.ts';
import { collectApp } from '../lib/collect/index.ts';
import { openEngineSession } from '../lib/qlik/engine/session.ts';
import type { CreateSocket } from '../lib/qlik/engine/types.ts';
import { createRestClient } from '../lib/qlik/rest/client.ts';
import { generateLargeApp } from '../test/fixtures/generate-large-app.ts';
import type { BenchResult } from './run.ts';

const LATENCY_MS = 20;
const SHEETS = 100;
/** the simulator's own per-call work dominates in absolute terms, so the target is relative to the one-at-a-time baseline */
const TARGET_SHARE = 0.25;

async function startSimProcess(appsDir: string): Promise<{ url: string; apiKey: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/sim/cli.ts', '--apps', appsDir, '--http', '--latency', String(LATENCY_MS)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulator did not start:\n${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const apiKey = /^api key\s+\(developer\)\s+(\S+)/m.exec(out)?.[1];
      if (url && apiKey) {
        clearTimeout(timer);
        resolve({ url, apiKey, child });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}):\n${out}`)));
  });
}

/** Counts the frames the client sends (one per engine call). */
function counting(create: CreateSocket): { create: CreateSocket; sent: () => number } {
  let sent = 0;
  return {
    sent: () => sent,
    create: (url) => {
      const socket = create(url);
      const send = socket.send.bind(socket);
      socket.send = (data) => {
        sent++;
        send(data);
      };
      return socket;
    },
  };
}

export default async function collectBench(): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'qlarity-bench-'));
  await generateLargeApp(join(dir, 'large'), { sheets: SHEETS });
  const sim = await startSimProcess(dir);
  try {
    const apps = (await (await fetch(`${sim.url}/api/v1/items?resourceType=app`, { headers: { Authorization: `Bearer ${sim.apiKey}` } })).json()) as { data: { resourceId: string }[] };
    const appId = apps.data[0]?.resourceId ?? '';
    const headers = { Authorization: `Bearer ${sim.apiKey}` };
    const rest = createRestClient({ baseUrl: sim.url, fetch: (u, i) => fetch(u, i), authHeaders: () => headers });
    const open = (create: CreateSocket) => openEngineSession({ url: sim.url, appId, createSocket: create });

    // the round trip of one cheap call, sequentially, in a session of its own
    const probe = await open(nodeSocketFactory({ headers }));
    const rounds = 20;
    const t0 = performance.now();
    for (let i = 0; i < rounds; i++) await probe.doc.checkExpression('1');
    const roundTripMs = (performance.now() - t0) / rounds;
    await probe.close();

    const results: BenchResult[] = [];
    for (const timings of [true, false]) {
      const socket = counting(nodeSocketFactory({ headers }));
      const engine = await open(socket.create);
      const before = socket.sent();
      const started = performance.now();
      const snapshot = await collectApp({ engine, rest, appId, source: { host: 'bench', mode: 'test' }, ...(timings ? {} : { timings: false as const }) });
      const ms = performance.now() - started;
      const calls = socket.sent() - before;
      await engine.close();
      results.push({
        name: `collect ${snapshot.sheets.length} sheets / ${snapshot.objects.length} objects / ${snapshot.expressions.length} expressions at ${LATENCY_MS} ms latency, ${timings ? 'with' : 'without'} the timing pass (${calls} engine calls)`,
        value: ms,
        unit: 'ms',
        baseline: { name: `the same ${calls} calls one at a time (${roundTripMs.toFixed(1)} ms round trip each)`, value: roundTripMs * calls },
        target: `under ${TARGET_SHARE * 100} % of the one-at-a-time time`,
        meetsTarget: ms < roundTripMs * calls * TARGET_SHARE,
      });
    }
    return results;
  } finally {
    sim.child.kill();
    await rm(dir, { recursive: true, force: true });
  }
}
