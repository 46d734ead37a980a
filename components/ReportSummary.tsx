// The popup's view of the last report: counts, score, when, the app's memory and slowest object,
// the top findings, and the way to the full report.
import type { AnalysisReport, ReportFinding } from '@/lib/protocol/report';
import { createFormatter, type Formatter } from '@/lib/report/format';
import { AnalysisAge } from './AnalysisAge';
import { AppFactsList } from './AppFactsList';
import { FindingList } from './FindingList';
import { LimitationNote } from './LimitationNote';
import { SeverityChips } from './SeverityChips';

interface Props {
  report: AnalysisReport;
  onShow(finding: ReportFinding): void;
  onOpenSidePanel?(): void;
  /** numbers, bytes and dates in the browser's locale unless a test fixes one */
  fmt?: Formatter;
}

export function ReportSummary({ report, onShow, onOpenSidePanel, fmt = createFormatter(navigator.language) }: Props) {
  return (
    <section class="card" aria-labelledby="summary-title" data-testid="report-summary">
      <div class="row spread">
        <h2 id="summary-title">
          <bdi dir="auto">{report.app.name || 'Results'}</bdi>
        </h2>
        {report.score !== undefined && <span aria-label={`Score ${fmt.number(report.score)} of 100`}>{fmt.number(report.score)}/100</span>}
      </div>
      <p class="muted">
        {fmt.number(report.findings.length)} {report.findings.length === 1 ? 'finding' : 'findings'} in {fmt.duration(report.finishedAt - report.startedAt)}
      </p>
      <AnalysisAge savedAt={report.finishedAt} locale={fmt.locale} />
      <LimitationNote text={report.limitation} />
      <SeverityChips counts={report.counts} fmt={fmt} />
      <div style={{ marginTop: '8px' }}>
        <AppFactsList report={report} fmt={fmt} />
      </div>
      {report.findings.length === 0 ? (
        <p class="ok" style={{ marginTop: '8px' }}>
          No findings: nothing to fix.
        </p>
      ) : (
        <div style={{ marginTop: '8px' }}>
          <h3>Top findings</h3>
          <FindingList findings={report.findings} onShow={onShow} limit={3} />
        </div>
      )}
      {onOpenSidePanel && (
        <div class="row" style={{ marginTop: '8px' }}>
          <button onClick={onOpenSidePanel} aria-describedby="open-report-help">
            Open report
          </button>
          <span id="open-report-help" class="muted">
            every finding, in the side panel
          </span>
        </div>
      )}
    </section>
  );
}
