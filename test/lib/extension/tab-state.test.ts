import { describe, expect, it } from 'vitest';
import { describeTab, originPatternOf } from '@/lib/extension/tab-state';
import type { AnalysisRun } from '@/lib/protocol/run';

const APP = '9c1f3a52-6d2e-4b8f-a7c4-2e5d8b1f0a63';
const run: AnalysisRun = { runId: 'r', appKey: 'k', phase: 'collecting', startedAt: 1 };
const deps = (granted: string[] = []) => ({
  hasHostAccess: async (pattern: string) => granted.includes(pattern),
  currentRun: (tabId: number) => (tabId === 1 ? run : null),
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

  it('has no tab when there is none', async () => {
    expect(await describeTab(undefined, deps())).toEqual({ kind: 'no-tab' });
    expect(await describeTab({ id: -1 }, deps())).toEqual({ kind: 'no-tab' });
  });

  it('builds port-free match patterns', () => {
    expect(originPatternOf('https://qlik.example.com:8443')).toBe('https://qlik.example.com/*');
  });
});
