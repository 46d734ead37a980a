// The analyses in flight, one per tab, as the background holds them: start (or join the one
// running), cancel, and a notice on every change. Finished outcomes go to `saveResult`, and so do
// the partial ones while the timing pass runs (phase "measuring", `reportAt` tells the pages to
// reload): the same analysis each time, so the store keeps one entry that grows.
// During the timing pass, Cancel and Skip stop only that pass: the run ends with what was measured
// and says which sheets were not; Skip also turns the pass off for the app (`skipTimings`).
import { type AnalysisRun } from '../protocol/run';
import { isRunning } from './is-running';
import type { Settings } from '../protocol/settings';
import { type QlikApp } from '../protocol/tab-state';
import { appKeyOf } from './app-key';
import { runAnalysis, type AnalysisOutcome, type AnalysisSteps } from './analysis';
import { toErrorInfo } from './errors';

export interface RunRegistryOptions<Connection, Snapshot> {
  steps: AnalysisSteps<Connection, Snapshot>;
  loadSettings(): Promise<Settings>;
  /** stores a finished run's outcome (summary and full analysis) before the run is marked done */
  saveResult(outcome: AnalysisOutcome<Snapshot>): Promise<void>;
  /** whether the user turned the timing pass off for the app (default: never) */
  timingsSkipped?(appKey: string): Promise<boolean>;
  /** remembers the user's Skip for the app */
  skipTimings?(appKey: string): Promise<void>;
  /** the least time between two partial reports, ms (runAnalysis's default when absent) */
  partialIntervalMs?: number;
  /** called with the run's new state on every change */
  onChange(tabId: number, run: AnalysisRun): void;
  now?: () => number;
  newRunId?: () => string;
}

export interface RunRegistry {
  start(tabId: number, app: QlikApp): AnalysisRun;
  /** ends the run; during the timing pass, ends only the pass (the run keeps what was measured) */
  cancel(tabId: number): boolean;
  /** during the timing pass: ends it like Cancel, and the app's next analyses skip it */
  skipTimings(tabId: number): Promise<boolean>;
  /** the tab's latest run (running or finished), or null */
  current(tabId: number): AnalysisRun | null;
  /** resolves when the tab's run has ended (for tests and the demo) */
  settled(tabId: number): Promise<void>;
  forget(tabId: number): void;
}

interface Entry {
  run: AnalysisRun;
  /** set once the run has reached a final phase: later updates from its steps are dropped */
  ended: boolean;
  controller: AbortController;
  /** ends the timing pass alone; its reason is what the sheets not measured say */
  timings: AbortController;
  done: Promise<void>;
}

const CANCELLED_TIMINGS = 'Not timed: the timing pass was cancelled from this sheet on.';
const SKIPPED_TIMINGS = 'Not timed: the timing pass was skipped from this sheet on (it stays off for this app until turned back on).';

export function createRunRegistry<Connection, Snapshot>(
  options: RunRegistryOptions<Connection, Snapshot>,
): RunRegistry {
  const { steps, now = Date.now, newRunId = () => crypto.randomUUID() } = options;
  const entries = new Map<number, Entry>();

  function update(tabId: number, entry: Entry, change: Partial<AnalysisRun>) {
    if (entry.ended || entries.get(tabId) !== entry) return; // ended, or a newer run replaced it
    entry.run = { ...entry.run, ...change };
    if (!isRunning(entry.run)) entry.ended = true;
    options.onChange(tabId, entry.run);
  }

  async function execute(tabId: number, app: QlikApp, entry: Entry) {
    try {
      const settings = await options.loadSettings();
      const skipTimings = (await options.timingsSkipped?.(appKeyOf(app))) ?? false;
      const outcome = await runAnalysis(
        { tabId, app, settings, signal: entry.controller.signal, stopTimings: entry.timings.signal, skipTimings },
        steps,
        {
          now,
          ...(options.partialIntervalMs !== undefined ? { partialIntervalMs: options.partialIntervalMs } : {}),
          onProgress: ({ phase, done, total, detail }) => update(tabId, entry, { phase, detail, progress: total !== undefined ? { done: done ?? 0, total } : undefined }),
          onPartial: async (partial) => {
            if (entry.ended || entries.get(tabId) !== entry) return;
            await options.saveResult(partial);
            update(tabId, entry, { reportAt: now() });
          },
        },
      );
      if (entry.ended) return; // cancelled meanwhile: the user asked for no result
      await options.saveResult(outcome);
      update(tabId, entry, { phase: 'done', finishedAt: now(), detail: undefined });
    } catch (error) {
      update(tabId, entry, { phase: 'failed', finishedAt: now(), detail: undefined, error: toErrorInfo(error) });
    }
  }

  return {
    start(tabId, app) {
      const running = entries.get(tabId);
      if (running && isRunning(running.run) && running.run.appKey === appKeyOf(app)) return running.run;
      if (running) {
        running.controller.abort();
        running.ended = true;
      }
      const entry: Entry = {
        run: { runId: newRunId(), appKey: appKeyOf(app), phase: 'connecting', startedAt: now() },
        ended: false,
        controller: new AbortController(),
        timings: new AbortController(),
        done: Promise.resolve(),
      };
      entries.set(tabId, entry);
      options.onChange(tabId, entry.run);
      entry.done = execute(tabId, app, entry);
      return entry.run;
    },
    cancel(tabId) {
      const entry = entries.get(tabId);
      if (!entry || !isRunning(entry.run)) return false;
      if (entry.run.phase === 'measuring') {
        entry.timings.abort(CANCELLED_TIMINGS);
        return true;
      }
      entry.controller.abort();
      // Final at once, even if a step is slow to notice the abort.
      update(tabId, entry, { phase: 'cancelled', finishedAt: now(), detail: undefined });
      return true;
    },
    async skipTimings(tabId) {
      const entry = entries.get(tabId);
      if (!entry || entry.run.phase !== 'measuring') return false;
      entry.timings.abort(SKIPPED_TIMINGS);
      await options.skipTimings?.(entry.run.appKey);
      return true;
    },
    current: (tabId) => entries.get(tabId)?.run ?? null,
    settled: async (tabId) => {
      await entries.get(tabId)?.done;
    },
    forget(tabId) {
      const entry = entries.get(tabId);
      if (!entry) return;
      entry.controller.abort();
      entry.ended = true;
      entries.delete(tabId);
    },
  };
}
