// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createTabModel } from '../../components/models/tab-model';
import { PopupView } from '../../components/PopupView';
import { ReportSummary } from '../../components/ReportSummary';
import { createFormatter } from '../../lib/report/format';
import { appKeyOf } from '../../lib/extension/app-key';
import { demoApp, finding, report } from '../lib/protocol/report-fixtures';
import { FakeClient } from './fake-client';
import { act, mount } from './render';

afterEach(() => {
  document.body.innerHTML = '';
});

function appTab(client: FakeClient) {
  client.tabState = { kind: 'qlik-app', tabId: 7, app: demoApp, run: null };
}

describe('PopupView', () => {
  it('says when the tab is not a Qlik app, with next steps, and offers no Analyze', async () => {
    const client = new FakeClient();
    const view = await mount(<PopupView model={createTabModel(client)} />);
    await view.until('Not a Qlik app tab');
    expect(view.text()).toContain('Open your Qlik Cloud tenant and sign in.');
    expect(() => view.button('Analyze')).toThrow();
  });

  it('names the Qlik product serving the tab, and says when product-info did not confirm it', async () => {
    const client = new FakeClient();
    client.tabState = { kind: 'qlik-app', tabId: 7, app: demoApp, run: null, platform: { platform: 'qseow', confirmed: true, productLabel: 'Qlik Sense (November 2024)' } };
    const view = await mount(<PopupView model={createTabModel(client)} />);
    await view.until('Qlik Sense Enterprise on Windows · Qlik Sense (November 2024)');
    document.body.innerHTML = '';
    const guessed = new FakeClient();
    guessed.tabState = { kind: 'qlik-app', tabId: 7, app: demoApp, run: null, platform: { platform: 'qlik-cloud', confirmed: false } };
    await (await mount(<PopupView model={createTabModel(guessed)} />)).until('Qlik Cloud (not confirmed)');
  });

  it('after "not signed in" offers Log in, which asks the background to open the tenant login', async () => {
    const client = new FakeClient();
    const appKey = appKeyOf(demoApp);
    client.tabState = { kind: 'qlik-app', tabId: 7, app: demoApp, run: { runId: 'r', appKey, phase: 'failed', startedAt: 1, error: { code: 'not-logged-in', message: 'You are not signed in.' } } };
    const view = await mount(<PopupView model={createTabModel(client)} />);
    await view.until('You are not signed in.');
    await view.click('Log in');
    expect(client.logIn).toHaveBeenCalledWith(7);
    await view.until('Qlarity runs the analysis again by itself once you are signed in.');
    // another failure offers no Log in
    document.body.innerHTML = '';
    const other = new FakeClient();
    other.tabState = { kind: 'qlik-app', tabId: 7, app: demoApp, run: { runId: 'r', appKey, phase: 'failed', startedAt: 1, error: { code: 'forbidden', message: 'No access.' } } };
    const second = await mount(<PopupView model={createTabModel(other)} />);
    await second.until('No access.');
    expect(() => second.button('Log in')).toThrow();
  });

  it('shows the detected app; Analyze starts a run, progress shows with Cancel, done shows the summary', async () => {
    const client = new FakeClient();
    appTab(client);
    const view = await mount(<PopupView model={createTabModel(client)} />);
    await view.until('Qlik app detected');
    expect(view.text()).toContain(demoApp.appId);
    expect(view.root.querySelector('[data-testid="app-tenant"]')?.textContent).toBe('demo.eu.qlikcloud.com');
    expect(view.root.querySelector('[data-testid="app-name"]')).toBeNull(); // not analysed yet: the address has no name
    // before the first analysis: what opening the app costs on analyzer capacity (Qlik help "Analyzer Capacity license")
    expect(view.root.querySelector('[data-testid="capacity-note"]')?.textContent).toBe(
      'An analysis opens the app like the Qlik client does; with analyzer capacity it can consume a unit, as opening the app yourself would.',
    );

    await view.click('Analyze');
    expect(client.startAnalysis).toHaveBeenCalledWith(7);
    await view.until('Connecting to the app');

    const appKey = appKeyOf(demoApp);
    await act(() =>
      client.emit({ type: 'analysis-progress', tabId: 7, run: { runId: 'r1', appKey, phase: 'collecting', startedAt: 1, progress: { done: 3, total: 12 }, detail: 'sheet 3 of 12' } }),
    );
    await view.until('Reading the app… sheet 3 of 12');
    expect(view.root.querySelector('progress')?.getAttribute('value')).toBe('0.25');
    await view.click('Cancel');
    expect(client.cancelAnalysis).toHaveBeenCalledWith(7);

    // Events for another tab are not ours.
    await act(() => client.emit({ type: 'analysis-progress', tabId: 8, run: { runId: 'x', appKey, phase: 'failed', startedAt: 1, error: { code: 'x', message: 'other tab' } } }));
    expect(view.text()).not.toContain('other tab');

    client.lastResult = report([
      finding({ id: 'a', message: 'First error' }),
      finding({ id: 'b', severity: 'warning', message: 'A warning' }),
      finding({ id: 'c', severity: 'warning', message: 'Another warning' }),
      finding({ id: 'd', severity: 'info', message: 'Some info', target: { kind: 'field', id: 'F' } }),
    ]);
    await act(() => client.emit({ type: 'analysis-progress', tabId: 7, run: { runId: 'r1', appKey, phase: 'done', startedAt: 1, finishedAt: 2 } }));
    await view.until('4 findings');
    expect(client.getLastResult).toHaveBeenLastCalledWith(appKey);
    expect(view.text()).toContain('Errors: 1');
    expect(view.text()).toContain('Warnings: 2');
    expect(view.text()).toContain('Info: 1');
    expect(view.root.querySelectorAll('[data-testid="finding"]')).toHaveLength(3);
    expect(view.text()).toContain('…and 1 more.');
    expect(view.button('Analyze again')).toBeTruthy();
    expect(view.root.querySelector('[data-testid="capacity-note"]')).toBeNull();

    await view.click(/Show in app: First error/);
    expect(client.showInApp).toHaveBeenCalledWith(7, expect.objectContaining({ kind: 'object', id: 'obj-1' }));
    await view.until('Highlighted the object in the Qlik tab.');

    await view.click('Open report');
    expect(client.openSidePanel).toHaveBeenCalledWith(7);
  });

  it('shows why a run failed', async () => {
    const client = new FakeClient();
    client.tabState = {
      kind: 'qlik-app',
      tabId: 7,
      app: demoApp,
      run: { runId: 'r', appKey: 'k', phase: 'failed', startedAt: 1, error: { code: 'not-signed-in', message: 'Sign in to demo.eu.qlikcloud.com first.' } },
    };
    const view = await mount(<PopupView model={createTabModel(client)} />);
    await view.until('Sign in to demo.eu.qlikcloud.com first.');
    expect(view.root.querySelector('[role="alert"]')?.textContent).toContain('Sign in');
    expect(view.text()).toContain('Analysis failed');
    expect(() => view.button('Log in')).toThrow(); // another failure: no Log in
  });


  it('asks for access to an on-premise host and reloads once granted', async () => {
    const client = new FakeClient();
    const app = { ...demoApp, origin: 'https://qlik.example.com', host: 'qlik.example.com', hostKind: 'other' as const };
    client.tabState = { kind: 'needs-permission', tabId: 7, app, originPattern: 'https://qlik.example.com/*' };
    const view = await mount(<PopupView model={createTabModel(client)} />);
    await view.until('Allow Qlarity on qlik.example.com?');
    client.tabState = { kind: 'qlik-app', tabId: 7, app, run: null, platform: { platform: 'qseow', confirmed: true, productLabel: 'Qlik Sense (November 2024)' } };
    await view.click('Allow access to qlik.example.com');
    expect(client.requestHostAccess).toHaveBeenCalledWith('https://qlik.example.com/*');
    await view.until('Qlik app detected');
    expect(view.root.querySelector('[data-testid="app-tenant"]')?.textContent).toBe('qlik.example.com');
    expect(view.root.querySelector('[data-testid="platform"]')?.textContent).toBe('Qlik Sense Enterprise on Windows · Qlik Sense (November 2024)');
  });

  it('says so when access is refused', async () => {
    const client = new FakeClient();
    client.grant = false;
    const app = { ...demoApp, origin: 'https://qlik.example.com', host: 'qlik.example.com', hostKind: 'other' as const };
    client.tabState = { kind: 'needs-permission', tabId: 7, app, originPattern: 'https://qlik.example.com/*' };
    const view = await mount(<PopupView model={createTabModel(client)} />);
    await view.until('Allow Qlarity');
    await view.click('Allow access to qlik.example.com');
    await view.until('Access to qlik.example.com was not granted.');
  });

  it('shows an error when the background cannot be reached', async () => {
    const client = new FakeClient();
    client.getTabState.mockRejectedValueOnce(new Error('Could not establish connection.'));
    const view = await mount(<PopupView model={createTabModel(client)} />);
    await view.until('Could not establish connection.');
  });

  it('when the new report cannot be read after a run, says so and keeps the summary it shows', async () => {
    const client = new FakeClient();
    appTab(client);
    client.lastResult = report([finding({ id: 'a', message: 'First error' })]);
    const view = await mount(<PopupView model={createTabModel(client)} />);
    await view.until('1 finding');
    client.getLastResult.mockRejectedValueOnce(new Error('The background sent an unexpected answer to get-last-result.'));
    await act(() => client.emit({ type: 'analysis-progress', tabId: 7, run: { runId: 'r2', appKey: appKeyOf(demoApp), phase: 'done', startedAt: 1, finishedAt: 2 } }));
    await view.until("Could not load the app's last report: The background sent an unexpected answer to get-last-result.");
    expect(view.root.querySelector('[role="alert"]')?.textContent).toContain('Could not load');
    expect(view.root.querySelector('[data-testid="report-summary"]')?.textContent).toContain('First error');
  });

  it('shows when it was analysed, the app memory, the unused memory and the slowest object, in the browser locale', async () => {
    const client = new FakeClient();
    appTab(client);
    const finishedAt = Date.UTC(2026, 10, 27, 6, 30);
    client.lastResult = report([finding()], {
      startedAt: finishedAt - 4_200,
      finishedAt,
      facts: {
        appMemoryBytes: 4_907_480_000,
        unusedMemory: { fieldCount: 7, bytes: 123_456_789 },
        slowestObject: { id: 'o1', name: 'Revenue trend', sheetId: 's1', sheetName: 'Executive Overview', ms: 2_345 },
      },
    });
    const view = await mount(<PopupView model={createTabModel(client)} />);
    await view.until('Slowest object');
    expect(view.root.querySelector('#summary-title')?.textContent).toBe('Demo sales');
    const fmt = createFormatter(navigator.language);
    const fact = (id: string) => view.root.querySelector(`[data-testid="${id}"]`)?.textContent;
    expect(fact('fact-app-memory')).toBe(fmt.bytes(4_907_480_000));
    expect(fact('fact-unused-memory')).toBe(`${fmt.bytes(123_456_789)} in 7 fields`);
    expect(fact('fact-slowest-object')).toBe(`Revenue trend on Executive Overview: ${fmt.duration(2_345)}`);
    expect(fact('fact-analysed-at')).toBe(fmt.dateTime(new Date(finishedAt).toISOString()));
    expect(view.text()).toContain('1 finding · Analysed');
    expect(view.text()).toContain('Top findings');
  });

  it('shows the limitation of a REST-only run as a visible note, and none otherwise', async () => {
    const note = 'Engine analysis needs another mode. Only what the REST APIs give was analysed.';
    const limited = await mount(<ReportSummary report={report([finding()], { limitation: note })} onShow={() => {}} fmt={createFormatter('en-GB')} />);
    const shown = limited.root.querySelector('[data-testid="analysis-limitation"]');
    expect(shown?.textContent).toBe(note);
    expect(shown?.getAttribute('role')).toBe('note');
    document.body.innerHTML = '';
    const full = await mount(<ReportSummary report={report([finding()])} onShow={() => {}} fmt={createFormatter('en-GB')} />);
    expect(full.root.querySelector('[data-testid="analysis-limitation"]')).toBeNull();
  });

  it('formats numbers and bytes for the given locale', async () => {
    const r = report([finding()], { facts: { appMemoryBytes: 1_610_612_736, unusedMemory: { fieldCount: 1_234, bytes: 1_536 }, slowestObject: { id: 'o', name: 'KPI', ms: 12_500 } } });
    const view = await mount(<ReportSummary report={r} onShow={() => {}} fmt={createFormatter('de-DE')} />);
    expect(view.root.querySelector('[data-testid="fact-app-memory"]')?.textContent).toBe('1,5 GiB');
    expect(view.root.querySelector('[data-testid="fact-unused-memory"]')?.textContent).toBe('1,5 KiB in 1.234 fields');
    expect(view.root.querySelector('[data-testid="slowest-ms"]')?.textContent).toBe('12,5 s');
    expect(view.root.querySelector('[data-testid="fact-slowest-object"]')?.textContent).not.toContain(' on ');
  });

  it('renders long, right-to-left and HTML-looking names as text', async () => {
    const html = '<img src=x onerror="window.pwned=1"><b>Top 10</b>';
    const rtl = 'لوحة المبيعات الرئيسية';
    const long = 'Ω'.repeat(400);
    const r = report([finding({ message: html, target: { kind: 'object', id: 'o', name: rtl } })], {
      app: { appId: 'a', name: html, origin: 'https://demo.eu.qlikcloud.com' },
      facts: { slowestObject: { id: 'o', name: long, sheetName: rtl, ms: 5 } },
    });
    const view = await mount(<ReportSummary report={r} onShow={() => {}} fmt={createFormatter('en-GB')} />);
    expect(view.root.querySelector('img')).toBeNull();
    expect(view.root.querySelector('b')).toBeNull();
    expect(view.root.querySelector('#summary-title')?.textContent).toBe(html);
    const name = view.root.querySelector('[data-testid="slowest-name"]')!;
    expect(name.tagName).toBe('BDI');
    expect(name.getAttribute('dir')).toBe('auto');
    expect(name.textContent).toBe(long);
    expect(view.root.querySelector('[data-testid="slowest-sheet"]')?.textContent).toBe(rtl);
    expect(view.text()).toContain(`object “${rtl}”`);
  });

  it('shows the score in its band and Fix first: three rows with their gains and Show in app', async () => {
    const { analysedSalesApp } = await import('../lib/report/fixtures');
    const { reportFromAnalysis, topFindingsOf } = await import('../../lib/report/analysis-report');
    const { snapshot, result } = analysedSalesApp();
    const r = reportFromAnalysis(result, { appKey: 'k', origin: 'https://demo.eu.qlikcloud.com', startedAt: 0, finishedAt: 1200, top: topFindingsOf(result, snapshot) });
    const shown: string[] = [];
    const view = await mount(<ReportSummary report={r} onShow={(f) => shown.push(f.id)} fmt={createFormatter('en-US')} />);
    const score = view.root.querySelector('[data-testid="score"]')!;
    expect(score.getAttribute('aria-label')).toMatch(/^Quality score \d+ of 100: (Poor|Needs work|Good)$/);
    expect(view.text()).toContain('Fix first');
    expect(view.text()).not.toContain('score = ');
    const rows = [...view.root.querySelectorAll('[data-testid="top-findings"] [data-testid="finding"]')];
    expect(rows).toHaveLength(r.top!.length);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toHaveLength(3);
    expect(rows[0].querySelector('[data-testid="gain"]')?.textContent).toMatch(/^Fixes \d+ broken items?$/);
    const button = [...rows[0].querySelectorAll('button')].find((b) => b.textContent?.startsWith('Show in app'));
    await act(() => button!.click());
    expect(shown).toEqual([r.top![0].first.id]);
  });

  it('says so when nothing is broken and nothing was measured', async () => {
    const r = report([finding({ severity: 'info' })], { top: [] });
    const view = await mount(<ReportSummary report={r} onShow={() => {}} fmt={createFormatter('en-US')} />);
    expect(view.text()).toContain('Nothing is broken and no cost was measured');
  });
});
