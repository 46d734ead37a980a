// No crash reads as findings (exit 1 means "findings at the --fail-on level"): the CLI runs against
// every fault the simulated tenant offers (test/sim/types.ts FaultConfig) and ends either with a
// complete analysis or with exit 3 and a message, never exit 1 and never without a word. The faults
// a collection survives (latency, drops it resumes from, a 429 with Retry-After, an engine error on
// some calls) give a result; the ones it cannot (a refused socket, a malformed frame, an engine
// session that times out) give exit 3. One run is spawned through the bin, so
// the process-level handlers are covered too.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQlarity } from '../../../lib/cli/main';
import type { FaultConfig, Simulator } from '../../sim/index';
import { type Run, captureRun, startDemoTenant } from './sim-tenant';

let sim: Simulator;
let demoId: string;

beforeAll(async () => {
  ({ sim, demoId } = await startDemoTenant());
}, 60_000);
afterAll(async () => {
  await sim?.close();
});

async function analyzeWith(faults: FaultConfig, extra: string[] = []): Promise<Run> {
  sim.reset();
  sim.faults.set(faults);
  return captureRun((io) => runQlarity(['analyze', '--host', sim.url, '--app', demoId, '--api-key', sim.apiKey, '--format', 'json', '--no-timings', '--quiet', '--fail-on', 'none', ...extra], { ...io, env: {} }));
}

/** Every key of FaultConfig, each with a value that exercises it; `fatal`: the collection cannot survive it. */
const FAULTS: { name: keyof FaultConfig; faults: FaultConfig; fatal: boolean; args?: string[] }[] = [
  { name: 'latencyMs', faults: { latencyMs: 30 }, fatal: false },
  { name: 'objectLayoutLatencyMs', faults: { objectLayoutLatencyMs: 30 }, fatal: false },
  { name: 'dropAfterMessages', faults: { dropAfterMessages: 40 }, fatal: false },
  { name: 'dropTimes', faults: { dropAfterMessages: 40, dropTimes: 1 }, fatal: false },
  { name: 'closeCode', faults: { closeCode: 4203 }, fatal: true },
  { name: 'engineErrors', faults: { engineErrors: [{ method: 'GetFullPropertyTree', code: 5 }] }, fatal: false },
  { name: 'rateLimit', faults: { rateLimit: [{ pathPrefix: '/api/v1/apps', retryAfterSeconds: 0, times: 2 }] }, fatal: false },
  { name: 'sessionTimeoutMs', faults: { sessionTimeoutMs: 1, latencyMs: 20 }, fatal: true },
  { name: 'malformedFrameOn', faults: { malformedFrameOn: 'GetAppLayout' }, fatal: true },
  // the app opens, then the engine stops answering: the silence limit (here 2 s) ends the run
  { name: 'silent', faults: { silent: { methods: ['GetAppLayout', 'CreateSessionObject'] } }, fatal: true, args: ['--engine-timeout', '2'] },
];

describe('the CLI under every simulator fault', () => {
  it('covers every fault the simulator offers', () => {
    const keys: Record<keyof FaultConfig, true> = {
      latencyMs: true, objectLayoutLatencyMs: true, dropAfterMessages: true, dropTimes: true, closeCode: true, engineErrors: true, rateLimit: true, sessionTimeoutMs: true, malformedFrameOn: true, silent: true,
    };
    expect(FAULTS.map((f) => f.name).sort()).toEqual(Object.keys(keys).sort());
  });

  it.each(FAULTS)('$name: a result, or exit 3 with a message — never exit 1', async ({ name, faults, fatal, args }) => {
    const run = await analyzeWith(faults, args);
    if (name === 'malformedFrameOn') expect(run.stderr).toMatch(/broke the protocol. \[close code 1002\] \(the engine sent a frame that is not JSON/);
    expect(run.code).not.toBe(1);
    if (fatal) {
      expect(run.code).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^Failed: \S/);
    } else {
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout) as { app: { id: string }; findings: unknown[] };
      expect(out.app.id).toBe(demoId);
    }
  }, 120_000);

  it('spawned through the bin: a malformed engine frame with --fail-on info ends with exit 3 and a message', async () => {
    sim.reset();
    sim.faults.set({ malformedFrameOn: 'GetAppLayout' });
    const bin = fileURLToPath(new URL('../../../bin/qlarity.mjs', import.meta.url));
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [bin, 'analyze', '--host', sim.url, '--app', demoId, '--api-key', sim.apiKey, '--no-timings', '--quiet', '--fail-on', 'info'], (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
      ),
    );
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Failed: .*not JSON/);
  }, 60_000);
});
