// Every item Qlarity stores, declared here with its version. Reads are validated with zod:
// a damaged or outdated value falls back to the default instead of breaking a page.
// The popup's summaries live here (one key per app, the newest MAX_STORED_RESULTS kept); the full
// result with its snapshot lives in IndexedDB (history-store.ts), bounded by the retention setting.
import { storage } from 'wxt/utils/storage';
import { AnalysisReport } from '../protocol/report';
import { DEFAULT_SETTINGS, Settings } from '../protocol/settings';

export const MAX_STORED_RESULTS = 20;

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** App keys with a stored result, newest first. */
export const resultIndexItem = storage.defineItem<string[]>('local:results', {
  fallback: [],
  version: 1,
});

const resultKey = (appKey: string) => `local:result:${appKey}` as const;

export async function loadSettings(): Promise<Settings> {
  const parsed = Settings.safeParse(await settingsItem.getValue());
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
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

export async function saveLastResult(report: AnalysisReport): Promise<void> {
  const valid = AnalysisReport.parse(report);
  const index = (await resultIndexItem.getValue()).filter((key) => key !== valid.appKey);
  const kept = [valid.appKey, ...index].slice(0, MAX_STORED_RESULTS);
  const dropped = index.filter((key) => !kept.includes(key));
  await storage.setItem(resultKey(valid.appKey), valid);
  await resultIndexItem.setValue(kept);
  if (dropped.length) await storage.removeItems(dropped.map(resultKey));
}
