// The side panel's full report of the app's last analysis (result + snapshot from IndexedDB):
// its age, then ReportView with "Show in app" and hide / show again wired to the extension.
import { useEffect, useState } from 'preact/hooks';
import type { Finding, Target } from '@/lib/analyze/result';
import type { AnalysisHistory } from '@/lib/extension/last-analysis';
import type { StoredAnalysis } from '@/lib/protocol/report';
import type { AppSnapshot } from '@/lib/snapshot/schema';
import { RULE_DOCS } from '@/lib/report/rule-catalogue';
import { ReportView } from '@/components/report';
import { AnalysisAge } from './AnalysisAge';

export type HistorySource = Pick<AnalysisHistory, 'load' | 'setHidden'>;

export interface LastAnalysis {
  /** the app's last full analysis; null while loading or when there is none */
  analysis: StoredAnalysis | null;
  error: string | null;
  setHidden(finding: Finding, hidden: boolean): void;
}

/** Loads the app's last analysis, again whenever `refreshKey` changes (a run finished). */
export function useLastAnalysis(history: HistorySource | undefined, appKey: string | null, refreshKey: string): LastAnalysis {
  const [loaded, setLoaded] = useState<{ appKey: string; analysis: StoredAnalysis | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!history || !appKey) return;
    let live = true;
    history.load(appKey).then(
      (analysis) => live && (setLoaded({ appKey, analysis }), setError(null)),
      (e: unknown) => live && setError(`Could not read the last analysis: ${messageOf(e)}`),
    );
    return () => {
      live = false;
    };
  }, [history, appKey, refreshKey]);

  const analysis = loaded && loaded.appKey === appKey ? loaded.analysis : null;
  return {
    analysis,
    error,
    setHidden(finding, hidden) {
      if (!history || !appKey) return;
      history.setHidden(appKey, finding, hidden).then(
        (next) => setLoaded({ appKey, analysis: next }),
        (e: unknown) => setError(`Could not ${hidden ? 'hide' : 'show'} the finding: ${messageOf(e)}`),
      );
    },
  };
}

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

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
