import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appsToDrop, openHistoryStore, type HistoryStore } from '@/lib/extension/history-store';
import type { StoredAnalysis } from '@/lib/protocol/report';
import { analysisFinding, analysisResult } from '../protocol/report-fixtures';
import { minimalSnapshot } from '../snapshot/minimal-snapshot';

const DAY = 24 * 60 * 60 * 1000;
const NOW = 100 * DAY;
const retention = { maxApps: 3, maxAgeDays: 30 };
let dbCount = 0;
const opened: HistoryStore[] = [];

function stored(appKey: string, savedAt: number): StoredAnalysis {
  return { appKey, result: analysisResult([analysisFinding()]), snapshot: minimalSnapshot(), savedAt };
}

async function open(now = () => NOW, log = vi.fn()) {
  const name = `history-test-${++dbCount}`;
  const store = await openHistoryStore({ name, now, log });
  opened.push(store);
  return { store, name, log };
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

describe('appsToDrop', () => {
  it('keeps the newest maxApps and drops what is older than maxAgeDays', () => {
    const now = 100 * DAY;
    const entries = [
      { appKey: 'a', savedAt: now - 1 },
      { appKey: 'old', savedAt: now - 31 * DAY },
      { appKey: 'b', savedAt: now - 2 },
      { appKey: 'c', savedAt: now - 3 },
      { appKey: 'd', savedAt: now - 4 },
    ];
    expect(appsToDrop(entries, retention, now).sort()).toEqual(['d', 'old']);
    expect(appsToDrop(entries, { maxApps: 10, maxAgeDays: 365 }, now)).toEqual([]);
  });
});

describe('history store (IndexedDB)', () => {
  it('keeps the last analysis per app and reads it back validated', async () => {
    const { store } = await open();
    expect(await store.load('app-1')).toBeNull();
    await store.save(stored('app-1', NOW - 1), retention);
    const newer = stored('app-1', NOW - 2);
    newer.result = analysisResult([]);
    await store.save(newer, retention);
    expect(await store.load('app-1')).toEqual(newer);
    expect(await store.keys()).toEqual(['app-1']);
  });

  it('survives a reopen (a service-worker or browser restart)', async () => {
    const { store, name } = await open();
    await store.save(stored('app-1', NOW - 1), retention);
    store.close();
    const again = await openHistoryStore({ name });
    opened.push(again);
    expect((await again.load('app-1'))?.result.findings).toHaveLength(1);
  });

  it('is bounded by the retention setting: newest apps kept, old analyses dropped', async () => {
    let now = 100 * DAY;
    const { store } = await open(() => now);
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) await store.save(stored(key, now + i), retention);
    expect(await store.keys()).toEqual(['d', 'c', 'b']);
    expect(await store.load('a')).toBeNull();
    now += 40 * DAY; // the others are now past maxAgeDays
    await store.save(stored('e', now), retention);
    expect(await store.keys()).toEqual(['e']);
  });

  it('applies a lowered or aged retention without a new save (prune)', async () => {
    let now = 100 * DAY;
    const { store } = await open(() => now);
    for (const [i, key] of ['a', 'b', 'c'].entries()) await store.save(stored(key, now + i), retention);
    expect(await store.prune({ maxApps: 3, maxAgeDays: 30 })).toEqual([]);
    expect((await store.prune({ maxApps: 1, maxAgeDays: 30 })).sort()).toEqual(['a', 'b']);
    expect(await store.keys()).toEqual(['c']);
    now += 31 * DAY;
    expect(await store.prune(retention)).toEqual(['c']);
    expect(await store.keys()).toEqual([]);
  });

  it('refuses to save an invalid analysis and keeps the stored one', async () => {
    const { store } = await open();
    await store.save(stored('app-1', NOW - 1), retention);
    await expect(store.save({ ...stored('app-1', NOW - 2), result: { findings: 'lots' } } as never, retention)).rejects.toThrow();
    expect((await store.load('app-1'))?.savedAt).toBe(NOW - 1);
  });

  it('drops a damaged record with a clear log instead of failing', async () => {
    const { store, name, log } = await open();
    await store.save(stored('app-1', NOW - 1), retention);
    const raw = await openDB(name, 1);
    await raw.put('analyses', { appKey: 'app-1', savedAt: NOW, result: { version: 99 }, snapshot: {} });
    raw.close();
    expect(await store.load('app-1')).toBeNull();
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/dropped the stored analysis of app-1: it cannot be read \(result/));
    expect(await store.keys()).toEqual([]);
  });
});
