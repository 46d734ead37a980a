// The tab model when the background's answers fail or come late: a failed, malformed or missing
// answer is said in the page and what it shows stays; an answer for a tab, app or run the page has
// moved past is dropped, whatever order the answers come back in.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBrowserClient } from '../../../components/models/browser-client';
import { createTabModel } from '../../../components/models/tab-model';
import { appKeyOf } from '../../../lib/extension/app-key';
import { QlarityError } from '../../../lib/extension/errors';
import type { AnalysisRun } from '../../../lib/protocol/run';
import type { QlikApp, TabState } from '../../../lib/protocol/tab-state';
import type { AnalysisReport } from '../../../lib/report/report-schema';
import { demoApp, finding, report } from '../../lib/protocol/report-fixtures';
import { FakeClient } from '../fake-client';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const demoKey = appKeyOf(demoApp);
const otherApp: QlikApp = { ...demoApp, appId: '0b7d2c40-1111-4222-8333-944455556666' };
const reportOf = (app: QlikApp, message: string, overrides: Partial<AnalysisReport> = {}): AnalysisReport =>
  report([finding({ id: message, message })], { appKey: appKeyOf(app), app: { appId: app.appId, name: message, origin: app.origin }, ...overrides });
const appTab = (tabId: number, app: QlikApp, run: AnalysisRun | null = null): TabState => ({ kind: 'qlik-app', tabId, app, run });
const runOf = (phase: AnalysisRun['phase'], overrides: Partial<AnalysisRun> = {}): AnalysisRun => ({ runId: 'r1', appKey: demoKey, phase, startedAt: 1, ...overrides });

/** A model on a FakeClient showing the demo app in tab 7 with `shown` as its report. */
async function shownModel(shown: AnalysisReport | null, options?: { answerTimeoutMs?: number }) {
  const client = new FakeClient();
  client.tabState = appTab(7, demoApp);
  client.lastResult = shown;
  const model = createTabModel(client, options);
  model.connect();
  await model.load();
  expect(model.report.value).toEqual(shown);
  return { client, model };
}

afterEach(() => vi.restoreAllMocks());

/** Lets every settled promise's reactions run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the tab model when an answer fails', () => {
  it('a rejected report request after a run says so and keeps the report shown', async () => {
    const old = reportOf(demoApp, 'Old report');
    const { client, model } = await shownModel(old);
    client.getLastResult.mockRejectedValueOnce(new QlarityError('internal', 'Storage is unavailable.'));
    client.emit({ type: 'analysis-progress', tabId: 7, run: runOf('done', { finishedAt: 2 }) });
    await vi.waitFor(() => expect(model.error.value).toBe("Could not load the app's last report: Storage is unavailable."));
    expect(model.report.value).toEqual(old);
    expect(model.run.value?.phase).toBe('done');

    // the next good answer replaces both
    const next = reportOf(demoApp, 'New report');
    client.lastResult = next;
    client.emit({ type: 'analysis-progress', tabId: 7, run: runOf('done', { runId: 'r2', finishedAt: 3 }) });
    await vi.waitFor(() => expect(model.report.value).toEqual(next));
    expect(model.error.value).toBeNull();
  });

  it('a rejected report request while loading still shows the tab, and says why there is no report', async () => {
    const client = new FakeClient();
    client.tabState = appTab(7, demoApp);
    client.getLastResult.mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'));
    const model = createTabModel(client);
    await expect(model.load()).resolves.toBeUndefined();
    expect(model.tabState.value).toEqual(client.tabState);
    expect(model.report.value).toBeNull();
    expect(model.loading.value).toBe(false);
    expect(model.error.value).toBe("Could not load the app's last report: Could not establish connection. Receiving end does not exist.");
  });

  it.each([
    { asked: 'report', hang: (client: FakeClient) => client.getLastResult.mockReturnValueOnce(new Promise(() => {})), message: "Could not load the app's last report: The extension did not answer within 0.02 s." },
    { asked: 'tab state', hang: (client: FakeClient) => client.getTabState.mockReturnValueOnce(new Promise(() => {})), message: 'The extension did not answer within 0.02 s.' },
  ])('a $asked request that is never answered ends in a message, not an endless wait, and keeps what is shown', async ({ hang, message }) => {
    const old = reportOf(demoApp, 'Old report');
    const { client, model } = await shownModel(old, { answerTimeoutMs: 20 });
    hang(client);
    await model.load();
    expect(model.loading.value).toBe(false);
    expect(model.error.value).toBe(message);
    expect(model.tabState.value).toEqual(appTab(7, demoApp));
    expect(model.report.value).toEqual(old);
  });

  it('refuses a report of another app, as a malformed answer', async () => {
    const old = reportOf(demoApp, 'Old report');
    const { client, model } = await shownModel(old);
    client.lastResult = reportOf(otherApp, 'Someone else');
    client.emit({ type: 'analysis-progress', tabId: 7, run: runOf('done', { finishedAt: 2 }) });
    await vi.waitFor(() => expect(model.error.value).toBe("Could not load the app's last report: The background answered with the report of another app."));
    expect(model.report.value).toEqual(old);
  });

  it('through the real client: an answer that breaks its schema is said, and the report shown stays', async () => {
    fakeBrowser.reset();
    const old = reportOf(demoApp, 'Old report');
    let lastResult: unknown = { ok: true, value: old };
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: { type: string }) => {
      if (message.type === 'get-tab-state') return { ok: true, value: appTab(7, demoApp) };
      if (message.type === 'get-last-result') return lastResult;
      throw new Error(`unexpected ${message.type}`);
    }) as never);
    const model = createTabModel(createBrowserClient('?tabId=7'));
    await model.load();
    expect(model.report.value).toEqual(old);

    // a hostile answer: findings that are not findings
    lastResult = { ok: true, value: { ...old, findings: [{ id: 1, message: '<img src=x onerror=alert(1)>' }] } };
    await model.load();
    expect(model.error.value).toBe("Could not load the app's last report: The background sent an unexpected answer to get-last-result.");
    expect(model.report.value).toEqual(old);
    expect(model.loading.value).toBe(false);
  });
});

describe('the tab model when an answer comes late', () => {
  it('a load’s report answer that comes after a newer run’s report does not replace it', async () => {
    const { client, model } = await shownModel(reportOf(demoApp, 'First'));
    const stale = deferred<AnalysisReport | null>();
    client.getLastResult.mockReturnValueOnce(stale.promise);
    const loading = model.load(); // e.g. the tab finished loading: its report is asked for again

    // meanwhile the run ends and its new report is read and shown
    const fresh = reportOf(demoApp, 'After the run');
    client.lastResult = fresh;
    client.emit({ type: 'analysis-progress', tabId: 7, run: runOf('done', { finishedAt: 2 }) });
    await vi.waitFor(() => expect(model.report.value).toEqual(fresh));

    stale.resolve(reportOf(demoApp, 'First'));
    await loading;
    expect(model.report.value).toEqual(fresh);
    expect(model.run.value?.phase).toBe('done');
  });

  it('a run’s report answer that comes after the page switched to another app is dropped', async () => {
    const { client, model } = await shownModel(reportOf(demoApp, 'Demo'));
    const [[activeTabChanged]] = client.onActiveTabChange.mock.calls as unknown as [[() => void]];
    const late = deferred<AnalysisReport | null>();
    client.getLastResult.mockReturnValueOnce(late.promise);
    client.emit({ type: 'analysis-progress', tabId: 7, run: runOf('done', { finishedAt: 2 }) });

    client.tabState = appTab(8, otherApp);
    client.lastResult = null;
    activeTabChanged();
    await vi.waitFor(() => expect(model.tabState.value).toEqual(appTab(8, otherApp)));
    expect(model.report.value).toBeNull();

    late.resolve(reportOf(demoApp, 'Demo, analysed again'));
    await settle();
    expect(model.app.value).toEqual(otherApp);
    expect(model.report.value).toBeNull();
  });

  it('of two loads (the user switched tab), the older one’s answer never replaces the newer one’s', async () => {
    const client = new FakeClient();
    const model = createTabModel(client);
    const firstTab = deferred<TabState>();
    client.getTabState.mockReturnValueOnce(firstTab.promise);
    const first = model.load();

    client.tabState = appTab(8, otherApp);
    client.lastResult = reportOf(otherApp, 'Other');
    await model.load();
    expect(model.app.value).toEqual(otherApp);

    firstTab.resolve(appTab(7, demoApp, runOf('collecting')));
    await first;
    expect(model.tabState.value).toEqual(appTab(8, otherApp));
    expect(model.report.value).toEqual(reportOf(otherApp, 'Other'));
    expect(model.run.value).toBeNull();
    expect(model.loading.value).toBe(false);
  });

  it('a run that ends while the page loads shows as ended, with its report', async () => {
    const client = new FakeClient();
    client.tabState = appTab(7, demoApp, runOf('collecting'));
    const model = createTabModel(client);
    model.connect();
    const before = deferred<AnalysisReport | null>();
    client.getLastResult.mockReturnValueOnce(before.promise);
    const loading = model.load();
    await vi.waitFor(() => expect(client.getLastResult).toHaveBeenCalledTimes(1));

    // the run ends and stores its report after the page asked for the report
    const fresh = reportOf(demoApp, 'After the run');
    client.lastResult = fresh;
    client.emit({ type: 'analysis-progress', tabId: 7, run: runOf('done', { finishedAt: 2 }) });
    before.resolve(null);
    await loading;
    expect(model.run.value?.phase).toBe('done');
    await vi.waitFor(() => expect(model.report.value).toEqual(fresh));
  });

  it('the answer to Analyze does not take the run back once its events said more', async () => {
    const { client, model } = await shownModel(null);
    const started = deferred<AnalysisRun>();
    client.startAnalysis.mockReturnValueOnce(started.promise);
    const analysing = model.analyse();
    const fresh = reportOf(demoApp, 'Quick run');
    client.lastResult = fresh;
    client.emit({ type: 'analysis-progress', tabId: 7, run: runOf('collecting') });
    client.emit({ type: 'analysis-progress', tabId: 7, run: runOf('done', { finishedAt: 2 }) });
    started.resolve(runOf('connecting'));
    await analysing;
    expect(model.run.value?.phase).toBe('done');
    expect(model.running.value).toBe(false);
    await vi.waitFor(() => expect(model.report.value).toEqual(fresh));
  });

  it('an action’s answer about the tab shown before is not shown on the next one', async () => {
    const { client, model } = await shownModel(reportOf(demoApp, 'Demo'));
    const shown = deferred<{ shown: boolean; detail: string }>();
    client.showInApp.mockReturnValueOnce(shown.promise);
    const showing = model.showInApp(finding());
    client.tabState = appTab(8, otherApp);
    await model.load();
    shown.resolve({ shown: true, detail: 'Highlighted the object in the Qlik tab.' });
    await showing;
    expect(model.notice.value).toBeNull();

    const failing = deferred<void>();
    client.setTimingsSkipped.mockReturnValueOnce(failing.promise);
    const measuring = model.measureTimingsAgain();
    client.tabState = appTab(7, demoApp);
    await model.load();
    failing.reject(new Error('Storage is unavailable.'));
    await measuring;
    expect(model.error.value).toBeNull();
  });
});
