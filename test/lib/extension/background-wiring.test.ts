// The background entry point wired to the fake browser: real handlers, real tab parsing, real storage.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { createAnalysisHistory } from '@/lib/extension/last-analysis';
import { loadLastResult, saveLastResult } from '@/lib/extension/storage';
import { DEFAULT_RETENTION, DEFAULT_SETTINGS } from '@/lib/protocol/settings';
import { appKeyOf } from '@/lib/protocol/tab-state';
import { parseQlikAppUrl } from '@/lib/qlik/url';
import { analysisFinding, analysisResult, finding, report } from '../protocol/report-fixtures';
import { minimalSnapshot } from '../snapshot/minimal-snapshot';

const APP = '9c1f3a52-6d2e-4b8f-a7c4-2e5d8b1f0a63';
type Trigger = (...args: unknown[]) => Promise<unknown[]>;

async function ask(message: unknown): Promise<unknown> {
  const sendResponse = vi.fn();
  const sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
  await (fakeBrowser.runtime.onMessage.trigger as Trigger)(message, sender, sendResponse);
  await vi.waitFor(() => expect(sendResponse).toHaveBeenCalled());
  return sendResponse.mock.calls[0][0];
}

describe('background wiring', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    // fake-browser has no permissions events; the background only registers a listener there.
    vi.spyOn(fakeBrowser.permissions.onAdded, 'addListener').mockImplementation(() => {});
    background.main();
  });

  it('describes a Qlik Cloud app tab and another tab', async () => {
    const app = await fakeBrowser.tabs.create({ url: `https://demo.eu.qlikcloud.com/sense/app/${APP}/sheet/s1/state/analysis` });
    const other = await fakeBrowser.tabs.create({ url: 'https://example.org/' });
    expect(await ask({ type: 'get-tab-state', tabId: app.id })).toMatchObject({ ok: true, value: { kind: 'qlik-app', app: { appId: APP }, run: null } });
    expect(await ask({ type: 'get-tab-state', tabId: other.id })).toEqual({ ok: true, value: { kind: 'not-qlik', tabId: other.id, host: 'example.org' } });
    expect(await ask({ type: 'get-tab-state', tabId: 999 })).toEqual({ ok: true, value: { kind: 'no-tab' } });
  });

  it('refuses to analyse a tab without an app', async () => {
    const other = await fakeBrowser.tabs.create({ url: 'https://example.org/' });
    expect(await ask({ type: 'start-analysis', tabId: other.id })).toMatchObject({ ok: false, error: { code: 'not-an-app' } });
  });

  it('stores settings through the background, validated', async () => {
    const settings = { connection: { ...DEFAULT_SETTINGS.connection, mode: 'api-key', apiKey: 'k' } };
    expect(await ask({ type: 'set-settings', settings })).toEqual({ ok: true, value: settings });
    expect(await ask({ type: 'get-settings' })).toEqual({ ok: true, value: settings });
    expect(await ask({ type: 'set-settings', settings: { connection: { mode: 'x' } } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await ask({ type: 'get-last-result', appKey: 'nothing' })).toEqual({ ok: true, value: null });
  });

  it('answers get-last-analysis from IndexedDB, validated, with hidden findings applied', async () => {
    expect(await ask({ type: 'get-last-analysis', appKey: 'nothing' })).toEqual({ ok: true, value: null });
    expect(await ask({ type: 'get-last-analysis', appKey: '' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    // what the background's saveResult writes after a run (same database, as the side panel reads it)
    const result = analysisResult([analysisFinding()]);
    await createAnalysisHistory().save({ appKey: 'app-9', report: report([]), result, snapshot: minimalSnapshot() }, DEFAULT_SETTINGS);
    expect(await ask({ type: 'get-last-analysis', appKey: 'app-9' })).toMatchObject({
      ok: true,
      value: { appKey: 'app-9', result: { findings: [{ rule: 'R01' }] }, snapshot: { app: { name: 'Tiny' } } },
    });
  });

  it('badges the tab with the error count of its app, and clears it on another app or a non-app page', async () => {
    const url = `https://demo.eu.qlikcloud.com/sense/app/${APP}/sheet/s1/state/analysis`;
    const appKey = appKeyOf(parseQlikAppUrl(url)!);
    await saveLastResult(report([finding(), finding(), finding({ severity: 'warning' })], { appKey, finishedAt: Date.now() }), DEFAULT_RETENTION);
    const tab = await fakeBrowser.tabs.create({ url });
    const navigate = async (to: string) => {
      await fakeBrowser.tabs.update(tab.id!, { url: to });
      await (fakeBrowser.tabs.onUpdated.trigger as Trigger)(tab.id, { url: to }, { ...tab, url: to });
    };
    const badge = () => fakeBrowser.action.getBadgeText({ tabId: tab.id! });
    await (fakeBrowser.tabs.onUpdated.trigger as Trigger)(tab.id, { status: 'complete' }, tab);
    await vi.waitFor(async () => expect(await badge()).toBe('2'));
    await navigate('https://demo.eu.qlikcloud.com/sense/app/0b7d2c40-1111-4222-8333-944455556666/overview');
    await vi.waitFor(async () => expect(await badge()).toBe(''));
    await navigate(url);
    await vi.waitFor(async () => expect(await badge()).toBe('2'));
    await navigate('https://demo.eu.qlikcloud.com/hub');
    await vi.waitFor(async () => expect(await badge()).toBe(''));
  });

  it('applies a lowered retention to the stored analyses as soon as it is saved', async () => {
    await saveLastResult(report([], { appKey: 'older', finishedAt: Date.now() - 2_000 }), DEFAULT_RETENTION);
    await saveLastResult(report([], { appKey: 'newer', finishedAt: Date.now() - 1_000 }), DEFAULT_RETENTION);
    const history = createAnalysisHistory();
    await history.save({ appKey: 'older', report: report([]), result: analysisResult([]), snapshot: minimalSnapshot() }, DEFAULT_SETTINGS);
    await history.save({ appKey: 'newer', report: report([]), result: analysisResult([]), snapshot: minimalSnapshot() }, DEFAULT_SETTINGS);
    expect(await ask({ type: 'list-analysed-apps' })).toMatchObject({ ok: true, value: [{ appKey: 'newer' }, { appKey: 'older' }] });
    const settings = { ...DEFAULT_SETTINGS, retention: { maxApps: 1, maxAgeDays: 30 } };
    expect(await ask({ type: 'set-settings', settings })).toEqual({ ok: true, value: settings });
    expect(await ask({ type: 'list-analysed-apps' })).toMatchObject({ ok: true, value: [{ appKey: 'newer' }] });
    expect(await loadLastResult('older')).toBeNull();
    expect(await history.load('older')).toBeNull();
    expect(await history.load('newer')).not.toBeNull();
  });
});
