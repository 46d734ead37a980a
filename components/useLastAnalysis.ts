// The app's last full analysis as the side panel shows it: loaded from the history (IndexedDB),
// again whenever a run finishes, with hide / show again going through the history. Apart from
// FullReport.tsx so the side panel's first view can use it without loading the report views.
import { useEffect, useState } from 'preact/hooks';
import type { Finding } from '../lib/analyze/result';
import type { AnalysisHistory } from '../lib/extension/last-analysis';
import type { StoredAnalysis } from '../lib/protocol/stored-analysis';
import { messageOf } from '../lib/extension/errors';
import { useAnswerGate } from './useAnswerGate';

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
  // a load or a hide / show again that answers after the panel moved to another app, or after a
  // later one was sent, changes nothing
  const ask = useAnswerGate(appKey ?? '');

  useEffect(() => {
    if (!history || !appKey) return;
    let live = true;
    const counts = ask('analysis');
    history.load(appKey).then(
      (analysis) => live && counts() && (setLoaded({ appKey, analysis }), setError(null)),
      (e: unknown) => live && counts() && setError(`Could not read the last analysis: ${messageOf(e)}`),
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
      const counts = ask('analysis');
      history.setHidden(appKey, finding, hidden).then(
        (next) => counts() && setLoaded({ appKey, analysis: next }),
        (e: unknown) => counts() && setError(`Could not ${hidden ? 'hide' : 'show'} the finding: ${messageOf(e)}`),
      );
    },
  };
}
