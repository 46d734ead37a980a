// The side panel's full report of the app's last analysis (result + snapshot from IndexedDB):
// its age, then ReportView with "Show in app" and hide / show again wired to the extension.
import type { Finding, Target } from '../lib/analyze/result';
import type { StoredAnalysis } from '../lib/protocol/stored-analysis';
import type { AppSnapshot } from '../lib/snapshot/schema';
import { RULE_DOCS } from '../lib/report/rule-catalogue';
import { ReportView } from './report';
import { AnalysisAge } from './AnalysisAge';

export function FullReport({
  analysis,
  onShowInApp,
  onSetHidden,
}: {
  /** an analysis kept as a summary has no snapshot: only the views that need none have content */
  analysis: Pick<StoredAnalysis, 'result' | 'savedAt'> & { snapshot?: AppSnapshot };
  onShowInApp(target: Target): void;
  onSetHidden(finding: Finding, hidden: boolean): void;
}) {
  return (
    <section aria-label="Last analysis" data-testid="full-report">
      <AnalysisAge savedAt={analysis.savedAt} />
      <ReportView
        result={analysis.result}
        snapshot={analysis.snapshot}
        rules={RULE_DOCS}
        onShowInApp={onShowInApp}
        onSuppress={(finding) => onSetHidden(finding, true)}
        onUnsuppress={(finding) => onSetHidden(finding, false)}
      />
    </section>
  );
}
