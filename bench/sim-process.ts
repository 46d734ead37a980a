// The simulated tenant in its own process (like a real engine, its CPU work does not share the
// client's event loop), serving the app folders of `appsDir` over plain HTTP with `latencyMs` added
// to every engine message.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface SimProcess {
  url: string;
  apiKey: string;
  child: ChildProcess;
  /** the simulator's CPU time so far, ms (Linux /proc; 0 elsewhere) */
  cpuMs(): number;
  stop(): void;
}

/** `nodeOptions`: extra Node flags for the child, e.g. `--cpu-prof` (bench/profile-collect.ts). */
export function startSimProcess(appsDir: string, latencyMs: number, nodeOptions: string[] = []): Promise<SimProcess> {
  const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', 'test/sim/cli.ts', '--apps', appsDir, '--http', '--latency', String(latencyMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = (): void => {
    if (child.exitCode === null) child.kill();
  };
  process.once('exit', stop);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulator did not start:\n${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const apiKey = /^api key\s+\(developer\)\s+(\S+)/m.exec(out)?.[1];
      if (url && apiKey) {
        clearTimeout(timer);
        resolve({ url, apiKey, child, stop, cpuMs: () => processCpuMs(child.pid) });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}):\n${out}`)));
  });
}

/** CPU time of a process so far (Linux /proc: utime + stime, in 10 ms clock ticks), ms; 0 elsewhere */
function processCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}
