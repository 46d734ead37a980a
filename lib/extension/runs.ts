// The analyses in flight, one per tab, as the background holds them: start (or join the one
// running), cancel, and a notice on every change. Finished outcomes go to `saveResult`.
import { isRunning, type AnalysisRun } from '../protocol/run';
import type { Settings } from '../protocol/settings';
import { appKeyOf, type QlikApp } from '../protocol/tab-state';
import { runAnalysis, type AnalysisOutcome, type AnalysisSteps } from './analysis';
import { toErrorInfo } from './errors';

export interface RunRegistryOptions<Connection, Snapshot> {
  steps: AnalysisSteps<Connection, Snapshot>;
  loadSettings(): Promise<Settings>;
  /** stores a finished run's outcome (summary and full analysis) before the run is marked done */
  saveResult(outcome: AnalysisOutcome<Snapshot>): Promise<void>;
  /** called with the run's new state on every change */
  onChange(tabId: number, run: AnalysisRun): void;
  now?: () => number;
  newRunId?: () => string;
}

export interface RunRegistry {
  start(tabId: number, app: QlikApp): AnalysisRun;
  cancel(tabId: number): boolean;
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
  done: Promise<void>;
}

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
      const outcome = await runAnalysis(
        { tabId, app, settings, signal: entry.controller.signal },
        steps,
        { now, onProgress: ({ phase, done, total, detail }) => update(tabId, entry, { phase, detail, progress: total !== undefined ? { done: done ?? 0, total } : undefined }) },
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
      entry.controller.abort();
      // Final at once, even if a step is slow to notice the abort.
      update(tabId, entry, { phase: 'cancelled', finishedAt: now(), detail: undefined });
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
