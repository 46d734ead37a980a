import { describe, expect, it } from 'vitest';
import { AnyRequest, REQUEST_TYPES, requests } from '../../../lib/protocol/messages';
import { AnyEvent } from '../../../lib/protocol/tab-messages';
import { replySchema } from '../../../lib/protocol/envelope';
import { AnalysisReport } from '../../../lib/report/report-schema';
import { DEFAULT_SETTINGS, Settings } from '../../../lib/protocol/settings';
import { settingsProblems } from '../../../lib/extension/settings/problems';
import { TabState, type QlikApp } from '../../../lib/protocol/tab-state';
import { appKeyOf } from '../../../lib/extension/app-key';
import { parseQlikAppUrl } from '../../../lib/qlik/url';
import { demoApp, finding, report } from './report-fixtures';

describe('runtime messages', () => {
  it('declares each request once, with a request schema whose type matches its key', () => {
    expect(REQUEST_TYPES).toEqual(expect.arrayContaining(['get-tab-state', 'start-analysis', 'cancel-analysis', 'get-last-result', 'show-in-app', 'get-settings', 'set-settings']));
    for (const type of REQUEST_TYPES) {
      expect(requests[type].request.shape.type.def.values).toEqual([type]);
    }
  });

  it('parses well-formed requests and rejects malformed or unknown ones', () => {
    expect(AnyRequest.parse({ type: 'get-tab-state', tabId: 7 })).toEqual({ type: 'get-tab-state', tabId: 7 });
    expect(AnyRequest.safeParse({ type: 'get-tab-state', tabId: -1 }).success).toBe(false);
    expect(AnyRequest.safeParse({ type: 'get-tab-state', tabId: '7' }).success).toBe(false);
    expect(AnyRequest.safeParse({ type: 'drop-database' }).success).toBe(false);
    expect(AnyRequest.safeParse('get-tab-state').success).toBe(false);
    expect(AnyRequest.safeParse({ type: 'show-in-app', tabId: 1, target: { kind: '' } }).success).toBe(false);
  });

  it('wraps responses in an ok/error envelope', () => {
    const reply = replySchema(requests['cancel-analysis'].response);
    expect(reply.parse({ ok: true, value: { cancelled: true } })).toEqual({ ok: true, value: { cancelled: true } });
    expect(reply.parse({ ok: false, error: { code: 'forbidden', message: 'no' } }).ok).toBe(false);
    expect(reply.safeParse({ ok: true, value: { cancelled: 'yes' } }).success).toBe(false);
  });

  it('validates events', () => {
    const run = { runId: 'r1', appKey: 'k', phase: 'collecting', startedAt: 1, progress: { done: 2, total: 5 } };
    expect(AnyEvent.parse({ type: 'analysis-progress', tabId: 3, run }).type).toBe('analysis-progress');
    expect(AnyEvent.safeParse({ type: 'analysis-progress', tabId: 3, run: { ...run, phase: 'exploding' } }).success).toBe(false);
  });
});

describe('tab state', () => {
  it('accepts what lib/qlik/url.ts parses from a Qlik Cloud sheet address', () => {
    const app = parseQlikAppUrl(`https://demo.eu.qlikcloud.com/sense/app/${demoApp.appId}/sheet/abc/state/analysis`);
    expect(TabState.parse({ kind: 'qlik-app', tabId: 1, app, run: null })).toMatchObject({ kind: 'qlik-app', app: { appId: demoApp.appId, sheetId: 'abc' } });
  });

  it('keys results by tenant, prefix and app, not by sheet', () => {
    expect(appKeyOf(demoApp)).toBe(`https://demo.eu.qlikcloud.com|${demoApp.appId}`);
    const otherSheet: QlikApp = { ...demoApp, sheetId: 'other' };
    expect(appKeyOf(otherSheet)).toBe(appKeyOf(demoApp));
    expect(appKeyOf({ ...demoApp, prefix: '/hdr' })).not.toBe(appKeyOf(demoApp));
  });
});

describe('settings', () => {
  it('defaults to the user’s own Qlik session, which needs nothing else', () => {
    expect(Settings.parse(DEFAULT_SETTINGS).connection.mode).toBe('session');
    expect(settingsProblems(DEFAULT_SETTINGS)).toEqual([]);
  });

  it('says what each other mode is missing', () => {
    const withMode = (mode: Settings['connection']['mode']) => ({ ...DEFAULT_SETTINGS, connection: { ...DEFAULT_SETTINGS.connection, mode } });
    expect(settingsProblems(withMode('web-integration'))[0]).toMatch(/web integration ID/);
    expect(settingsProblems(withMode('oauth'))[0]).toMatch(/client ID/);
    expect(settingsProblems(withMode('api-key'))[0]).toMatch(/API key/);
  });

  it('rejects unknown modes', () => {
    expect(Settings.safeParse({ ...DEFAULT_SETTINGS, connection: { ...DEFAULT_SETTINGS.connection, mode: 'magic' } }).success).toBe(false);
  });
});

describe('stored report schema', () => {
  it('round-trips a report and refuses one of another version', () => {
    const r = report([finding()]);
    expect(AnalysisReport.parse(JSON.parse(JSON.stringify(r)))).toEqual(r);
    expect(AnalysisReport.safeParse({ ...r, version: 2 }).success).toBe(false);
  });
});
