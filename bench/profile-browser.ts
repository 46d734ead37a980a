// `npx tsx bench/profile-browser.ts [outDir] [--cpu-only]`: the browser bench's run (bench/browser.bench.ts: the
// bench app, 40 ms latency, click Analyze in the popup) with V8 CPU profiles from the click to the
// first findings of: the extension's service worker, the Qlik tab's renderer (the content relay
// and the page bridge share its main thread), the popup, and this process (it runs the simulator).
// Prints the CPU time of every Chromium process (/proc; the browser process routes every runtime
// Port message), each profile's busy share and top functions; the .cpuprofile files go to outDir
// (default /tmp/qlarity-browser-profile) for bench/cpuprofile-top.ts or DevTools. Readable names:
// build with `QLARITY_MINIFY=0 npx wxt build` first (the bench rebuilds a minified one when the
// sources change). Linux only (/proc).
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import type { BrowserContext, CDPSession } from '@playwright/test';
import { ensureBrowser } from '../scripts/browsers/ensure';
import { ensureBuild } from '../scripts/ensure-build';
import { CHROME_BUILD, extensionWorker, launchWithExtension, tabIdOf } from '../test/e2e/browser';
import { startSimulator } from '../test/sim/index';
import { benchAppsDir } from './bench-app';
import { attachToWorker } from './worker-devtools';

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}
interface Profiler {
  start(): Promise<void>;
  stop(): Promise<Profile>;
}

const SAMPLING_US = 200;

/** Profiler over a DevTools session that takes (method, params). */
function cdpProfiler(send: (method: string, params?: object) => Promise<unknown>): Profiler {
  return {
    async start() {
      await send('Profiler.enable');
      await send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
      await send('Profiler.start');
    },
    async stop() {
      return ((await send('Profiler.stop')) as { profile: Profile }).profile;
    },
  };
}

const pageSend = (session: CDPSession) => (method: string, params: object = {}) => session.send(method as never, params as never) as Promise<unknown>;

function selfProfiler(): Profiler {
  const session = new Session();
  session.connect();
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  return cdpProfiler(send);
}

function summarise(name: string, profile: Profile, wallMs: number, top = 18): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((sample, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(sample)?.callFrame;
    if (!frame) return;
    total += dt;
    if (frame.functionName === '(idle)') {
      idle += dt;
      return;
    }
    const url = frame.url.replace(/^.*\/(chrome-mv3|node_modules)\//, '$1/');
    const key = `${frame.functionName || '(anonymous)'} ${url}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const busy = (total - idle) / 1000;
  const lines = [`\n== ${name}: ${busy.toFixed(0)} ms busy of ${(total / 1000).toFixed(0)} ms sampled (wall ${wallMs} ms)`];
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`);
  }
  return lines.join('\n');
}

/** CPU seconds (user + system) of the Chromium running our build and of every process below it, by its --type. */
function chromiumCpu(): Map<string, number> {
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
      return [{ pid: Number(pid), ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / 100, cmdline }];
    } catch {
      return [];
    }
  });
  const root = procs.find((p) => p.cmdline.some((a) => a === `--load-extension=${CHROME_BUILD}`));
  const ours = new Set(root ? [root.pid] : []);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (ours.has(p.pid) || !ours.has(p.ppid)) continue;
      ours.add(p.pid);
      grew = true;
    }
  }
  const byType = new Map<string, number>();
  for (const p of procs) {
    if (!ours.has(p.pid)) continue;
    const type = p.cmdline.find((a) => a.startsWith('--type='))?.slice(7) ?? 'browser';
    const sub = p.cmdline.find((a) => a.startsWith('--utility-sub-type='))?.slice(19) ?? '';
    const key = `${type}${sub ? ` ${sub}` : ''} ${p.pid}`;
    byType.set(key, p.cpu);
  }
  return byType;
}

const args = process.argv.slice(2);
/** --cpu-only: no V8 profiles (they cost CPU themselves), only the processes' CPU time and the wall time */
const cpuOnly = args.includes('--cpu-only');
const outDir = args.find((a) => !a.startsWith('--')) ?? '/tmp/qlarity-browser-profile';
ensureBrowser('chromium');
ensureBuild();
const dir = await benchAppsDir('qlarity-profile-browser-', { calcMs: 5, cachedCalcMs: 1 });
const sim = await startSimulator({ appsDir: dir, latencyMs: 40 });
let context: BrowserContext | undefined;
try {
  context = await launchWithExtension(sim);
  const worker = await extensionWorker(context);
  const extensionId = new URL(worker.url()).host;
  await context.addCookies(sim.login(sim.users.developer).cookies.map((c) => ({ ...c, url: sim.tenantUrl })));
  const qlikTab = context.pages()[0] ?? (await context.newPage());
  await qlikTab.goto(`${sim.tenantUrl}/sense/app/${sim.apps[0]?.id ?? ''}`);
  const tabId = await tabIdOf(worker, qlikTab);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
  await popup.getByTestId('tab-status').waitFor();
  const profilers: [string, string, Profiler][] = cpuOnly ? [] : [
    ['worker', 'service worker', cdpProfiler((await attachToWorker(context, extensionId)).send)],
    ['tab', 'Qlik tab renderer (content relay + page bridge)', cdpProfiler(pageSend(await context.newCDPSession(qlikTab)))],
    ['popup', 'popup', cdpProfiler(pageSend(await context.newCDPSession(popup)))],
    ['sim', 'bench process (simulator)', selfProfiler()],
  ];
  for (const [, , p] of profilers) await p.start();
  const cpuBefore = chromiumCpu();
  const started = Date.now();
  await popup.getByRole('button', { name: 'Analyze' }).click();
  await popup.getByTestId('severity-counts').or(popup.getByTestId('finding')).or(popup.getByTestId('run-error')).first().waitFor({ timeout: 600_000 });
  const wallMs = Date.now() - started;
  console.log(`click → first findings: ${wallMs} ms`);
  const cpuAfter = chromiumCpu();
  console.log('CPU seconds of Chromium processes over that time (/proc):');
  for (const [key, cpu] of cpuAfter) {
    const used = cpu - (cpuBefore.get(key) ?? 0);
    if (used > 0.02) console.log(`  ${used.toFixed(2).padStart(6)} s  ${key}`);
  }
  await mkdir(outDir, { recursive: true });
  for (const [file, name, p] of profilers) {
    const profile = await p.stop();
    await writeFile(join(outDir, `${file}.cpuprofile`), JSON.stringify(profile));
    console.log(summarise(name, profile, wallMs));
  }
} finally {
  await context?.close().catch(() => undefined);
  await sim.close();
  await rm(dir, { recursive: true, force: true });
}
