// Analyze, the progress of a run and Cancel; the error when a run failed.
import type { AnalysisRun } from '../lib/protocol/run';
import { isRunning } from '../lib/extension/is-running';
import { CAPACITY_NOTE } from './capacity-note';
import { phaseLabel, progressFraction } from './format';

interface Props {
  run: AnalysisRun | null;
  hasReport: boolean;
  onAnalyse(): void;
  onCancel(): void;
  /** during the timing pass: end it and skip it for this app from now on */
  onSkipTimings?(): void;
  /** shown beside Analyze when there is a report: the way to the full report */
  onOpenReport?(): void;
}

export function AnalysisControls({ run, hasReport, onAnalyse, onCancel, onSkipTimings, onOpenReport }: Props) {
  const running = isRunning(run);
  const fraction = run ? progressFraction(run) : undefined;
  return (
    <section class={hasReport && !running ? 'card compact' : 'card'} aria-label="Analysis">
      {running && run ? (
        <div data-testid="progress">
          <p role="status" aria-live="polite">
            {phaseLabel(run)}
          </p>
          {fraction === undefined ? (
            <progress aria-label="Analysis progress" />
          ) : (
            <progress aria-label="Analysis progress" value={fraction} max={1} />
          )}
          <div class="row" style={{ marginTop: '8px' }}>
            <button onClick={onCancel} title={run.phase === 'measuring' ? 'Ends the timing pass now; the findings and the sheets measured are kept' : undefined}>
              Cancel
            </button>
            {run.phase === 'measuring' && onSkipTimings && (
              <button onClick={onSkipTimings} title="Ends the timing pass now and leaves it out of this app's next analyses" data-testid="skip-timings">
                Skip timings
              </button>
            )}
          </div>
        </div>
      ) : (
        <div class="row spread">
          {hasReport && onOpenReport ? (
            <div class="row">
              <button class="primary" onClick={onOpenReport} title="Every finding, in the side panel" data-testid="open-report">
                Open report
              </button>
              <button onClick={onAnalyse}>Analyze again</button>
            </div>
          ) : (
            <button class="primary" onClick={onAnalyse}>
              {hasReport ? 'Analyze again' : 'Analyze'}
            </button>
          )}
          {run && run.phase !== 'done' && (
            <span role="status" class="muted" data-testid="run-outcome">
              {phaseLabel(run)}
            </span>
          )}
        </div>
      )}
      {!running && !hasReport && (
        <p class="muted small" data-testid="capacity-note" style={{ marginTop: '8px' }}>
          {CAPACITY_NOTE}
        </p>
      )}
      {run?.phase === 'failed' && run.error && (
        <p class="alert" role="alert" data-testid="run-error" style={{ marginTop: '8px' }}>
          {run.error.message}
        </p>
      )}
    </section>
  );
}
