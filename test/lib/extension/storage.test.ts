import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadLastResult, loadSettings, MAX_STORED_RESULTS, resultIndexItem, saveLastResult, saveSettings } from '@/lib/extension/storage';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/protocol/settings';
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
    const good: Settings = { connection: { ...DEFAULT_SETTINGS.connection, mode: 'api-key', apiKey: 'k' } };
    await saveSettings(good);
    await expect(saveSettings({ connection: { ...good.connection, mode: 'telepathy' } } as never)).rejects.toThrow();
    expect(await loadSettings()).toEqual(good);
  });
});

describe('result storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('stores the last result per app and reads it back', async () => {
    const r = report([finding({ id: 'a' })]);
    expect(await loadLastResult(r.appKey)).toBeNull();
    await saveLastResult(r);
    expect(await loadLastResult(r.appKey)).toEqual(r);
    const newer = report([], { finishedAt: 9_999 });
    await saveLastResult(newer);
    expect(await loadLastResult(r.appKey)).toEqual(newer);
    expect(await resultIndexItem.getValue()).toEqual([r.appKey]);
  });

  it(`keeps the newest ${MAX_STORED_RESULTS} apps and removes the oldest`, async () => {
    for (let i = 0; i <= MAX_STORED_RESULTS; i++) await saveLastResult(report([], { appKey: `app-${i}` }));
    const index = await resultIndexItem.getValue();
    expect(index).toHaveLength(MAX_STORED_RESULTS);
    expect(index[0]).toBe(`app-${MAX_STORED_RESULTS}`);
    expect(await loadLastResult('app-0')).toBeNull();
    expect(await loadLastResult('app-1')).not.toBeNull();
  });

  it('reads a damaged stored result as none', async () => {
    await fakeBrowser.storage.local.set({ 'result:broken': { version: 1, findings: 'lots' } });
    expect(await loadLastResult('broken')).toBeNull();
  });
});
