// Progressive results (issue #20, item 1): everything but the timing pass is analysed, stored and
// shown as soon as the inventory is in; the timing pass streams its sheets into the stored report;
// Cancel and Skip during the pass keep what was measured; Skip is remembered per app.
import { describe, expect, it, vi } from 'vitest';
import { runAnalysis, type AnalysisContext, type AnalysisOutcome, type AnalysisSteps, type SheetProgress } from '../../../lib/extension/analysis';
import { createRunRegistry } from '../../../lib/extension/runs';
import type { TimingCoverage } from '../../../lib/report/report-schema';
import type { AnalysisRun } from '../../../lib/protocol/run';
import { DEFAULT_SETTINGS } from '../../../lib/protocol/settings';
import { type QlikApp } from '../../../lib/protocol/tab-state';
import { appKeyOf } from '../../../lib/extension/app-key';
import { analysisFinding, analysisResult, demoApp } from '../protocol/report-fixtures';

/** A snapshot as the fake collection makes it: how many of its sheets were measured, and whether the pass was stopped. */
interface Snap {
  measured: number;
  total: number;
  stopped?: string;
}

const SHEETS = 3;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * A collection whose timing pass goes one sheet per `sheetGate` release: the inventory snapshot
 * first, then one partial per sheet; a stop ends it with the sheets measured so far (as collectApp does).
 */
function timedSteps(options: { sheetGates?: ReturnType<typeof deferred>[] } = {}) {
  const gates = options.sheetGates ?? Array.from({ length: SHEETS }, () => deferred());
  const analysed: { snap: Snap; startedAt: number | undefined }[] = [];
  const collectCalls: AnalysisContext[] = [];
  const steps: AnalysisSteps<string, Snap> = {
    connect: async () => 'conn',
    async collect(_conn, ctx) {
      collectCalls.push(ctx);
      if (ctx.skipTimings) return { measured: 0, total: SHEETS };
      await ctx.onPartial?.({ measured: 0, total: SHEETS }, { measured: 0, total: SHEETS });
      for (let sheet = 0; sheet < SHEETS; sheet++) {
        const stop = ctx.stopTimings;
        const stopped = stop
          ? new Promise<void>((resolve) => (stop.aborted ? resolve() : stop.addEventListener('abort', () => resolve(), { once: true })))
          : new Promise<void>(() => {});
        const gate = gates[sheet];
        if (!gate) throw new Error('no gate');
        await Promise.race([gate.promise, stopped]);
        if (stop?.aborted) return { measured: sheet, total: SHEETS, stopped: String(stop.reason) };
        await ctx.onPartial?.({ measured: sheet + 1, total: SHEETS }, { measured: sheet + 1, total: SHEETS });
      }
      return { measured: SHEETS, total: SHEETS };
    },
    analyse: (snap, ctx) => {
      analysed.push({ snap, startedAt: ctx.startedAt });
      return analysisResult([analysisFinding({ message: `${snap.measured} sheets measured` })]);
    },
    timingCoverage: (snap, ctx): TimingCoverage =>
      ctx.skipTimings
        ? { state: 'skipped', measuredSheets: 0, totalSheets: snap.total }
        : { state: snap.stopped ? 'stopped' : 'complete', measuredSheets: snap.measured, totalSheets: snap.total },
    disconnect: vi.fn(),
  };
  return { steps, gates, analysed, collectCalls };
}

function registryWith(steps: AnalysisSteps<string, Snap>, skippedApps = new Set<string>()) {
  const changes: AnalysisRun[] = [];
  const saved: AnalysisOutcome<Snap>[] = [];
  let n = 0;
  const registry = createRunRegistry({
    steps,
    loadSettings: async () => DEFAULT_SETTINGS,
    saveResult: async (outcome) => void saved.push(outcome),
    timingsSkipped: async (appKey) => skippedApps.has(appKey),
    skipTimings: async (appKey) => void skippedApps.add(appKey),
    onChange: (_tabId, run) => changes.push(run),
    newRunId: () => `run-${++n}`,
    now: () => performance.now(), // a report costs what it costs: the next one is not held back by a fake clock
    partialIntervalMs: 0,
  });
  return { registry, changes, saved, skippedApps };
}

const context = (overrides: Partial<AnalysisContext> = {}): AnalysisContext => ({ tabId: 5, app: demoApp, settings: DEFAULT_SETTINGS, signal: new AbortController().signal, ...overrides });

describe('progressive results: runAnalysis', () => {
  it('hands over the inventory report (timing pass "measuring") before the timing pass ends', async () => {
    const { steps, gates } = timedSteps();
    const partials: AnalysisOutcome<Snap>[] = [];
    const done = runAnalysis(context(), steps, { onPartial: (o) => void partials.push(o), partialIntervalMs: 0 });
    await vi.waitFor(() => expect(partials).toHaveLength(1));
    expect(partials[0]?.report.timings).toEqual({ state: 'measuring', measuredSheets: 0, totalSheets: SHEETS });
    expect(partials[0]?.report.findings.map((f) => f.message)).toEqual(['0 sheets measured']);
    gates.forEach((g) => g.resolve());
    const outcome = await done;
    expect(outcome.report.timings).toEqual({ state: 'complete', measuredSheets: SHEETS, totalSheets: SHEETS });
    expect(partials.at(-1)?.report.timings?.state).toBe('measuring');
  });

  it('streams the timing pass sheet by sheet, no more often than the interval, nor than 4× what a report costs', async () => {
    const gates = Array.from({ length: SHEETS + 1 }, () => deferred());
    const { steps } = timedSteps({ sheetGates: gates });
    let clock = 0;
    const partials: number[] = [];
    const progress: SheetProgress[] = [];
    const done = runAnalysis(context(), steps, {
      onPartial: (o) => {
        partials.push(o.report.timings?.measuredSheets ?? -1);
        if (partials.length === 2) clock += 100; // this report costs 100 ms: the next one waits 400
      },
      onProgress: (p) => p.phase === 'measuring' && progress.push({ measured: p.done ?? -1, total: p.total ?? -1 }),
      partialIntervalMs: 60,
      now: () => clock,
    });
    await vi.waitFor(() => expect(partials).toEqual([0]));
    clock = 30;
    gates[0]?.resolve(); // sheet 1 within the interval: no report
    await vi.waitFor(() => expect(progress.map((p) => p.measured)).toEqual([0, 1]));
    expect(partials).toEqual([0]);
    clock = 70;
    gates[1]?.resolve(); // sheet 2 after it: a report with both sheets
    await vi.waitFor(() => expect(partials).toEqual([0, 2]));
    clock = 300; // 60 ms passed, but the last report cost 100 ms: not before 570
    gates[2]?.resolve();
    const outcome = await done;
    expect(partials).toEqual([0, 2]);
    expect(outcome.report.timings?.measuredSheets).toBe(SHEETS);
    expect(progress.map((p) => p.measured)).toEqual([0, 1, 2, 3]);
    expect(progress.every((p) => p.total === SHEETS)).toBe(true);
  });

  it('the timing pass waits while a partial report is made: no object is timed meanwhile', async () => {
    const { steps, gates } = timedSteps();
    const events: string[] = [];
    const collect = steps.collect;
    const slow = deferred();
    const done = runAnalysis(
      context(),
      {
        ...steps,
        collect: (conn, ctx) =>
          collect(conn, {
            ...ctx,
            onPartial: async (snap, sheets) => {
              events.push(`sheet ${sheets.measured} done`);
              await ctx.onPartial?.(snap, sheets);
              events.push(`pass goes on after ${sheets.measured}`);
            },
          }),
      },
      {
        onPartial: async () => {
          events.push('report');
          await slow.promise;
        },
        partialIntervalMs: 0,
      },
    );
    await vi.waitFor(() => expect(events).toEqual(['sheet 0 done', 'report']));
    gates.forEach((g) => g.resolve());
    await new Promise((r) => setTimeout(r, 20));
    expect(events).toEqual(['sheet 0 done', 'report']); // the pass is still waiting
    slow.resolve();
    await done;
    expect(events.slice(0, 3)).toEqual(['sheet 0 done', 'report', 'pass goes on after 0']);
  });

  it('the final report does not wait for the interval of a partial one still waiting', async () => {
    const { steps, gates } = timedSteps();
    const partials: number[] = [];
    const done = runAnalysis(context(), steps, { onPartial: (o) => void partials.push(o.report.timings?.measuredSheets ?? -1), partialIntervalMs: 60_000 });
    await vi.waitFor(() => expect(partials).toEqual([0]));
    const started = performance.now();
    gates.forEach((g) => g.resolve()); // the next partial would wait a minute
    const outcome = await done;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(outcome.report.timings?.state).toBe('complete');
    expect(partials).toEqual([0]);
  });

  it('gives every result of the run the run\'s start as its time, so partial and final reports are one analysis', async () => {
    const { steps, gates, analysed } = timedSteps();
    gates.forEach((g) => g.resolve());
    await runAnalysis(context(), steps, { onPartial: () => {}, partialIntervalMs: 0, now: () => 4_242 });
    expect(analysed.length).toBeGreaterThan(1);
    expect(new Set(analysed.map((a) => a.startedAt))).toEqual(new Set([4_242]));
  });

});

describe('progressive results: the run registry', () => {
  it('stores the partial report and tells the pages (phase measuring, reportAt) while the timing pass still runs', async () => {
    const { steps, gates } = timedSteps();
    const { registry, changes, saved } = registryWith(steps);
    registry.start(3, demoApp);
    await vi.waitFor(() => expect(registry.current(3)?.reportAt).toBeDefined());
    expect(registry.current(3)?.phase).toBe('measuring');
    expect(saved).toHaveLength(1);
    expect(saved[0]?.report.timings?.state).toBe('measuring');
    gates[0]?.resolve();
    await vi.waitFor(() => expect(saved.map((o) => o.report.timings?.measuredSheets)).toEqual([0, 1]));
    const firstReportAt = changes.find((c) => c.reportAt !== undefined)?.reportAt;
    expect(registry.current(3)?.reportAt).toBeGreaterThan(firstReportAt ?? Infinity);
    gates[1]?.resolve();
    gates[2]?.resolve();
    await registry.settled(3);
    expect(registry.current(3)?.phase).toBe('done');
    expect(saved.at(-1)?.report.timings).toEqual({ state: 'complete', measuredSheets: SHEETS, totalSheets: SHEETS });
    expect(changes.map((c) => c.phase)).toEqual(expect.arrayContaining(['collecting', 'measuring', 'analysing', 'done']));
  });

  it('Cancel during the timing pass ends only the pass: the run is done with the sheets measured and says which were not', async () => {
    const { steps, gates, collectCalls } = timedSteps();
    const { registry, saved } = registryWith(steps);
    registry.start(3, demoApp);
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    gates[0]?.resolve();
    await vi.waitFor(() => expect(saved.map((o) => o.report.timings?.measuredSheets)).toContain(1));
    expect(registry.cancel(3)).toBe(true);
    await registry.settled(3);
    expect(registry.current(3)?.phase).toBe('done');
    expect(collectCalls[0]?.stopTimings?.reason).toMatch(/cancelled/);
    const final = saved.at(-1);
    expect(final?.snapshot).toEqual({ measured: 1, total: SHEETS, stopped: expect.stringMatching(/cancelled/) });
    expect(final?.report.timings).toEqual({ state: 'stopped', measuredSheets: 1, totalSheets: SHEETS });
    expect(final?.report.findings.map((f) => f.message)).toEqual(['1 sheets measured']);
    expect(steps.disconnect).toHaveBeenCalledTimes(1);
  });

  it('Cancel before the timing pass still ends the whole run and saves nothing', async () => {
    const gate = deferred();
    const { steps } = timedSteps();
    const { registry, saved } = registryWith({ ...steps, collect: async () => (await gate.promise, { measured: 0, total: 0 }) });
    registry.start(3, demoApp);
    await vi.waitFor(() => expect(registry.current(3)?.phase).toBe('collecting'));
    expect(registry.cancel(3)).toBe(true);
    expect(registry.current(3)?.phase).toBe('cancelled');
    gate.resolve();
    await registry.settled(3);
    expect(saved).toEqual([]);
  });

  it('Skip timings stops the pass, keeps what was measured, and is remembered for that app only', async () => {
    const { steps, collectCalls } = timedSteps();
    const { registry, saved, skippedApps } = registryWith(steps);
    registry.start(3, demoApp);
    await vi.waitFor(() => expect(registry.current(3)?.phase).toBe('measuring'));
    await expect(registry.skipTimings(3)).resolves.toBe(true);
    await registry.settled(3);
    expect(registry.current(3)?.phase).toBe('done');
    expect(collectCalls[0]?.stopTimings?.reason).toMatch(/skipped/);
    expect(saved.at(-1)?.report.timings?.state).toBe('stopped');
    expect(skippedApps).toEqual(new Set([appKeyOf(demoApp)]));

    // the same app's next analysis runs without the timing pass, and its report says so
    registry.start(3, demoApp);
    await registry.settled(3);
    expect(collectCalls[1]?.skipTimings).toBe(true);
    expect(saved.at(-1)?.report.timings).toEqual({ state: 'skipped', measuredSheets: 0, totalSheets: SHEETS });

    // another app is still measured
    const other: QlikApp = { ...demoApp, appId: 'another-app-id' };
    registry.start(4, other);
    await vi.waitFor(() => expect(registry.current(4)?.phase).toBe('measuring'));
    expect(collectCalls[2]?.skipTimings).toBe(false);
    registry.forget(4);
  });

  it('Skip outside the timing pass does nothing and remembers nothing', async () => {
    const { steps } = timedSteps();
    const { registry, skippedApps } = registryWith({ ...steps, collect: async () => ({ measured: 0, total: 0 }) });
    registry.start(3, demoApp);
    await expect(registry.skipTimings(3)).resolves.toBe(false);
    await registry.settled(3);
    await expect(registry.skipTimings(3)).resolves.toBe(false);
    expect(skippedApps.size).toBe(0);
  });
});
