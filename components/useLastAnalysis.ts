// The app's last full analysis as the side panel shows it: loaded from the history (IndexedDB),
// again whenever a run finishes, with hide / show again going through the history. Apart from
// FullReport.tsx so the side panel's first view can use it without loading the report views.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Finding } from '../lib/analyze/result';
import type { AnalysisHistory } from '../lib/extension/last-analysis';
import type { StoredAnalysis } from '../lib/protocol/stored-analysis';
import { messageOf } from '../lib/extension/errors';

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
  // Loads and hide / show again can answer in any order and after the panel moved to another app:
  // an answer counts only for the app still shown, and never over a later request's answer.
  const requests = useRef({ appKey, sent: 0, applied: 0 });
  requests.current.appKey = appKey;
  const answer = (forApp: string, request: number, use: () => void) => {
    const current = requests.current;
    if (current.appKey !== forApp || request < current.applied) return;
    current.applied = request;
    use();
  };
  const failure = (forApp: string, request: number, message: string) => {
    const current = requests.current;
    if (current.appKey === forApp && request >= current.applied) setError(message);
  };

  useEffect(() => {
    if (!history || !appKey) return;
    let live = true;
    const request = ++requests.current.sent;
    history.load(appKey).then(
      (analysis) => live && answer(appKey, request, () => (setLoaded({ appKey, analysis }), setError(null))),
      (e: unknown) => live && failure(appKey, request, `Could not read the last analysis: ${messageOf(e)}`),
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
      const request = ++requests.current.sent;
      history.setHidden(appKey, finding, hidden).then(
        (next) => answer(appKey, request, () => setLoaded({ appKey, analysis: next })),
        (e: unknown) => failure(appKey, request, `Could not ${hidden ? 'hide' : 'show'} the finding: ${messageOf(e)}`),
      );
    },
  };
}
