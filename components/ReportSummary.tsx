// The popup's view of the last report: counts, score, the top findings, and the way to the rest.
import type { AnalysisReport, ReportFinding } from '@/lib/protocol/report';
import { AnalysisAge } from './AnalysisAge';
import { FindingList } from './FindingList';
import { formatDuration, plural } from './format';
import { SeverityChips } from './SeverityChips';

interface Props {
  report: AnalysisReport;
  onShow(finding: ReportFinding): void;
  onOpenSidePanel?(): void;
}

export function ReportSummary({ report, onShow, onOpenSidePanel }: Props) {
  return (
    <section class="card" aria-labelledby="summary-title" data-testid="report-summary">
      <div class="row spread">
        <h2 id="summary-title">{report.app.name || 'Results'}</h2>
        {report.score !== undefined && <span aria-label={`Score ${report.score} of 100`}>{report.score}/100</span>}
      </div>
      <p class="muted">
        {plural(report.findings.length, 'finding')} in {formatDuration(report.finishedAt - report.startedAt)}
      </p>
      <AnalysisAge savedAt={report.finishedAt} />
      <SeverityChips counts={report.counts} />
      {report.findings.length === 0 ? (
        <p class="ok" style={{ marginTop: '8px' }}>
          No findings: nothing to fix.
        </p>
      ) : (
        <div style={{ marginTop: '8px' }}>
          <h3 class="visually-hidden">Top findings</h3>
          <FindingList findings={report.findings} onShow={onShow} limit={3} />
        </div>
      )}
      {onOpenSidePanel && (
        <div class="row" style={{ marginTop: '8px' }}>
          <button onClick={onOpenSidePanel}>Open side panel</button>
        </div>
      )}
    </section>
  );
}
