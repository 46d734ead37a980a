// The last full analysis of an app as the pages see it: the stored result and snapshot, with the
// user's current hidden findings applied. Used by the background (save, `get-last-analysis`) and
// by the side panel directly (same extension origin, so the same IndexedDB and storage.local).
import type { Finding } from '../analyze/result';
import type { StoredAnalysis } from '../protocol/report';
import { retentionOf, type Settings } from '../protocol/settings';
import type { AppSnapshot } from '../snapshot/schema';
import type { AnalysisOutcome } from './analysis';
import { openHistoryStore, type HistoryStore } from './history-store';
import { applySuppressions, loadSuppressions, setFindingHidden } from './suppressions';

export interface AnalysisHistory {
  /** the app's last analysis with the current hidden findings applied, or null */
  load(appKey: string): Promise<StoredAnalysis | null>;
  /** hides (or shows again) a finding of the app, and returns the analysis as it now reads */
  setHidden(appKey: string, finding: Finding, hidden: boolean): Promise<StoredAnalysis | null>;
  save(outcome: AnalysisOutcome<AppSnapshot> & { appKey: string }, settings: Settings): Promise<void>;
  /** applies the retention setting now (after it changed, or at start-up) */
  prune(settings: Settings): Promise<string[]>;
}

export function createAnalysisHistory(open: () => Promise<HistoryStore> = () => openHistoryStore(), now = Date.now): AnalysisHistory {
  let store: Promise<HistoryStore> | undefined;
  const db = () => (store ??= open().catch((error: unknown) => {
    store = undefined; // try again next time (e.g. IndexedDB briefly unavailable)
    throw error;
  }));

  async function load(appKey: string): Promise<StoredAnalysis | null> {
    const stored = await (await db()).load(appKey);
    if (!stored) return null;
    return { ...stored, result: applySuppressions(stored.result, await loadSuppressions(appKey)) };
  }

  return {
    load,
    async setHidden(appKey, finding, hidden) {
      await setFindingHidden(appKey, finding, hidden);
      return load(appKey);
    },
    async save({ appKey, result, snapshot }, settings) {
      await (await db()).save({ appKey, result, snapshot, savedAt: now() }, retentionOf(settings));
    },
    prune: async (settings) => (await db()).prune(retentionOf(settings)),
  };
}
