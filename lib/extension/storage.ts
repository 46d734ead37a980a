// Every item Qlarity stores, declared here with its version. Reads are validated with zod:
// a damaged or outdated value falls back to the default instead of breaking a page.
// The popup's summaries live here (one key per app, plus an index of when each was saved); the
// full result with its snapshot lives in IndexedDB (history-store.ts). Both are bounded by the
// same retention setting (how many apps, how many days).
import { storage } from 'wxt/utils/storage';
import { z } from '../schema/zod';
import { AnalysisReport } from '../report/report-schema';
import type { AnalysedApp } from '../protocol/stored-analysis';
import { DEFAULT_SETTINGS, Settings, type Retention } from '../protocol/settings';
import { migrateStoredSettings } from './settings/migrate';
import { appsToDrop } from './history-store';

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

const ResultIndex = z.array(z.object({ appKey: z.string().check(z.minLength(1)), savedAt: z.number() }));
type ResultIndex = z.infer<typeof ResultIndex>;

/** The apps with a stored summary and when each was saved (the report's finishedAt), newest first. */
export const resultIndexItem = storage.defineItem<ResultIndex>('local:result-index', {
  fallback: [],
  version: 1,
});
/** The index of versions up to 0.1: app keys only, newest first. Read once, then removed. */
const LEGACY_INDEX = 'local:results';

const resultKey = (appKey: string) => `local:result:${appKey}` as const;

/**
 * The stored settings, migrated from older versions; a migration that removed something (an API
 * key in the default connection) is written back at once, so the old value does not stay stored.
 */
export async function loadSettings(): Promise<Settings> {
  const migrated = migrateStoredSettings(await settingsItem.getValue());
  if (!migrated) return DEFAULT_SETTINGS;
  if (migrated.changed) await settingsItem.setValue(migrated.settings);
  return migrated.settings;
}

/** Validates before writing: invalid settings are refused (zod error), the stored ones stay. */
export async function saveSettings(settings: Settings): Promise<Settings> {
  const valid = Settings.parse(settings);
  await settingsItem.setValue(valid);
  return valid;
}

export async function loadLastResult(appKey: string): Promise<AnalysisReport | null> {
  const raw = await storage.getItem<unknown>(resultKey(appKey));
  const parsed = AnalysisReport.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

async function readIndex(): Promise<ResultIndex> {
  const stored = await storage.getItem<unknown>(resultIndexItem.key);
  if (stored !== null) {
    const parsed = ResultIndex.safeParse(stored);
    return parsed.success ? parsed.data : [];
  }
  const legacy = z.array(z.string()).safeParse(await storage.getItem<unknown>(LEGACY_INDEX));
  if (!legacy.success) return [];
  const index: ResultIndex = [];
  for (const appKey of legacy.data) {
    const report = await loadLastResult(appKey);
    if (report) index.push({ appKey, savedAt: report.finishedAt });
  }
  await resultIndexItem.setValue(index);
  await storage.removeItem(LEGACY_INDEX);
  return index;
}

/** Writes the index after dropping what the retention no longer allows; removes the dropped summaries. */
async function writeIndex(index: ResultIndex, retention: Retention, now: number): Promise<string[]> {
  const drop = appsToDrop(index, retention, now);
  const kept = index.filter((entry) => !drop.includes(entry.appKey)).sort((a, b) => b.savedAt - a.savedAt);
  await resultIndexItem.setValue(kept);
  if (drop.length) await storage.removeItems(drop.map(resultKey));
  return drop;
}

/** Keeps the report as its app's last one, then applies the retention setting to every summary. */
export async function saveLastResult(report: AnalysisReport, retention: Retention, now = Date.now()): Promise<void> {
  const valid = AnalysisReport.parse(report);
  const index = (await readIndex()).filter((entry) => entry.appKey !== valid.appKey);
  await storage.setItem(resultKey(valid.appKey), valid);
  await writeIndex([{ appKey: valid.appKey, savedAt: valid.finishedAt }, ...index], retention, now);
}

/** Drops the summaries the retention setting no longer allows (it was lowered, or they aged); returns their app keys. */
export async function pruneResults(retention: Retention, now = Date.now()): Promise<string[]> {
  return writeIndex(await readIndex(), retention, now);
}

/** The apps with a stored summary, newest first, with their name (for the options page's per-app rules). */
export async function listStoredApps(): Promise<AnalysedApp[]> {
  const apps: AnalysedApp[] = [];
  for (const { appKey } of await readIndex()) {
    const report = await loadLastResult(appKey);
    if (report) apps.push({ appKey, appId: report.app.appId, name: report.app.name, origin: report.app.origin, savedAt: report.finishedAt });
  }
  return apps;
}
