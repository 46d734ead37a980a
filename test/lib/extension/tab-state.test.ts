import { describe, expect, it } from 'vitest';
import { describeTab, isAnalysableTab, originPatternOf } from '../../../lib/extension/tab-state';
import type { PlatformInfo } from '../../../lib/qlik/platform';
import type { AnalysisRun } from '../../../lib/protocol/run';

const APP = '9c1f3a52-6d2e-4b8f-a7c4-2e5d8b1f0a63';
const run: AnalysisRun = { runId: 'r', appKey: 'k', phase: 'collecting', startedAt: 1 };
const deps = (granted: string[] = [], platform: PlatformInfo | null = null) => ({
  hasHostAccess: async (pattern: string) => granted.includes(pattern),
  currentRun: (tabId: number) => (tabId === 1 ? run : null),
  confirmPlatform: async () => platform,
});

describe('describeTab', () => {
  it('recognises a Qlik Cloud app and carries its current run', async () => {
    const state = await describeTab({ id: 1, url: `https://demo.eu.qlikcloud.com/sense/app/${APP}/sheet/s1/state/analysis` }, deps());
    expect(state).toMatchObject({ kind: 'qlik-app', tabId: 1, app: { appId: APP, sheetId: 's1', hostKind: 'qlik-cloud' }, run });
  });

  it('asks for permission for an app on another https host, until it is granted', async () => {
    const url = `https://qlik.example.com/hub/sense/app/${APP}`;
    expect(await describeTab({ id: 2, url }, deps())).toMatchObject({ kind: 'needs-permission', originPattern: 'https://qlik.example.com/*' });
    expect(await describeTab({ id: 2, url }, deps(['https://qlik.example.com/*']))).toMatchObject({ kind: 'qlik-app', app: { prefix: '/hub' } });
  });

  it('says "not a Qlik app" for other pages, unreadable addresses and plain http servers', async () => {
    expect(await describeTab({ id: 3, url: 'https://example.org/' }, deps())).toEqual({ kind: 'not-qlik', tabId: 3, host: 'example.org' });
    expect(await describeTab({ id: 3 }, deps())).toEqual({ kind: 'not-qlik', tabId: 3 });
    expect(await describeTab({ id: 3, url: 'chrome://extensions/' }, deps())).toEqual({ kind: 'not-qlik', tabId: 3 });
    expect(await describeTab({ id: 3, url: `http://qlik.local/sense/app/${APP}` }, deps())).toMatchObject({ kind: 'not-qlik', host: 'qlik.local' });
  });

  it('confirms the product from product-info.json; without an answer it says what the host suggests, unconfirmed', async () => {
    const cloud = { id: 1, url: `https://demo.eu.qlikcloud.com/sense/app/${APP}` };
    const confirmed = await describeTab(cloud, deps([], { platform: 'qlik-cloud', productLabel: 'Qlik Sense (Qlik Cloud)', version: '14.1' }));
    expect(confirmed).toMatchObject({ kind: 'qlik-app', platform: { platform: 'qlik-cloud', confirmed: true, productLabel: 'Qlik Sense (Qlik Cloud)', version: '14.1' } });
    expect(isAnalysableTab(confirmed)).toBe(true);
    const guessed = await describeTab(cloud, deps([], null));
    expect(guessed).toMatchObject({ kind: 'qlik-app', platform: { platform: 'qlik-cloud', confirmed: false } });
    expect(isAnalysableTab(guessed)).toBe(true);

    const onPrem = { id: 2, url: `https://qlik.example.com/qs/sense/app/${APP}` };
    const qseow = await describeTab(onPrem, deps(['https://qlik.example.com/*'], { platform: 'qseow' }));
    expect(qseow).toMatchObject({ kind: 'qlik-app', platform: { platform: 'qseow', confirmed: true } });
    expect(isAnalysableTab(qseow)).toBe(true);
    // a server whose product-info.json is missing is not a Qlik product: no active icon
    const refuted = await describeTab(onPrem, deps(['https://qlik.example.com/*'], { platform: 'unknown' }));
    expect(refuted).toMatchObject({ kind: 'qlik-app', platform: { platform: 'unknown', confirmed: false } });
    expect(isAnalysableTab(refuted)).toBe(false);
    expect(isAnalysableTab(await describeTab(onPrem, deps(['https://qlik.example.com/*'], null)))).toBe(false);
    expect(isAnalysableTab(await describeTab(onPrem, deps()))).toBe(false); // needs permission first
  });

  it('has no tab when there is none', async () => {
    expect(await describeTab(undefined, deps())).toEqual({ kind: 'no-tab' });
    expect(await describeTab({ id: -1 }, deps())).toEqual({ kind: 'no-tab' });
  });

  it('builds port-free match patterns', () => {
    expect(originPatternOf('https://qlik.example.com:8443')).toBe('https://qlik.example.com/*');
  });
});
