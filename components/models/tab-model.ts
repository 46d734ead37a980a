// The state of the popup and the side panel: which tab, what it holds, the run in progress and the
// last report, as signals; the actions the views call. One model per page.
import { batch, computed, signal } from '@preact/signals';
import type { AnalysisRun } from '../../lib/protocol/run';
import { isRunning } from '../../lib/extension/is-running';
import type { AnalysisReport, ReportFinding } from '../../lib/report/report-schema';
import { appKeyOf } from '../../lib/extension/app-key';
import type { TabState } from '../../lib/protocol/tab-state';
import type { ExtensionClient } from './extension-client';
import { messageOf, QlarityError } from '../../lib/extension/errors';
import { withTimeout } from '../../lib/extension/with-timeout';

export type TabModel = ReturnType<typeof createTabModel>;

/** How long the page waits for the background's answer about its tab or report before saying so. */
const ANSWER_TIMEOUT_MS = 15_000;

/** A run's stored report changed: it finished, or the timing pass stored a grown one. */
function reportChanged(previous: AnalysisRun | null, next: AnalysisRun): boolean {
  if (next.phase === 'done') return previous?.runId !== next.runId || previous.phase !== 'done';
  return next.reportAt !== undefined && (next.runId !== previous?.runId || next.reportAt !== previous.reportAt);
}

const reportAppKey = (state: TabState | null): string | null => (state?.kind === 'qlik-app' ? appKeyOf(state.app) : null);
const shownTabId = (state: TabState | null): number | null => (state && state.kind !== 'no-tab' ? state.tabId : null);

export function createTabModel(client: ExtensionClient, { answerTimeoutMs = ANSWER_TIMEOUT_MS }: { answerTimeoutMs?: number } = {}) {
  const tabState = signal<TabState | null>(null);
  const run = signal<AnalysisRun | null>(null);
  const report = signal<AnalysisReport | null>(null);
  const loading = signal(true);
  /** a problem talking to the extension itself (not an analysis failure) */
  const error = signal<string | null>(null);
  /** a short message after an action, e.g. "Highlighted the object in the Qlik tab." */
  const notice = signal<string | null>(null);

  const tabId = computed(() => shownTabId(tabState.value));
  const app = computed(() => (tabState.value?.kind === 'qlik-app' ? tabState.value.app : null));
  const running = computed(() => isRunning(run.value));
  /** the last run failed because the tenant says the user is not signed in (Qlik Cloud: its login page can help) */
  const canLogIn = computed(() => {
    const current = run.value;
    return !!app.value && app.value.hostKind !== 'other' && current?.phase === 'failed' && current.error?.code === 'not-logged-in';
  });

  // Answers can come back in any order and after the page moved on (another tab, a newer run). Each
  // request and each event gets the next tick of one clock: an answer applies only to the tab and
  // app still shown, and never over what a later request or event already showed.
  let clock = 0;
  let newestLoad = 0;
  /** the tick of the request whose answer `report` shows */
  let reportTick = 0;
  /** the last message of a failed report request, so that a later good answer clears it */
  let reportFailure: string | null = null;
  /** counts the changes of the shown tab or app: an action's answer about an earlier one is dropped */
  let shownView = 0;
  /**
   * The newest run event per tab, with its tick and whether it was shown when it came (events of a
   * tab not shown yet are kept too: a load may be about to show that tab).
   */
  const runEvents = new Map<number, { run: AnalysisRun; tick: number; shown: boolean }>();
  const runEventSince = (tab: number, tick: number) => {
    const event = runEvents.get(tab);
    return event && event.tick > tick ? event : undefined;
  };

  const answered = <T>(request: Promise<T>) =>
    withTimeout(request, answerTimeoutMs, () => new QlarityError('no-answer', `The extension did not answer within ${answerTimeoutMs / 1000} s.`));

  async function readTabState(): Promise<TabState> {
    const id = await answered(client.resolveTabId());
    return id === null ? { kind: 'no-tab' } : answered(client.getTabState(id));
  }

  /** The app's last report, refused when the answer is about another app. */
  async function readReport(appKey: string): Promise<AnalysisReport | null> {
    const last = await answered(client.getLastResult(appKey));
    if (last && last.appKey !== appKey) throw new QlarityError('bad-reply', 'The background answered with the report of another app.');
    return last;
  }

  const showReport = (value: AnalysisReport | null, tick: number) => {
    report.value = value;
    reportTick = tick;
  };
  const reportFailed = (e: unknown) => `Could not load the app's last report: ${messageOf(e)}`;

  async function load(): Promise<void> {
    const tick = (newestLoad = ++clock);
    loading.value = true;
    try {
      const state = await readTabState();
      if (tick !== newestLoad) return;
      const appKey = reportAppKey(state);
      const reportAsked = ++clock;
      const last = appKey ? await readReport(appKey).then((value) => ({ value }), (e: unknown) => ({ failure: reportFailed(e) })) : { value: null };
      if (tick !== newestLoad) return;
      // a run event that came during the load is at least as new as the state's run
      const event = state.kind === 'qlik-app' ? runEventSince(state.tabId, tick)?.run : undefined;
      const latestRun = event?.appKey === appKey ? event : undefined;
      const stateRun = state.kind === 'qlik-app' ? state.run : null;
      batch(() => {
        const sameView = shownTabId(tabState.value) === shownTabId(state) && reportAppKey(tabState.value) === appKey;
        if (!sameView) {
          shownView++;
          notice.value = null;
        }
        tabState.value = state;
        run.value = latestRun ?? stateRun;
        if ('value' in last) {
          if (!sameView || reportAsked > reportTick) showReport(last.value, reportAsked);
        } else if (!sameView) showReport(null, reportAsked); // never another app's report
        reportFailure = 'failure' in last ? last.failure : null;
        error.value = reportFailure;
      });
      // a run event came while the report was asked for: it may be older than the run's new report
      const missed = state.kind === 'qlik-app' ? runEventSince(state.tabId, reportAsked) : undefined;
      if (appKey && missed && !missed.shown && missed.run.appKey === appKey && reportChanged(stateRun, missed.run)) void refreshReport(appKey);
    } catch (e) {
      if (tick === newestLoad) error.value = messageOf(e);
    } finally {
      if (tick === newestLoad) loading.value = false;
    }
  }

  /** Asks for the app's report again (a run finished or stored a grown report). */
  async function refreshReport(appKey: string): Promise<void> {
    const tick = ++clock;
    const stillWanted = () => reportAppKey(tabState.value) === appKey && tick > reportTick;
    try {
      const last = await readReport(appKey);
      if (!stillWanted()) return;
      batch(() => {
        showReport(last, tick);
        if (reportFailure !== null && error.value === reportFailure) error.value = null;
        reportFailure = null;
      });
    } catch (e) {
      if (!stillWanted()) return;
      error.value = reportFailure = reportFailed(e);
    }
  }

  /**
   * Sends an action's request; its answer (or failure) is used only while the page still shows the
   * tab and app the action was about.
   */
  async function act<T>(request: () => Promise<T>, onAnswer: (answer: T) => void | Promise<void>, onFailure = (e: unknown) => void (error.value = messageOf(e))): Promise<void> {
    const view = shownView;
    let answer: T;
    try {
      answer = await request();
    } catch (e) {
      if (view === shownView) onFailure(e);
      return;
    }
    if (view === shownView) await onAnswer(answer);
  }

  async function analyse(): Promise<void> {
    const id = tabId.value;
    if (id === null || !app.value) return;
    notice.value = null;
    const asked = ++clock;
    await act(
      () => client.startAnalysis(id),
      (started) => {
        // the run's own events may already have said more (it may even have ended)
        if (!runEventSince(id, asked)) run.value = started;
      },
    );
  }

  async function cancel(): Promise<void> {
    const id = tabId.value;
    if (id === null) return;
    await act(() => client.cancelAnalysis(id), () => {});
  }

  /** During the timing pass: end it, keep what was measured, and skip it for this app from now on. */
  async function skipTimings(): Promise<void> {
    const id = tabId.value;
    if (id === null) return;
    await act(
      () => client.skipTimings(id),
      (skipped) => void (skipped && (notice.value = 'Timing pass skipped: this app is analysed without it until you turn it back on.')),
    );
  }

  /** Turns the app's timing pass back on for its next analyses. */
  async function measureTimingsAgain(): Promise<void> {
    const current = app.value;
    if (!current) return;
    await act(
      () => client.setTimingsSkipped(appKeyOf(current), false),
      () => void (notice.value = 'The timing pass is on again: the next analysis measures the calculation times.'),
    );
  }

  async function logIn(): Promise<void> {
    const id = tabId.value;
    const host = app.value?.host;
    if (id === null || !host) return;
    await act(
      () => client.logIn(id),
      () => void (notice.value = `Log in to ${host} in the new tab: Qlarity runs the analysis again by itself once you are signed in.`),
    );
  }

  async function allowHost(): Promise<void> {
    const state = tabState.value;
    if (state?.kind !== 'needs-permission') return;
    await act(
      () => client.requestHostAccess(state.originPattern),
      (granted) => (granted ? load() : void (notice.value = `Access to ${state.app.host} was not granted.`)),
    );
  }

  async function showInApp(finding: ReportFinding): Promise<void> {
    const id = tabId.value;
    const target = finding.target;
    if (id === null || !target) return;
    await act(
      () => client.showInApp(id, target),
      (answer) => void (notice.value = answer.detail),
      (e) => void (notice.value = messageOf(e)),
    );
  }

  async function openSidePanel(): Promise<void> {
    const id = tabId.value;
    if (id === null) return;
    await act(
      () => client.openSidePanel(id),
      () => {},
      (e) => void (notice.value = `Could not open the side panel: ${messageOf(e)}`),
    );
  }

  /** Follows progress events for our tab; reloads the report when a run finishes. */
  function connect(): () => void {
    const stopEvents = client.onEvent((event) => {
      const shown = event.tabId === tabId.value;
      if (event.type === 'tab-state-changed') {
        if (shown && !running.value) void load();
        return;
      }
      runEvents.set(event.tabId, { run: event.run, tick: ++clock, shown });
      if (!shown) return;
      const previous = run.value;
      run.value = event.run;
      if (reportChanged(previous, event.run)) void refreshReport(event.run.appKey);
    });
    const stopTabs = client.onActiveTabChange(() => void load());
    return () => {
      stopEvents();
      stopTabs();
    };
  }

  return {
    tabState,
    run,
    report,
    loading,
    error,
    notice,
    tabId,
    app,
    running,
    canLogIn,
    load,
    analyse,
    cancel,
    skipTimings,
    measureTimingsAgain,
    allowHost,
    logIn,
    showInApp,
    openSidePanel,
    connect,
  };
}
