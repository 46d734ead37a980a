// `npm run bench -- browser` (issue #20 item 5): real Chromium with the built extension on the
// collection bench's app (100 sheets, 2,000 objects, 10,000 expressions, 40 ms per engine message),
// driven as a user does: the popup of the Qlik tab, click Analyze, wait for the first findings in
// the popup (the inventory's report while the timing pass runs), then for the complete report. The
// service worker's JS heap (DevTools Runtime.getHeapUsage): sampled while it runs (its peak growth
// to the first findings and to the complete report, against the snapshots' JSON size), and at the
// end, before and after a forced GC. Printed against the Node collection of the same app
// in the same run (lib/ over enigma.js + ws, the simulator in its own process like collect.bench.ts):
// its time to first findings, its whole collection and analysis, its JS heap growth.
// Chromium is found by scripts/browsers/ensure.ts; the extension is built first when older than
// its sources (scripts/ensure-build.ts). Not part of the default `npm run bench` (bench/run.ts).
import { rm } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import type { BrowserContext, Page } from '@playwright/test';
import { analyse } from '../lib/rules/analyse';
import { nodeSocketFactory } from '../lib/cli/node-socket';
import { DEFAULT_TIMING_MODE } from '../lib/snapshot/timing-mode';
import { collectApp } from '../lib/collect/index';
import { ensureBrowser } from '../scripts/browsers/ensure';
import { ensureBuild } from '../scripts/ensure-build';
import { extensionWorker, launchWithExtension, tabIdOf } from '../test/e2e/browser';
import { startSimulator } from '../test/sim/index';
import { benchAppsDir, endpoint } from './bench-app';
import { attachToWorker, type WorkerDevTools } from './worker-devtools';
import { withHeapPeak } from './heap-peak';
import type { BenchResult } from './run';
import { startSimProcess } from './sim-process';

const LATENCY_MS = 40;
const CALC_MS = 5;
const CACHED_CALC_MS = 1;
/** the whole analysis with the quick timing pass takes about 40 s at 40 ms latency; a loaded machine more */
const REPORT_TIMEOUT_MS = 600_000;

interface Heap {
  usedMb: number;
  afterGcMb: number;
}

const heapUsed = async (worker: WorkerDevTools): Promise<number> => ((await worker.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;

/** The service worker's JS heap now (DevTools Runtime.getHeapUsage), then after HeapProfiler.collectGarbage. */
async function serviceWorkerHeap(worker: WorkerDevTools): Promise<Heap> {
  const used = await heapUsed(worker);
  await worker.send('HeapProfiler.collectGarbage');
  const afterGc = await heapUsed(worker);
  return { usedMb: used / 2 ** 20, afterGcMb: afterGc / 2 ** 20 };
}

/**
 * The worker's JS heap sampled over DevTools while a piece of work runs (one request at a time,
 * about every 10 ms): the largest sample so far, and the base it grows from (after a GC).
 */
async function sampleWorkerHeap(worker: WorkerDevTools): Promise<{ baseMb: number; peakMb: () => number; stop: () => Promise<void> }> {
  await worker.send('HeapProfiler.collectGarbage');
  const base = await heapUsed(worker);
  let peak = base;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await heapUsed(worker).catch(() => peak));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  return {
    baseMb: base / 2 ** 20,
    peakMb: () => (peak - base) / 2 ** 20,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** Signed in as the simulated developer (the login cookie), the app open in the tab. */
async function openApp(context: BrowserContext, tenantUrl: string, appId: string, cookies: { name: string; value: string }[]): Promise<Page> {
  await context.addCookies(cookies.map((c) => ({ ...c, url: tenantUrl })));
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${tenantUrl}/sense/app/${appId}`);
  return page;
}

interface BrowserRun {
  firstFindingMs: number;
  reportMs: number;
  findings: number;
  heap: Heap;
  /** the worker's JS heap growth at its peak from the click to the end of the collection (the timing pass begins), MB */
  heapPeakCollectionMb: number;
  /** the worker's JS heap growth at its peak from the click to the first findings (collection, checks and the first analysis), and to the complete report, MB */
  heapPeakToFirstFindingsMb: number;
  heapPeakToReportMb: number;
}

async function browserRun(context: BrowserContext, tenantUrl: string, appId: string, cookies: { name: string; value: string }[]): Promise<BrowserRun> {
  const worker = await extensionWorker(context);
  const extensionId = new URL(worker.url()).host;
  const qlikTab = await openApp(context, tenantUrl, appId, cookies);
  const tabId = await tabIdOf(worker, qlikTab);
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
  const status = popup.getByTestId('tab-status');
  await status.waitFor();
  if ((await status.getAttribute('data-kind')) !== 'qlik-app') throw new Error(`The popup did not detect the bench app (tab state: ${await status.getAttribute('data-kind')}).`);
  const devtools = await attachToWorker(context, extensionId);
  try {
    const sampler = await sampleWorkerHeap(devtools);
    const started = Date.now();
    await popup.getByRole('button', { name: 'Analyze' }).click();
    // the timing pass begins (its Skip button shows) once the inventory and the expression checks
    // are in: the worker's heap up to then is the collection's, before the first analysis
    const failed = popup.getByTestId('run-error');
    await popup.getByTestId('skip-timings').or(failed).first().waitFor({ timeout: REPORT_TIMEOUT_MS });
    const heapPeakCollectionMb = sampler.peakMb();
    // the first findings the popup shows: the inventory's report (its summary with the counts by
    // severity) while the timing pass runs (progressive results); its top list may stay empty until
    // the timings bring the warnings that come first
    await popup.getByTestId('severity-counts').or(popup.getByTestId('finding')).or(failed).first().waitFor({ timeout: REPORT_TIMEOUT_MS });
    const firstFindingMs = Date.now() - started;
    const heapPeakToFirstFindingsMb = sampler.peakMb();
    await popup.getByTestId('report-summary').or(failed).first().waitFor({ timeout: REPORT_TIMEOUT_MS });
    await popup.getByTestId('progress').waitFor({ state: 'hidden', timeout: REPORT_TIMEOUT_MS });
    const reportMs = Date.now() - started;
    await sampler.stop();
    if (await failed.isVisible()) throw new Error(`The analysis failed in the browser: ${(await failed.textContent())?.trim()}`);
    const findings = await popup.getByTestId('finding').count();
    return { firstFindingMs, reportMs, findings, heap: await serviceWorkerHeap(devtools), heapPeakCollectionMb, heapPeakToFirstFindingsMb, heapPeakToReportMb: sampler.peakMb() };
  } finally {
    await devtools.close();
  }
}

interface NodeRun {
  /** UTF-8 size of the snapshots as JSON: the inventory's (the first findings' input) and the final one, MB */
  inventoryJsonMb: number;
  finalJsonMb: number;
  firstFindingsMs: number;
  totalMs: number;
  heapPeakMb: number;
  heapAfterGcMb: number;
}

const jsonMb = (value: unknown): number => Buffer.byteLength(JSON.stringify(value)) / 2 ** 20;

/** The same app through lib/ in this Node process, the simulator in its own (like collect.bench.ts). */
async function nodeRun(appsDir: string): Promise<NodeRun> {
  const sim = await startSimProcess(appsDir, LATENCY_MS);
  try {
    const { headers, appId, rest, open } = await endpoint(sim);
    const engine = await open(nodeSocketFactory({ headers }));
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const base = process.memoryUsage().heapUsed;
    const started = performance.now();
    let firstFindingsMs = 0;
    let inventoryJsonMb = 0;
    const collected = await withHeapPeak(async () => {
      const snapshot = await collectApp({
        engine,
        rest,
        appId,
        source: { host: 'bench', mode: 'test' },
        onPartial: (inventory, { measured }) => {
          if (measured > 0) return;
          analyse(inventory);
          firstFindingsMs = performance.now() - started;
          inventoryJsonMb = jsonMb(inventory);
        },
      });
      analyse(snapshot);
      return snapshot;
    }).finally(() => engine.close());
    const totalMs = performance.now() - started;
    gc?.(); // the snapshot is still held here: what a collection keeps
    const heapAfterGcMb = (process.memoryUsage().heapUsed - base) / 2 ** 20;
    return { inventoryJsonMb, finalJsonMb: jsonMb(collected.value), firstFindingsMs, totalMs, heapPeakMb: collected.heapPeakMb, heapAfterGcMb };
  } finally {
    sim.stop();
  }
}

export default async function browserBench(): Promise<BenchResult[]> {
  const chromium = ensureBrowser('chromium');
  ensureBuild();
  const load = loadavg()[0] ?? 0;
  const dir = await benchAppsDir('qlarity-bench-browser-', { calcMs: CALC_MS, cachedCalcMs: CACHED_CALC_MS });
  try {
    const node = await nodeRun(dir);
    const sim = await startSimulator({ appsDir: dir, latencyMs: LATENCY_MS });
    let context: BrowserContext | undefined;
    let run: BrowserRun;
    try {
      context = await launchWithExtension(sim);
      const appId = sim.apps[0]?.id ?? '';
      run = await browserRun(context, sim.tenantUrl, appId, sim.login(sim.users.developer).cookies);
    } finally {
      await context?.close().catch(() => undefined);
      await sim.close();
    }
    const where = `${chromium.path}, bench app at ${LATENCY_MS} ms latency, ${DEFAULT_TIMING_MODE} timing pass (the default)`;
    return [
      { name: `browser: click Analyze → first findings visible in the popup (their counts by severity; ${where})`, value: run.firstFindingMs, unit: 'ms', baseline: { name: 'Node: inventory, checks and analysis of that snapshot (the first onPartial of collectApp)', value: node.firstFindingsMs } },
      { name: `browser: click Analyze → report complete in the popup (${run.findings} findings listed)`, value: run.reportMs, unit: 'ms', baseline: { name: 'Node: the whole collection and analysis', value: node.totalMs } },
      {
        name: "browser: peak JS heap of the collection in the service worker (growth over its size after a GC before the click, DevTools Runtime.getHeapUsage about every 10 ms, from the click until the timing pass begins: the inventory and the expression checks, before the first analysis)",
        value: run.heapPeakCollectionMb,
        unit: 'MB',
        baseline: { name: "the inventory snapshot's JSON size (the same app in Node)", value: node.inventoryJsonMb },
        target: "at most 3× the snapshot's JSON size",
        meetsTarget: run.heapPeakCollectionMb <= 3 * node.inventoryJsonMb,
      },
      {
        name: "browser: the service worker's JS heap growth at its peak from the click to the first findings: the collection, the expression checks and the analysis of that snapshot (DevTools Runtime.getHeapUsage about every 10 ms, over its size after a GC before the click)",
        value: run.heapPeakToFirstFindingsMb,
        unit: 'MB',
        baseline: { name: "the inventory snapshot's JSON size (the same app in Node)", value: node.inventoryJsonMb },
      },
      {
        name: "browser: the same, from the click to the complete report (the timing pass's layouts and the final analysis too)",
        value: run.heapPeakToReportMb,
        unit: 'MB',
        baseline: { name: "the final snapshot's JSON size", value: node.finalJsonMb },
      },
      { name: 'browser: service worker JS heap at the end (used)', value: run.heap.usedMb, unit: 'MB', baseline: { name: 'Node: peak JS heap growth during the collection and analysis', value: node.heapPeakMb } },
      { name: 'browser: service worker JS heap at the end, after a garbage collection (what the worker keeps)', value: run.heap.afterGcMb, unit: 'MB', baseline: { name: 'Node: JS heap growth after a garbage collection, the snapshot still held', value: Math.max(node.heapAfterGcMb, 0.01) } },
      { name: `load average (1 min) of the machine at the start of this bench (${availableParallelism()} cores)`, value: load, unit: '' },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
