// The history of analyses per app, kept in IndexedDB so the side panel can list, open and compare
// them after a service-worker or browser restart. Extension pages share the extension origin's
// IndexedDB with the background (Chrome and Firefox), so the side panel reads it directly instead
// of pulling a snapshot of several MB through runtime messaging.
//
// Three object stores, one record each per analysis, keyed by the entry id:
//   entries    the small line the History view lists (time, score, counts, mode, full or summary)
//   results    the AnalysisResult and its measured facts (lib/export/metrics.ts)
//   snapshots  the collected app (AppSnapshot), only for the newest `fullReportsPerApp` analyses
// so listing never loads a snapshot, and turning a full report into a summary deletes one record.
// Retention (lib/protocol/settings.ts): at most `maxApps` apps, no analysis older than `maxAgeDays`,
// at most `maxAnalysesPerApp` per app, the newest `fullReportsPerApp` full reports of each app kept
// full (a newer imported summary does not push the last full report out).
// Version 1 kept one record per app (store `analyses`); opening migrates each into the new stores.
// Every read is validated: a damaged or outdated record is dropped with a log, never shown.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { z } from '../schema/zod';
import { AnalysisResult } from '../analyze/result';
import { withValidRunSummaries } from '../rules/run-summaries';
import { compareAnalyses } from '../export/compare';
import { AnalysisMetrics, metricsOf } from '../export/metrics';
import { StoredAnalysis } from '../protocol/stored-analysis';
import type { Retention } from '../protocol/settings';
import { DEFAULT_RETENTION } from '../protocol/settings';
import { SeverityCounts } from '../report/report-schema';
import { AppSnapshot } from '../snapshot/schema';

export const HISTORY_DB = 'qlarity-history';
const DB_VERSION = 2;
const ENTRIES = 'entries';
const RESULTS = 'results';
const SNAPSHOTS = 'snapshots';
const LEGACY = 'analyses';
const BY_APP = 'appKey';

/** One analysis as the History view lists it. */
export const HistoryEntry = z.object({
  id: z.string().check(z.minLength(1)),
  appKey: z.string().check(z.minLength(1)),
  /** when the analysis ran (its `analysedAt`), epoch ms: the history's order */
  at: z.number(),
  /** when it was stored here, epoch ms */
  savedAt: z.number(),
  appName: z.string(),
  score: z.number(),
  counts: SeverityCounts,
  hidden: z.number().check(z.int(), z.nonnegative()),
  /** how it was collected: session, web-integration, oauth, api-key (absent when unknown) */
  connectionMode: z.optional(z.string()),
  /** the collected app is kept too: every report view can show it */
  full: z.boolean(),
  /** imported from a JSON export (by whom is not known) */
  imported: z.boolean(),
  appMemoryBytes: z.optional(z.number()),
  fieldCount: z.optional(z.number()),
  /** new and fixed findings (not hidden) since the app's previous analysis, when there was one */
  change: z.optional(z.object({ sinceAt: z.number(), new: SeverityCounts, fixed: SeverityCounts })),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

const ResultRecord = z.object({ id: z.string(), result: AnalysisResult, metrics: AnalysisMetrics });

/** A stored result record, its rule summaries checked against their rules' contracts (a summary of an older shape is dropped, not the analysis). */
function parseResultRecord(raw: unknown): ReturnType<typeof ResultRecord.safeParse> {
  const parsed = ResultRecord.safeParse(raw);
  return parsed.success ? { ...parsed, data: { ...parsed.data, result: withValidRunSummaries(parsed.data.result) } } : parsed;
}
const SnapshotRecord = z.object({ id: z.string(), snapshot: AppSnapshot });

/** One analysis of the history, opened: a summary has no snapshot. */
export interface HistoryAnalysis {
  entry: HistoryEntry;
  result: AnalysisResult;
  metrics: AnalysisMetrics;
  snapshot?: AppSnapshot;
}

/** What `save` and `add` keep: a result, with the snapshot when it is a fresh run. */
export interface NewAnalysis {
  appKey: string;
  result: AnalysisResult;
  snapshot?: AppSnapshot;
  /** measured facts; taken from the snapshot when absent */
  metrics?: AnalysisMetrics;
  connectionMode?: string;
  imported?: boolean;
  savedAt: number;
}

interface HistoryDb extends DBSchema {
  [ENTRIES]: { key: string; value: unknown; indexes: { [BY_APP]: string } };
  [RESULTS]: { key: string; value: unknown };
  [SNAPSHOTS]: { key: string; value: unknown };
}

export interface HistoryStore {
  /** the app's newest full analysis (result + snapshot), or null */
  load(appKey: string): Promise<StoredAnalysis | null>;
  /** keeps a finished run as the app's newest analysis, then applies the retention */
  save(analysis: NewAnalysis, retention: Retention): Promise<HistoryEntry>;
  /** the app's analyses, newest first */
  list(appKey: string): Promise<HistoryEntry[]>;
  /** one analysis by its entry id, or null (none, or damaged and then removed) */
  open(id: string): Promise<HistoryAnalysis | null>;
  /** drops what the retention setting no longer allows; returns the app keys left without any analysis */
  prune(retention: Retention): Promise<string[]>;
  /** the stored app keys, newest analysis first */
  keys(): Promise<string[]>;
  close(): void;
}

/** The id of an analysis: its app and when it ran, so the same analysis imported twice is one entry. */
export const historyId = (appKey: string, at: number): string => `${appKey}|${at}`;

/** Which apps' popup summaries (storage.local) to drop: beyond the newest `maxApps`, or older than `maxAgeDays`. Pure. */
export function appsToDrop(entries: readonly { appKey: string; savedAt: number }[], retention: Retention, now: number): string[] {
  const oldestKept = now - retention.maxAgeDays * 24 * 60 * 60 * 1000;
  return [...entries]
    .sort((a, b) => b.savedAt - a.savedAt)
    .filter((entry, index) => index >= retention.maxApps || entry.savedAt < oldestKept)
    .map((entry) => entry.appKey);
}

export interface RetentionPlan {
  /** entries to delete with their result and snapshot */
  drop: string[];
  /** full entries to keep as summaries (their snapshot deleted) */
  summarise: string[];
}

/** What the retention setting asks of the stored entries. Pure. */
export function planRetention(
  entries: readonly Pick<HistoryEntry, 'id' | 'appKey' | 'at' | 'savedAt' | 'full'>[],
  retention: Retention,
  now: number,
): RetentionPlan {
  const r = { ...DEFAULT_RETENTION, ...retention };
  const oldestKept = now - r.maxAgeDays * 24 * 60 * 60 * 1000;
  const byApp = new Map<string, Pick<HistoryEntry, 'id' | 'appKey' | 'at' | 'savedAt' | 'full'>[]>();
  for (const entry of [...entries].sort(newestFirst)) {
    const list = byApp.get(entry.appKey);
    if (list) list.push(entry);
    else byApp.set(entry.appKey, [entry]);
  }
  const plan: RetentionPlan = { drop: [], summarise: [] };
  // apps in the order of their newest analysis: byApp was filled newest first
  [...byApp.values()].forEach((list, appIndex) => {
    let fullKept = 0; // the newest full reports stay full; summaries (imports) do not count
    list.forEach((entry, index) => {
      if (appIndex >= r.maxApps || entry.at < oldestKept || index >= r.maxAnalysesPerApp) plan.drop.push(entry.id);
      else if (entry.full && ++fullKept > r.fullReportsPerApp) plan.summarise.push(entry.id);
    });
  });
  return plan;
}

/** Newest analysis first; of two made at the same time, the one stored last. */
const newestFirst = (a: Pick<HistoryEntry, 'at' | 'savedAt'>, b: Pick<HistoryEntry, 'at' | 'savedAt'>) => b.at - a.at || b.savedAt - a.savedAt;

/** The History view's line for an analysis. */
export function entryOf(analysis: NewAnalysis, metrics: AnalysisMetrics, full: boolean): HistoryEntry {
  const at = Date.parse(analysis.result.analysedAt);
  const time = Number.isNaN(at) ? analysis.savedAt : at;
  return {
    id: historyId(analysis.appKey, time),
    appKey: analysis.appKey,
    at: time,
    savedAt: analysis.savedAt,
    appName: analysis.result.app.name,
    score: analysis.result.score.value,
    counts: { ...analysis.result.summary.bySeverity },
    hidden: analysis.result.suppressedFindings.length,
    ...(analysis.connectionMode ? { connectionMode: analysis.connectionMode } : {}),
    full,
    imported: analysis.imported ?? false,
    ...(metrics.appMemoryBytes !== undefined ? { appMemoryBytes: metrics.appMemoryBytes } : {}),
    ...(metrics.fieldCount !== undefined ? { fieldCount: metrics.fieldCount } : {}),
  };
}

type UpgradeTx = IDBPTransaction<HistoryDb, StoreNames<HistoryDb>[], 'versionchange'>;

export async function openHistoryStore({ name = HISTORY_DB, now = Date.now, log = console.warn } = {}): Promise<HistoryStore> {
  let db: IDBPDatabase<HistoryDb> | undefined;
  db = await openDB<HistoryDb>(name, DB_VERSION, {
    async upgrade(database, oldVersion, _newVersion, tx) {
      const entries = database.createObjectStore(ENTRIES, { keyPath: 'id' });
      entries.createIndex(BY_APP, 'appKey');
      database.createObjectStore(RESULTS, { keyPath: 'id' });
      database.createObjectStore(SNAPSHOTS, { keyPath: 'id' });
      if (oldVersion === 1) await migrateFromVersion1(tx as unknown as UpgradeTx, log);
    },
    // another page opens a newer version: let it upgrade, this connection reopens on next use
    blocking() {
      db?.close();
      db = undefined;
    },
  });

  const handle = async (): Promise<IDBPDatabase<HistoryDb>> => (db ??= await openDB<HistoryDb>(name, DB_VERSION));

  async function allEntries(): Promise<HistoryEntry[]> {
    const raws = await (await handle()).getAll(ENTRIES);
    const valid: HistoryEntry[] = [];
    for (const raw of raws) {
      const parsed = HistoryEntry.safeParse(raw);
      if (parsed.success) valid.push(parsed.data);
      else await dropDamaged((raw as { id?: unknown })?.id, parsed.error);
    }
    return valid;
  }

  async function dropDamaged(id: unknown, error?: z.core.$ZodError): Promise<void> {
    const why = error ? error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') : 'a part of it is missing';
    log(`Qlarity: dropped the stored analysis ${String(id)}: it cannot be read (${why}). Run a new analysis.`);
    if (typeof id === 'string') await deleteEntries([id]);
  }

  async function deleteEntries(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const tx = (await handle()).transaction([ENTRIES, RESULTS, SNAPSHOTS], 'readwrite');
    await Promise.all([...ids.flatMap((id) => [tx.objectStore(ENTRIES).delete(id), tx.objectStore(RESULTS).delete(id), tx.objectStore(SNAPSHOTS).delete(id)]), tx.done]);
  }

  async function prune(retention: Retention): Promise<string[]> {
    const entries = await allEntries();
    const plan = planRetention(entries, retention, now());
    await deleteEntries(plan.drop);
    if (plan.summarise.length) {
      const tx = (await handle()).transaction([ENTRIES, SNAPSHOTS], 'readwrite');
      const byId = new Map(entries.map((e) => [e.id, e]));
      await Promise.all([
        ...plan.summarise.flatMap((id) => [tx.objectStore(SNAPSHOTS).delete(id), tx.objectStore(ENTRIES).put({ ...byId.get(id), full: false })]),
        tx.done,
      ]);
    }
    const dropped = new Set(plan.drop);
    const before = new Set(entries.map((e) => e.appKey));
    const after = new Set(entries.filter((e) => !dropped.has(e.id)).map((e) => e.appKey));
    return [...before].filter((key) => !after.has(key));
  }

  async function open(id: string): Promise<HistoryAnalysis | null> {
    const database = await handle();
    const tx = database.transaction([ENTRIES, RESULTS, SNAPSHOTS]);
    const [rawEntry, rawResult, rawSnapshot] = await Promise.all([tx.objectStore(ENTRIES).get(id), tx.objectStore(RESULTS).get(id), tx.objectStore(SNAPSHOTS).get(id)]);
    if (rawEntry === undefined) return null;
    const entry = HistoryEntry.safeParse(rawEntry);
    if (!entry.success) return dropDamaged(id, entry.error).then(() => null);
    const result = parseResultRecord(rawResult);
    if (!result.success) return dropDamaged(id, rawResult === undefined ? undefined : result.error).then(() => null);
    const analysis: HistoryAnalysis = { entry: entry.data, result: result.data.result, metrics: result.data.metrics };
    if (entry.data.full) {
      const snapshot = SnapshotRecord.safeParse(rawSnapshot);
      if (snapshot.success) analysis.snapshot = snapshot.data.snapshot;
      else {
        // the result is still good: keep it as a summary rather than losing it
        log(`Qlarity: the collected data of analysis ${id} cannot be read; it is kept as a summary.`);
        analysis.entry = { ...entry.data, full: false };
        const write = database.transaction([ENTRIES, SNAPSHOTS], 'readwrite');
        await Promise.all([write.objectStore(SNAPSHOTS).delete(id), write.objectStore(ENTRIES).put(analysis.entry), write.done]);
      }
    }
    return analysis;
  }

  /** an entry's result alone (no snapshot), or undefined when it cannot be read */
  async function readResult(id: string): Promise<z.infer<typeof ResultRecord> | undefined> {
    const parsed = parseResultRecord(await (await handle()).get(RESULTS, id));
    return parsed.success ? parsed.data : undefined;
  }

  async function list(appKey: string): Promise<HistoryEntry[]> {
    const raws = await (await handle()).getAllFromIndex(ENTRIES, BY_APP, appKey);
    const valid: HistoryEntry[] = [];
    for (const raw of raws) {
      const parsed = HistoryEntry.safeParse(raw);
      if (parsed.success) valid.push(parsed.data);
      else await dropDamaged((raw as { id?: unknown })?.id, parsed.error);
    }
    return valid.sort(newestFirst);
  }

  return {
    async load(appKey) {
      for (const entry of await list(appKey)) {
        if (!entry.full) continue;
        const opened = await open(entry.id);
        if (opened?.snapshot) return { appKey, result: opened.result, snapshot: opened.snapshot, savedAt: opened.entry.savedAt };
      }
      return null;
    },
    async save(analysis, retention) {
      const result = AnalysisResult.parse(analysis.result);
      const snapshot = analysis.snapshot === undefined ? undefined : AppSnapshot.parse(analysis.snapshot);
      const metrics = AnalysisMetrics.parse(analysis.metrics ?? metricsOf(result, snapshot));
      const entry = entryOf({ ...analysis, result }, metrics, snapshot !== undefined);
      const previous = (await list(analysis.appKey)).find((e) => e.at < entry.at);
      const earlier = previous ? await readResult(previous.id) : undefined;
      if (previous && earlier) {
        const { counts } = compareAnalyses({ result: earlier.result }, { result });
        entry.change = { sinceAt: previous.at, new: counts.new, fixed: counts.fixed };
      }
      const tx = (await handle()).transaction([ENTRIES, RESULTS, SNAPSHOTS], 'readwrite');
      await Promise.all([
        tx.objectStore(ENTRIES).put(entry),
        tx.objectStore(RESULTS).put({ id: entry.id, result, metrics }),
        snapshot ? tx.objectStore(SNAPSHOTS).put({ id: entry.id, snapshot }) : tx.objectStore(SNAPSHOTS).delete(entry.id),
        tx.done,
      ]);
      await prune(retention);
      return entry;
    },
    list,
    open,
    prune,
    async keys() {
      const keys: string[] = [];
      for (const e of (await allEntries()).sort(newestFirst)) if (!keys.includes(e.appKey)) keys.push(e.appKey);
      return keys;
    },
    close: () => {
      db?.close();
      db = undefined;
    },
  };
}

/** Version 1 kept the last analysis per app in `analyses`; each readable one becomes a full entry. */
async function migrateFromVersion1(tx: UpgradeTx, log: (message: string) => void): Promise<void> {
  const legacy = tx.objectStore(LEGACY as never) as unknown as { getAll(): Promise<unknown[]> };
  const records = await legacy.getAll();
  for (const raw of records) {
    const parsed = StoredAnalysis.safeParse(raw);
    if (!parsed.success) {
      log(`Qlarity: an analysis stored by an older version cannot be read and was not kept (${parsed.error.issues[0]?.message ?? 'invalid'}).`);
      continue;
    }
    const { appKey, result, snapshot, savedAt } = parsed.data;
    const metrics = metricsOf(result, snapshot);
    const entry = entryOf({ appKey, result, snapshot, savedAt }, metrics, true);
    await tx.objectStore(ENTRIES).put(entry);
    await tx.objectStore(RESULTS).put({ id: entry.id, result, metrics });
    await tx.objectStore(SNAPSHOTS).put({ id: entry.id, snapshot });
  }
  tx.db.deleteObjectStore(LEGACY as never);
}
