// How far the timing pass got, above the results: still measuring (the findings that need
// calculation times grow sheet by sheet), stopped (which sheets were not measured) or skipped for
// this app (with the way to turn it back on). Nothing when the pass is complete.
import type { TimingCoverage } from '../lib/report/report-schema';

export function timingNoteText(timings: TimingCoverage): string | null {
  const { state, measuredSheets, totalSheets, notMeasured = [] } = timings;
  const of = `${measuredSheets} of ${totalSheets} ${totalSheets === 1 ? 'sheet' : 'sheets'}`;
  if (state === 'measuring') return `Calculation times: ${of} measured so far. Findings that need them grow as the timing pass goes on.`;
  if (state === 'skipped') return 'Calculation times were not measured: the timing pass is skipped for this app.';
  if (state === 'stopped') {
    const missing = totalSheets - measuredSheets;
    const more = missing > notMeasured.length ? `, and ${missing - notMeasured.length} more` : '';
    return `Calculation times: ${of} measured; the timing pass was stopped. Not measured: ${notMeasured.join(', ')}${more}.`;
  }
  return null;
}

export function TimingNote({ timings, onMeasureAgain }: { timings: TimingCoverage | undefined; onMeasureAgain?: () => void }) {
  const text = timings ? timingNoteText(timings) : null;
  if (!timings || !text) return null;
  return (
    <div role="note" class="limitation" data-testid="timing-note">
      <span>{text}</span>
      {timings.state === 'skipped' && onMeasureAgain && (
        <button class="link" onClick={onMeasureAgain} data-testid="measure-timings-again">
          Measure timings next time
        </button>
      )}
    </div>
  );
}
