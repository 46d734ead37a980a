// What the CLI tests against the simulated tenant share: the tenant with its demo app, and a run
// of the CLI in-process with its output captured.
import { type Simulator, startSimulator } from '../../sim/index';

export async function startDemoTenant(): Promise<{ sim: Simulator; demoId: string }> {
  const sim = await startSimulator({ http: true });
  const demo = sim.apps.find((a) => a.source.endsWith('demo'));
  if (!demo) {
    await sim.close();
    throw new Error('the simulator loaded no demo app');
  }
  return { sim, demoId: demo.id };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `run` with an io that collects stdout and stderr. */
export async function captureRun(run: (io: { stdout: (text: string) => void; stderr: (text: string) => void }) => Promise<number>): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await run({ stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
