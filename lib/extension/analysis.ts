// runAnalysis: connect → collect → analyse → report (+ the full result and snapshot) for one app, with progress and cancellation.
// The steps are injected, so this file holds only the order, the progress reporting, the
// cancellation checks and the promise that the connection is always closed (the user's app is
// only ever read, and a metered engine session must not be left open).
import type { AnalysisResult } from '../analyze/result';
import { reportFromAnalysis, type AnalysisReport, type AppFacts, type TopFinding } from '../report/analysis-report';
import type { AnalysisPhase } from '../protocol/run';
import type { Settings } from '../protocol/settings';
import { appKeyOf, type QlikApp } from '../protocol/tab-state';

export interface AnalysisContext {
  tabId: number;
  app: QlikApp;
  settings: Settings;
  signal: AbortSignal;
}

export interface ProgressUpdate {
  phase: Extract<AnalysisPhase, 'connecting' | 'collecting' | 'analysing'>;
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
    context: AnalysisContext & { onProgress(done: number, total: number, detail?: string): void },
  ): Promise<Snapshot>;
  /** runs the rules: pure, never touches the app */
  analyse(snapshot: Snapshot, context: AnalysisContext): AnalysisResult | Promise<AnalysisResult>;
  /** the popup's facts about the app (memory, slowest object); optional, pure */
  facts?(snapshot: Snapshot, result: AnalysisResult): AppFacts;
  /** the popup's top findings, named from the snapshot; optional, pure (default: named from the result alone) */
  top?(snapshot: Snapshot, result: AnalysisResult): TopFinding[];
  /** what the run could not cover as a whole (e.g. REST only), shown as a note; optional, pure */
  limitation?(snapshot: Snapshot): string | undefined;
  /** closes the session; called exactly once whatever happened */
  disconnect(connection: Connection): void | Promise<void>;
}

/** What one run produced: the stored summary (popup), and the full result with its snapshot (side panel). */
export interface AnalysisOutcome<Snapshot> {
  report: AnalysisReport;
  result: AnalysisResult;
  snapshot: Snapshot;
}

export interface RunOptions {
  onProgress?: (update: ProgressUpdate) => void;
  now?: () => number;
}

export async function runAnalysis<Connection, Snapshot>(
  context: AnalysisContext,
  steps: AnalysisSteps<Connection, Snapshot>,
  { onProgress = () => {}, now = Date.now }: RunOptions = {},
): Promise<AnalysisOutcome<Snapshot>> {
  const { signal } = context;
  const startedAt = now();
  signal.throwIfAborted();
  onProgress({ phase: 'connecting', detail: `on ${context.app.host}` });
  const connection = await steps.connect(context);
  try {
    signal.throwIfAborted();
    onProgress({ phase: 'collecting', done: 0, total: 0, detail: 'Reading the app' });
    const snapshot = await steps.collect(connection, {
      ...context,
      onProgress: (done, total, detail) => onProgress({ phase: 'collecting', done, total, detail }),
    });
    signal.throwIfAborted();
    onProgress({ phase: 'analysing', detail: 'Running the rules' });
    const result = await steps.analyse(snapshot, context);
    signal.throwIfAborted();
    const limitation = steps.limitation?.(snapshot);
    const report = reportFromAnalysis(result, {
      appKey: appKeyOf(context.app),
      origin: context.app.origin,
      startedAt,
      finishedAt: now(),
      ...(steps.facts ? { facts: steps.facts(snapshot, result) } : {}),
      ...(limitation ? { limitation } : {}),
      ...(steps.top ? { top: steps.top(snapshot, result) } : {}),
    });
    return { report, result, snapshot };
  } finally {
    // A failure to close must not hide the outcome of the analysis itself.
    await Promise.resolve()
      .then(() => steps.disconnect(connection))
      .catch(() => {});
  }
}
