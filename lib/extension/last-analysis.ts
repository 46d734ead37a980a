// The analyses of an app as the pages see them: the stored history (lib/extension/history-store.ts)
// with the user's current hidden findings applied. Used by the background (save, `get-last-analysis`)
// and by the side panel directly (same extension origin, so the same IndexedDB and storage.local):
// the last full report, the History list, opening and importing an analysis.
import type { Finding } from '../analyze/result';
import { parseJsonExport } from '../export/json';
import type { AnalysisReport } from '../report/report-schema';
import type { StoredAnalysis } from '../protocol/stored-analysis';
import { type Settings } from '../protocol/settings';
import { retentionOf } from './settings/read';
import { connectionFor } from './settings/host-connection';
import type { AppSnapshot } from '../snapshot/schema';
import type { AnalysisOutcome } from './analysis';
import { historyId, openHistoryStore, type HistoryAnalysis, type HistoryEntry, type HistoryStore } from './history-store';
import { applySuppressions, loadSuppressions, setFindingHidden } from './suppressions';

export interface AnalysisHistory {
  /** the app's last full analysis with the current hidden findings applied, or null */
  load(appKey: string): Promise<StoredAnalysis | null>;
  /** hides (or shows again) a finding of the app, and returns the last analysis as it now reads */
  setHidden(appKey: string, finding: Finding, hidden: boolean): Promise<StoredAnalysis | null>;
  save(outcome: AnalysisOutcome<AppSnapshot> & { appKey: string }, settings: Settings): Promise<void>;
  /** applies the retention setting now (after it changed, or at start-up) */
  prune(settings: Settings): Promise<string[]>;
  /** the app's analyses, newest first */
  list(appKey: string): Promise<HistoryEntry[]>;
  /** one analysis of the app's history, hidden findings applied; null when it is gone */
  open(appKey: string, id: string): Promise<HistoryAnalysis | null>;
  /**
   * Adds a JSON export (the file's text) to the app's history. Throws an Error whose message says
   * why when the file is not a Qlarity export, belongs to another app, is already there or is
   * older than the retention allows; nothing is changed then.
   */
  importJson(appKey: string, appId: string, text: string, settings: Settings): Promise<HistoryEntry>;
}

/** The connection mode a report was made with: the settings for its tenant host. */
export function connectionModeOf(report: Pick<AnalysisReport, 'app'>, settings: Settings): string | undefined {
  try {
    return connectionFor(settings, new URL(report.app.origin).host).connection.mode;
  } catch {
    return undefined;
  }
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
    async save({ appKey, report, result, snapshot }, settings) {
      const connectionMode = connectionModeOf(report, settings);
      await (await db()).save({ appKey, result, snapshot, savedAt: now(), ...(connectionMode ? { connectionMode } : {}) }, retentionOf(settings));
    },
    prune: async (settings) => (await db()).prune(retentionOf(settings)),
    list: async (appKey) => (await db()).list(appKey),
    async open(appKey, id) {
      const opened = await (await db()).open(id);
      if (!opened || opened.entry.appKey !== appKey) return null;
      return { ...opened, result: applySuppressions(opened.result, await loadSuppressions(appKey)) };
    },
    async importJson(appKey, appId, text, settings) {
      const imported = parseJsonExport(text);
      if (imported.result.app.id !== appId)
        throw new Error(`This export is of the app "${imported.result.app.name}" (${imported.result.app.id}), not of the app in this tab (${appId}). Nothing was imported.`);
      const history = await db();
      const at = Date.parse(imported.result.analysedAt);
      if ((await history.list(appKey)).some((e) => e.id === historyId(appKey, at)))
        throw new Error('This analysis is already in the history. Nothing was imported.');
      const retention = retentionOf(settings);
      if (at < now() - retention.maxAgeDays * 24 * 60 * 60 * 1000)
        throw new Error(`This analysis is older than ${retention.maxAgeDays} days, the retention setting (Options → Data retention). Nothing was imported.`);
      return history.save(
        { appKey, result: imported.result, metrics: imported.metrics, savedAt: now(), imported: true, ...(imported.source.connectionMode ? { connectionMode: imported.source.connectionMode } : {}) },
        retention,
      );
    },
  };
}
