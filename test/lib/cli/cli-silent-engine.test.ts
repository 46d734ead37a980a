// The CLI never hangs: against a simulated tenant whose engine is silent (the socket opens, nothing
// is answered), `qlarity analyze` (bin/qlarity.mjs, what `npm run analyze` runs) ends on its own with a message naming what waited and exit code 3
// ("connection or collection failed"). Run as a child process, so the test also shows that nothing
// keeps the process alive afterwards.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Simulator } from '../../sim/index';
import { startDemoTenant } from './sim-tenant';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let sim: Simulator;
let demoId: string;

beforeAll(async () => {
  ({ sim, demoId } = await startDemoTenant());
});
afterAll(async () => {
  await sim?.close();
});

function analyze(args: string[], limitMs: number): Promise<{ code: number | null; stderr: string; ms: number; killed: boolean }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['bin/qlarity.mjs', 'analyze', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const guard = setTimeout(() => ((killed = true), child.kill('SIGKILL')), limitMs);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, stderr, ms: Date.now() - started, killed });
    });
  });
}

it('a silent engine: the CLI stops within its limits with the reason and exit code 3', async () => {
  sim.faults.set({ silent: {} });
  const run = await analyze(['--host', sim.url, '--app', demoId, '--api-key', sim.apiKey, '--engine-timeout', '2', '--quiet'], 60_000);
  expect(run.killed).toBe(false);
  expect(run.code).toBe(3);
  expect(run.stderr).toMatch(/^Failed: The engine stopped answering: no answer for [\d.]+ s while OpenDoc \(waiting [\d.]+ s\) waited \(limit 10 s; 2 s for normal calls, 10 s while OpenDoc or a calculation waits\)\. The engine or the network path to it is not responding; Qlarity stopped instead of waiting forever\.\n$/);
  expect(sim.persistentChanges()).toEqual([]);
}, 90_000);

it('rejects a non-positive --engine-timeout as a usage error (exit 2)', async () => {
  const run = await analyze(['--host', sim.url, '--app', demoId, '--api-key', sim.apiKey, '--engine-timeout', '0'], 60_000);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/--engine-timeout must be a number of seconds above 0/);
}, 90_000);
