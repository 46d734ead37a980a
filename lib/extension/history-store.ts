// The last full analysis per app (result + snapshot), kept in IndexedDB so the side panel shows it
// after a service-worker or browser restart. Extension pages share the extension origin's
// IndexedDB with the background (Chrome and Firefox), so the side panel reads it directly
// instead of pulling a snapshot of several MB through runtime messaging.
// Every read is validated: a damaged or outdated record is dropped with a log, never shown.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { StoredAnalysis } from '../protocol/report';
import type { Retention } from '../protocol/settings';

export const HISTORY_DB = 'qlarity-history';
const STORE = 'analyses';
const BY_SAVED_AT = 'savedAt';

interface HistoryDb extends DBSchema {
  [STORE]: { key: string; value: unknown; indexes: { [BY_SAVED_AT]: number } };
}

export interface HistoryStore {
  /** the app's last analysis, or null (none, or a damaged record, which is then removed) */
  load(appKey: string): Promise<StoredAnalysis | null>;
  /** keeps the analysis as the app's last one, then drops what the retention setting no longer allows */
  save(analysis: StoredAnalysis, retention: Retention): Promise<void>;
  /** drops what the retention setting no longer allows (it was lowered, or analyses aged); returns the dropped app keys */
  prune(retention: Retention): Promise<string[]>;
  /** the stored app keys, newest first */
  keys(): Promise<string[]>;
  close(): void;
}

/** Which stored apps to drop: beyond the newest `maxApps`, or older than `maxAgeDays`. Pure. */
export function appsToDrop(entries: readonly { appKey: string; savedAt: number }[], retention: Retention, now: number): string[] {
  const oldestKept = now - retention.maxAgeDays * 24 * 60 * 60 * 1000;
  return [...entries]
    .sort((a, b) => b.savedAt - a.savedAt)
    .filter((entry, index) => index >= retention.maxApps || entry.savedAt < oldestKept)
    .map((entry) => entry.appKey);
}

export async function openHistoryStore({ name = HISTORY_DB, now = Date.now, log = console.warn } = {}): Promise<HistoryStore> {
  const db: IDBPDatabase<HistoryDb> = await openDB<HistoryDb>(name, 1, {
    upgrade(database) {
      const store = database.createObjectStore(STORE, { keyPath: 'appKey' });
      store.createIndex(BY_SAVED_AT, 'savedAt');
    },
  });

  async function entries(): Promise<{ appKey: string; savedAt: number }[]> {
    const found: { appKey: string; savedAt: number }[] = [];
    // A key cursor over the index reads (savedAt, appKey) pairs without loading any snapshot.
    let cursor = await db.transaction(STORE).store.index(BY_SAVED_AT).openKeyCursor();
    while (cursor) {
      found.push({ appKey: String(cursor.primaryKey), savedAt: Number(cursor.key) });
      cursor = await cursor.continue();
    }
    return found;
  }

  async function prune(retention: Retention): Promise<string[]> {
    const drop = appsToDrop(await entries(), retention, now());
    if (drop.length === 0) return drop;
    const tx = db.transaction(STORE, 'readwrite');
    await Promise.all([...drop.map((key) => tx.store.delete(key)), tx.done]);
    return drop;
  }

  return {
    async load(appKey) {
      const raw = await db.get(STORE, appKey);
      if (raw === undefined) return null;
      const parsed = StoredAnalysis.safeParse(raw);
      if (parsed.success && parsed.data.appKey === appKey) return parsed.data;
      const why = parsed.success ? 'its app key does not match' : parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      log(`Qlarity: dropped the stored analysis of ${appKey}: it cannot be read (${why}). Run a new analysis.`);
      await db.delete(STORE, appKey);
      return null;
    },
    async save(analysis, retention) {
      const valid = StoredAnalysis.parse(analysis);
      await db.put(STORE, valid);
      await prune(retention);
    },
    prune,
    async keys() {
      return (await entries()).sort((a, b) => b.savedAt - a.savedAt).map((entry) => entry.appKey);
    },
    close: () => db.close(),
  };
}
