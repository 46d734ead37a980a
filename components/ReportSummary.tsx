// The popup's view of the last report, built to fit Chrome's 600 px popup: the score in its band,
// the counts, then Fix first (the three changes that gain the most) and the app's facts.
import type { AnalysisReport, ReportFinding } from '../lib/report/report-schema';
import { createFormatter, type Formatter } from '../lib/report/format';
import { AnalysisAge } from './AnalysisAge';
import { AppFactsList } from './AppFactsList';
import { FindingList } from './FindingList';
import { LimitationNote } from './LimitationNote';
import { ScoreBadge } from './ScoreBadge';
import { SeverityChips } from './SeverityChips';
import { TimingNote } from './TimingNote';
import { TopFindingList } from './TopFindingList';

interface Props {
  report: AnalysisReport;
  onShow(finding: ReportFinding): void;
  /** turns the app's skipped timing pass back on */
  onMeasureTimings?(): void;
  /** numbers, bytes and dates in the browser's locale unless a test fixes one */
  fmt?: Formatter;
}

export function ReportSummary({ report, onShow, onMeasureTimings, fmt = createFormatter(navigator.language) }: Props) {
  return (
    <section class="card summary" aria-labelledby="summary-title" data-testid="report-summary">
      <div class="row spread nowrap">
        <h2 id="summary-title" class="clamp-2">
          <bdi dir="auto">{report.app.name || 'Results'}</bdi>
        </h2>
        {report.score !== undefined && <ScoreBadge value={report.score} fmt={fmt} label="Quality score" />}
      </div>
      <p class="muted small">
        {`${fmt.number(report.findings.length)} ${report.findings.length === 1 ? 'finding' : 'findings'} · `}
        <AnalysisAge savedAt={report.finishedAt} locale={fmt.locale} inline />
        {report.timings?.state === 'measuring'
          ? ` (timing pass running, ${fmt.duration(report.finishedAt - report.startedAt)} so far)`
          : ` (analysis took ${fmt.duration(report.finishedAt - report.startedAt)})`}
      </p>
      <LimitationNote text={report.limitation} />
      <TimingNote timings={report.timings} {...(onMeasureTimings ? { onMeasureAgain: onMeasureTimings } : {})} />
      <SeverityChips counts={report.counts} fmt={fmt} />
      <FixFirst report={report} onShow={onShow} fmt={fmt} />
      <details class="facts-details">
        <summary>App facts</summary>
        <AppFactsList report={report} fmt={fmt} />
      </details>
    </section>
  );
}

function FixFirst({ report, onShow, fmt }: { report: AnalysisReport; onShow(finding: ReportFinding): void; fmt: Formatter }) {
  if (report.findings.length === 0) return <p class="ok section">No findings: nothing to fix.</p>;
  // reports saved before Fix first existed have no `top`: their findings, errors first
  if (!report.top) {
    return (
      <div class="section">
        <h3>Top findings</h3>
        <FindingList findings={report.findings} onShow={onShow} limit={3} />
      </div>
    );
  }
  return (
    <div class="section">
      <h3>Fix first</h3>
      {report.top.length === 0 ? (
        <p class="muted">Nothing is broken and no cost was measured. The report lists the warnings and suggestions.</p>
      ) : (
        <TopFindingList items={report.top} fmt={fmt} onShow={onShow} />
      )}
    </div>
  );
}
