// runAnalysis: connect → collect → analyse → report (+ the full result and snapshot) for one app, with progress and cancellation.
// The steps are injected, so this file holds only the order, the progress reporting, the
// cancellation checks and the promise that the connection is always closed (the user's app is
// only ever read, and a metered engine session must not be left open).
// Progressive results: the collection hands over partial snapshots (everything but the timing
// pass, then after each timed sheet); one is analysed and given to `onPartial` at most every
// `partialIntervalMs`, so the findings show long before the timing pass ends. Every result of one
// run carries the run's start as its time (one history entry).
import type { AnalysisResult } from '../analyze/result';
import { reportFromAnalysis } from '../report/analysis-report';
import type { AnalysisReport, AppFacts, TimingCoverage, TopFinding } from '../report/report-schema';
import type { AnalysisPhase } from '../protocol/run';
import type { Settings } from '../protocol/settings';
import { type QlikApp } from '../protocol/tab-state';
import { appKeyOf } from './app-key';

export interface AnalysisContext {
  tabId: number;
  app: QlikApp;
  settings: Settings;
  signal: AbortSignal;
  /** aborted (its reason, a string, says why): the timing pass ends, the run finishes with the sheets measured */
  stopTimings?: AbortSignal;
  /** the user turned the timing pass off for this app */
  skipTimings?: boolean;
  /** set by runAnalysis: when the run started, the time every result of the run carries */
  startedAt?: number;
}

/** Sheets measured so far of those the timing pass times. */
export interface SheetProgress {
  measured: number;
  total: number;
}

export interface ProgressUpdate {
  phase: Extract<AnalysisPhase, 'connecting' | 'collecting' | 'measuring' | 'analysing'>;
  done?: number;
  total?: number;
  detail?: string;
}

export interface AnalysisSteps<Connection, Snapshot> {
  /** opens a read-only session on the app in the tab */
  connect(context: AnalysisContext): Promise<Connection>;
  /** reads the app into a snapshot, reporting (done, total) as it goes */
  collect(
    connection: Connection,
    context: AnalysisContext & {
      onProgress(done: number, total: number, detail?: string): void;
      /** a partial snapshot: all but the timing pass, then after each timed sheet (optional for a step); the pass waits for the promise */
      onPartial?(snapshot: Snapshot, sheets: SheetProgress): Promise<void>;
    },
  ): Promise<Snapshot>;
  /** runs the rules: pure, never touches the app */
  analyse(snapshot: Snapshot, context: AnalysisContext): AnalysisResult | Promise<AnalysisResult>;
  /** the popup's facts about the app (memory, slowest object); optional, pure */
  facts?(snapshot: Snapshot, result: AnalysisResult): AppFacts;
  /** the popup's top findings, named from the snapshot; optional, pure (default: named from the result alone) */
  top?(snapshot: Snapshot, result: AnalysisResult): TopFinding[];
  /** what the run could not cover as a whole (e.g. REST only), shown as a note; optional, pure */
  limitation?(snapshot: Snapshot): string | undefined;
  /** the finished run's timing pass: complete, stopped (which sheets were not measured) or skipped; optional, pure */
  timingCoverage?(snapshot: Snapshot, context: AnalysisContext): TimingCoverage | undefined;
  /** closes the session; called exactly once whatever happened */
  disconnect(connection: Connection): void | Promise<void>;
}

/** What one run produced: the stored summary (popup), and the full result with its snapshot (side panel). */
export interface AnalysisOutcome<Snapshot> {
  report: AnalysisReport;
  result: AnalysisResult;
  snapshot: Snapshot;
}

export interface RunOptions<Snapshot = unknown> {
  onProgress?: (update: ProgressUpdate) => void;
  /** a report of the run so far (timing pass under way); the timing pass waits for it, so it always lands before the final outcome */
  onPartial?: (outcome: AnalysisOutcome<Snapshot>) => void | Promise<void>;
  /** the least time between two partial reports, ms (default PARTIAL_INTERVAL_MS) */
  partialIntervalMs?: number;
  now?: () => number;
}

/** Partial reports during the timing pass: often enough to follow it, rarely enough that analysing and storing cost the pass little. */
export const PARTIAL_INTERVAL_MS = 1500;

export async function runAnalysis<Connection, Snapshot>(
  context: AnalysisContext,
  steps: AnalysisSteps<Connection, Snapshot>,
  { onProgress = () => {}, onPartial, partialIntervalMs = PARTIAL_INTERVAL_MS, now = Date.now }: RunOptions<Snapshot> = {},
): Promise<AnalysisOutcome<Snapshot>> {
  const { signal } = context;
  const startedAt = now();
  const run: AnalysisContext = { ...context, startedAt };
  signal.throwIfAborted();
  onProgress({ phase: 'connecting', detail: `on ${context.app.host}` });
  const connection = await steps.connect(run);

  const outcomeOf = async (snapshot: Snapshot, timings: TimingCoverage | undefined): Promise<AnalysisOutcome<Snapshot>> => {
    const result = await steps.analyse(snapshot, run);
    const limitation = steps.limitation?.(snapshot);
    const report = reportFromAnalysis(result, {
      appKey: appKeyOf(context.app),
      origin: context.app.origin,
      startedAt,
      finishedAt: now(),
      ...(steps.facts ? { facts: steps.facts(snapshot, result) } : {}),
      ...(limitation ? { limitation } : {}),
      ...(steps.top ? { top: steps.top(snapshot, result) } : {}),
      ...(timings ? { timings } : {}),
    });
    return { report, result, snapshot };
  };

  // A partial snapshot is analysed and handed over while the timing pass waits between two sheets
  // (collectApp's onPartial), so no object is timed while this thread is busy with it; the next one
  // only once the interval has passed, and no sooner than 4× what the last one cost, so the pass is
  // slowed by at most a fifth however large the app. Sheets in between are in the next report.
  let nextPartialAt = -Infinity;
  const offer = async (snapshot: Snapshot, sheets: SheetProgress): Promise<void> => {
    onProgress({ phase: 'measuring', done: sheets.measured, total: sheets.total, detail: `sheet ${Math.min(sheets.measured + 1, sheets.total)} of ${sheets.total}` });
    if (!onPartial || now() < nextPartialAt || signal.aborted) return;
    const started = now();
    try {
      await onPartial(await outcomeOf(snapshot, { state: 'measuring', measuredSheets: sheets.measured, totalSheets: sheets.total }));
    } catch (error) {
      // a partial report that fails costs only that view: the run goes on to its final report
      console.error('Qlarity: could not show the partial report', error);
    }
    nextPartialAt = now() + Math.max(partialIntervalMs, 4 * (now() - started));
  };

  try {
    signal.throwIfAborted();
    onProgress({ phase: 'collecting', done: 0, total: 0, detail: 'Reading the app' });
    let measuring = false;
    const snapshot = await steps.collect(connection, {
      ...run,
      onProgress: (done, total, detail) => {
        if (!measuring) onProgress({ phase: 'collecting', done, total, detail });
      },
      onPartial: (partial, sheets) => {
        measuring = true;
        return offer(partial, sheets);
      },
    });
    signal.throwIfAborted();
    onProgress({ phase: 'analysing', detail: 'Running the rules' });
    const outcome = await outcomeOf(snapshot, steps.timingCoverage?.(snapshot, run));
    signal.throwIfAborted();
    return outcome;
  } finally {
    // A failure to close must not hide the outcome of the analysis itself.
    await Promise.resolve()
      .then(() => steps.disconnect(connection))
      .catch(() => {});
  }
}
