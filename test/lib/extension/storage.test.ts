import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listStoredApps, loadLastResult, loadSettings, pruneResults, resultIndexItem, saveLastResult, saveSettings } from '../../../lib/extension/storage';
import { DEFAULT_RETENTION, DEFAULT_SETTINGS, type Settings } from '../../../lib/protocol/settings';
import { finding, report } from '../protocol/report-fixtures';

describe('settings storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('gives the defaults when nothing is stored, and what was saved afterwards', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    const next: Settings = { connection: { ...DEFAULT_SETTINGS.connection, mode: 'oauth', oauthClientId: 'abc' } };
    await saveSettings(next);
    expect(await loadSettings()).toEqual(next);
  });

  it('falls back to the defaults when the stored value is damaged', async () => {
    await fakeBrowser.storage.local.set({ settings: { connection: { mode: 42 } } });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses to save invalid settings and keeps the stored ones', async () => {
    const good: Settings = { ...DEFAULT_SETTINGS, tenants: { 'acme.eu.qlikcloud.com': { ...DEFAULT_SETTINGS.connection, mode: 'api-key', apiKey: 'k' } } };
    await saveSettings(good);
    await expect(saveSettings({ connection: { ...good.connection, mode: 'telepathy' } } as never)).rejects.toThrow();
    // a key in the default connection would go to every host: refused too
    await expect(saveSettings({ connection: { ...good.connection, mode: 'api-key', apiKey: 'k' } })).rejects.toThrow(/entered per tenant/);
    expect(await loadSettings()).toEqual(good);
  });

  it('removes a default API key stored by an older version from storage at the first read, keeping the rest', async () => {
    const tenants = { 'acme.eu.qlikcloud.com': { ...DEFAULT_SETTINGS.connection, mode: 'oauth' as const, oauthClientId: 'c' } };
    await fakeBrowser.storage.local.set({ settings: { connection: { ...DEFAULT_SETTINGS.connection, mode: 'api-key', apiKey: 'old-secret' }, tenants } });
    const loaded = await loadSettings();
    expect(loaded).toEqual({ connection: DEFAULT_SETTINGS.connection, tenants, defaultApiKeyRemoved: true });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('old-secret');
    expect(await loadSettings()).toEqual(loaded);
  });
});

const DAY = 24 * 60 * 60 * 1000;

describe('result storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('stores the last result per app and reads it back', async () => {
    const r = report([finding({ id: 'a' })]);
    expect(await loadLastResult(r.appKey)).toBeNull();
    await saveLastResult(r, DEFAULT_RETENTION, 5_000);
    expect(await loadLastResult(r.appKey)).toEqual(r);
    const newer = report([], { finishedAt: 9_999 });
    await saveLastResult(newer, DEFAULT_RETENTION, 10_000);
    expect(await loadLastResult(r.appKey)).toEqual(newer);
    expect(await resultIndexItem.getValue()).toEqual([{ appKey: r.appKey, savedAt: 9_999 }]);
  });

  it('keeps as many apps as the retention setting says and removes the oldest', async () => {
    const retention = { maxApps: 3, maxAgeDays: 30 };
    for (let i = 0; i <= 3; i++) await saveLastResult(report([], { appKey: `app-${i}`, finishedAt: 1_000 + i }), retention, 2_000);
    const index = await resultIndexItem.getValue();
    expect(index.map((e) => e.appKey)).toEqual(['app-3', 'app-2', 'app-1']);
    expect(await loadLastResult('app-0')).toBeNull();
    expect(await loadLastResult('app-1')).not.toBeNull();
    // 25 apps are more than the old fixed 20: the setting decides, not a constant.
    const many = { maxApps: 25, maxAgeDays: 30 };
    for (let i = 0; i < 25; i++) await saveLastResult(report([], { appKey: `many-${i}`, finishedAt: 3_000 + i }), many, 4_000);
    expect(await resultIndexItem.getValue()).toHaveLength(25);
    expect(await loadLastResult('many-0')).not.toBeNull();
  });

  it('drops summaries older than the retention age, and applies a lowered setting at once', async () => {
    const now = 100 * DAY;
    await saveLastResult(report([], { appKey: 'old', finishedAt: now - 40 * DAY }), DEFAULT_RETENTION, now - 40 * DAY);
    await saveLastResult(report([], { appKey: 'recent', finishedAt: now - 2 * DAY }), DEFAULT_RETENTION, now - 2 * DAY);
    await saveLastResult(report([], { appKey: 'new', finishedAt: now - 1 }), DEFAULT_RETENTION, now);
    expect(await loadLastResult('old')).not.toBeNull(); // 40 days is within the default 90
    expect(await pruneResults({ maxApps: 20, maxAgeDays: 30 }, now)).toEqual(['old']);
    expect(await loadLastResult('old')).toBeNull();
    expect(await pruneResults({ maxApps: 1, maxAgeDays: 30 }, now)).toEqual(['recent']);
    expect((await listStoredApps()).map((a) => a.appKey)).toEqual(['new']);
  });

  it('reads the index of older versions (app keys only) and keeps following it', async () => {
    const a = report([], { appKey: 'a', finishedAt: 2_000 });
    const b = report([], { appKey: 'b', finishedAt: 1_000 });
    await fakeBrowser.storage.local.set({ results: ['a', 'b', 'gone'], 'result:a': a, 'result:b': b });
    expect((await listStoredApps()).map((app) => [app.appKey, app.savedAt])).toEqual([['a', 2_000], ['b', 1_000]]);
    await saveLastResult(report([], { appKey: 'c', finishedAt: 3_000 }), { maxApps: 2, maxAgeDays: 30 }, 4_000);
    expect(await resultIndexItem.getValue()).toEqual([{ appKey: 'c', savedAt: 3_000 }, { appKey: 'a', savedAt: 2_000 }]);
    expect(await loadLastResult('b')).toBeNull();
    expect(await fakeBrowser.storage.local.get('results')).toEqual({});
  });

  it('reads a damaged stored result as none', async () => {
    await fakeBrowser.storage.local.set({ 'result:broken': { version: 1, findings: 'lots' } });
    expect(await loadLastResult('broken')).toBeNull();
  });
});
