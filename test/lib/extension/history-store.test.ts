import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HISTORY_DB, openHistoryStore, planRetention, type HistoryStore, type NewAnalysis } from '../../../lib/extension/history-store';
import { analysisFinding, analysisResult } from '../protocol/report-fixtures';
import { minimalSnapshot } from '../snapshot/minimal-snapshot';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-12-07T12:00:00.000Z');
const retention = { maxApps: 3, maxAgeDays: 30 };
let dbCount = 0;
const opened: HistoryStore[] = [];

/** An analysis of `appKey` made `ago` ms before NOW. */
function run(appKey: string, ago: number, withSnapshot = true): NewAnalysis {
  const at = NOW - ago;
  return {
    appKey,
    result: analysisResult([analysisFinding()], { analysedAt: new Date(at).toISOString() }),
    ...(withSnapshot ? { snapshot: minimalSnapshot() } : {}),
    savedAt: at,
    connectionMode: 'session',
  };
}

async function open(now = () => NOW, log = vi.fn(), name = `history-test-${++dbCount}`) {
  const store = await openHistoryStore({ name, now, log });
  opened.push(store);
  return { store, name, log };
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

describe('planRetention', () => {
  const entry = (appKey: string, at: number, full = true) => ({ id: `${appKey}|${at}`, appKey, at, savedAt: at, full });

  it('keeps the newest maxApps apps and drops what is older than maxAgeDays', () => {
    const entries = [entry('a', NOW - 1), entry('old', NOW - 31 * DAY), entry('b', NOW - 2), entry('c', NOW - 3), entry('d', NOW - 4)];
    expect(planRetention(entries, retention, NOW).drop.sort()).toEqual(['d|' + (NOW - 4), 'old|' + (NOW - 31 * DAY)]);
    expect(planRetention(entries, { maxApps: 10, maxAgeDays: 365 }, NOW).drop).toEqual([]);
  });

  it('keeps the newest full reports per app and older ones as summaries, up to maxAnalysesPerApp', () => {
    const entries = [1, 2, 3, 4, 5].map((i) => entry('a', NOW - i));
    const plan = planRetention(entries, { ...retention, fullReportsPerApp: 2, maxAnalysesPerApp: 4 }, NOW);
    expect(plan.summarise).toEqual([`a|${NOW - 3}`, `a|${NOW - 4}`]);
    expect(plan.drop).toEqual([`a|${NOW - 5}`]);
    // a summary stays a summary: nothing to do for it
    expect(planRetention([entry('a', NOW - 1, false)], retention, NOW)).toEqual({ drop: [], summarise: [] });
    // a newer imported summary does not turn the last full report into a summary
    expect(planRetention([entry('a', NOW - 1, false), entry('a', NOW - 2), entry('a', NOW - 3)], { ...retention, fullReportsPerApp: 1 }, NOW).summarise).toEqual([`a|${NOW - 3}`]);
  });
});

describe('history store (IndexedDB)', () => {
  it('keeps every analysis of an app, lists them newest first with score, counts and mode, and opens any one', async () => {
    const { store } = await open();
    expect(await store.load('app-1')).toBeNull();
    await store.save(run('app-1', 2 * DAY), retention);
    const newest = run('app-1', DAY);
    newest.result = analysisResult([], { analysedAt: newest.result.analysedAt });
    await store.save(newest, retention);
    const list = await store.list('app-1');
    expect(list.map((e) => e.at)).toEqual([NOW - DAY, NOW - 2 * DAY]);
    expect(list[0]).toMatchObject({ appKey: 'app-1', score: 87, counts: { error: 0, warning: 0, info: 0 }, connectionMode: 'session', full: true, imported: false });
    expect(list[1].counts.warning).toBe(1);
    // what changed since the previous analysis: its one warning is gone
    expect(list[0].change).toEqual({ sinceAt: NOW - 2 * DAY, new: { error: 0, warning: 0, info: 0 }, fixed: { error: 0, warning: 1, info: 0 } });
    expect(list[1].change).toBeUndefined();
    expect((await store.load('app-1'))?.result.findings).toEqual([]);
    const older = await store.open(list[1].id);
    expect(older?.result.findings).toHaveLength(1);
    expect(older?.snapshot?.app.name).toBe('Tiny');
    expect(await store.keys()).toEqual(['app-1']);
  });

  it("opens a result stored with an older shape of R01's summary: the retired field is dropped, the rest kept, and a damaged summary does not lose the analysis", async () => {
    const { store } = await open();
    const r01 = { rule: 'R01', name: 'unused-field', category: 'resource' as const, severity: 'warning' as const, status: 'ran' as const, findings: 1, suppressed: 0, durationMs: 1 };
    const stored = run('app-1', DAY);
    const summary = { fieldCount: 1, totalBytes: 2048, highConfidenceBytes: 2048, dropStatement: 'DROP FIELDS [Unused];' };
    stored.result = { ...stored.result, rules: [{ ...r01, data: { ...summary, dropStatementAll: 'DROP FIELDS [Unused];' } }] };
    await store.save(stored, retention);
    const damaged = run('app-2', DAY);
    damaged.result = { ...damaged.result, rules: [{ ...r01, data: { fieldCount: 'one' } }] };
    await store.save(damaged, retention);
    const [entry] = await store.list('app-1');
    expect((await store.open(entry.id))?.result.rules[0].data).toEqual(summary);
    const opened = await store.load('app-2');
    expect(opened?.result.findings).toHaveLength(1);
    expect(opened?.result.rules[0]).toEqual(r01);
  });

  it('survives a reopen (a service-worker or browser restart)', async () => {
    const { store, name } = await open();
    await store.save(run('app-1', 1), retention);
    store.close();
    const again = await openHistoryStore({ name, now: () => NOW });
    opened.push(again);
    expect((await again.load('app-1'))?.result.findings).toHaveLength(1);
  });

  it('turns older analyses into summaries (no collected data) and drops those past the retention', async () => {
    const { store } = await open();
    const r = { ...retention, fullReportsPerApp: 2, maxAnalysesPerApp: 3 };
    for (const days of [4, 3, 2, 1]) await store.save(run('app-1', days * DAY), r);
    const list = await store.list('app-1');
    expect(list.map((e) => [e.at, e.full])).toEqual([[NOW - DAY, true], [NOW - 2 * DAY, true], [NOW - 3 * DAY, false]]);
    const summary = await store.open(list[2].id);
    expect(summary?.snapshot).toBeUndefined();
    expect(summary?.result.findings).toHaveLength(1);
    expect(summary?.metrics).toBeDefined();
  });

  it('is bounded by the retention setting: newest apps kept, old analyses dropped, also without a new save', async () => {
    let now = NOW;
    const { store } = await open(() => now);
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) await store.save(run(key, 10 - i), retention);
    expect(await store.keys()).toEqual(['d', 'c', 'b']);
    expect(await store.list('a')).toEqual([]);
    expect((await store.prune({ maxApps: 1, maxAgeDays: 30 })).sort()).toEqual(['b', 'c']);
    now += 31 * DAY;
    expect(await store.prune(retention)).toEqual(['d']);
    expect(await store.keys()).toEqual([]);
  });

  it('refuses to save an invalid analysis and keeps the stored one', async () => {
    const { store } = await open();
    await store.save(run('app-1', 1), retention);
    await expect(store.save({ ...run('app-1', 2), result: { findings: 'lots' } } as never, retention)).rejects.toThrow();
    expect(await store.list('app-1')).toHaveLength(1);
  });

  it('drops a damaged record with a clear log instead of failing', async () => {
    const { store, name, log } = await open();
    const saved = await store.save(run('app-1', 1), retention);
    const raw = await openDB(name, 2);
    await raw.put('results', { id: saved.id, result: { version: 99 }, metrics: {} });
    raw.close();
    expect(await store.load('app-1')).toBeNull();
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/dropped the stored analysis app-1\|\d+: it cannot be read \(result/));
    expect(await store.keys()).toEqual([]);
  });

  it('keeps the result as a summary when only its collected data is damaged', async () => {
    const { store, name, log } = await open();
    const saved = await store.save(run('app-1', 1), retention);
    const raw = await openDB(name, 2);
    await raw.put('snapshots', { id: saved.id, snapshot: { schemaVersion: -1 } });
    raw.close();
    const opened = await store.open(saved.id);
    expect(opened?.snapshot).toBeUndefined();
    expect(opened?.entry.full).toBe(false);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/kept as a summary/));
    expect((await store.list('app-1'))[0].full).toBe(false);
  });

  it('opens a stored analysis whose collected data names parts the old way (evaluations, expressionChecks …)', async () => {
    const { store, name } = await open();
    const saved = await store.save(run('app-1', 1), retention);
    const oldIssues = [
      { part: 'evaluations', code: 'HTTP_403', message: 'forbidden' },
      { part: 'expressionChecks', code: 'ENGINE_-128', message: 'failed' },
      { part: 'reloadLog', objectId: 'r1', code: 'HTTP_403', message: 'forbidden' },
    ];
    const raw = await openDB(name, 2);
    await raw.put('snapshots', { id: saved.id, snapshot: { ...minimalSnapshot(), collectionIssues: oldIssues } });
    const record = await raw.get('results', saved.id);
    await raw.put('results', { ...record, metrics: { notCollected: oldIssues } });
    raw.close();
    const opened = await store.open(saved.id);
    expect(opened?.entry.full).toBe(true);
    expect(opened?.snapshot?.collectionIssues.map((i) => i.part)).toEqual(['evaluation', 'expressions', 'reloads']);
    expect(opened?.metrics.notCollected?.map((i) => i.part)).toEqual(['evaluation', 'expressions', 'reloads']);
  });

  it('migrates the last analysis per app kept by version 1 into the history', async () => {
    const name = `history-v1-${++dbCount}`;
    const v1 = await openDB(name, 1, {
      upgrade(database) {
        database.createObjectStore('analyses', { keyPath: 'appKey' }).createIndex('savedAt', 'savedAt');
      },
    });
    const good = run('app-1', DAY);
    await v1.put('analyses', { appKey: 'app-1', result: good.result, snapshot: good.snapshot, savedAt: good.savedAt });
    await v1.put('analyses', { appKey: 'broken', result: { version: 99 }, snapshot: {}, savedAt: NOW });
    v1.close();
    const { store, log } = await open(() => NOW, vi.fn(), name);
    const list = await store.list('app-1');
    expect(list).toEqual([expect.objectContaining({ appKey: 'app-1', at: NOW - DAY, full: true, imported: false })]);
    expect((await store.load('app-1'))?.snapshot.app.name).toBe('Tiny');
    expect(await store.keys()).toEqual(['app-1']);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/older version cannot be read/));
  });

  it('uses the shared database name by default', () => {
    expect(HISTORY_DB).toBe('qlarity-history');
  });
});
