// The side panel's overview: the app, when it was analysed, score, counts, and what could not run.
import type { AnalysisReport } from '../lib/report/report-schema';
import { createFormatter, type Formatter } from '../lib/report/format';
import { SeverityChips } from './SeverityChips';

export function Overview({ report, fmt = createFormatter(navigator.language) }: { report: AnalysisReport; fmt?: Formatter }) {
  return (
    <section aria-labelledby="overview-title" data-testid="overview">
      <h2 id="overview-title">Overview</h2>
      <div class="card">
        {report.score !== undefined && (
          <p>
            <span class="score">{report.score}</span> <span class="muted">/ 100 quality score</span>
          </p>
        )}
        <SeverityChips counts={report.counts} fmt={fmt} />
        <dl class="facts" style={{ marginTop: '12px' }}>
          <dt>App</dt>
          <dd>{report.app.name || report.app.appId}</dd>
          <dt>Tenant</dt>
          <dd>{report.app.origin}</dd>
          <dt>Analysed</dt>
          <dd>{fmt.dateTime(new Date(report.finishedAt).toISOString())}</dd>
          <dt>Took</dt>
          <dd>{fmt.duration(report.finishedAt - report.startedAt)}</dd>
          <dt>Findings</dt>
          <dd>
            {fmt.number(report.findings.length)} {report.findings.length === 1 ? 'finding' : 'findings'}
          </dd>
        </dl>
      </div>
      {report.notes.length > 0 && (
        <div class="card">
          <h3>Not checked</h3>
          <ul>
            {report.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
