// The state of the popup and the side panel: which tab, what it holds, the run in progress and the
// last report, as signals; the actions the views call. One model per page.
import { batch, computed, signal } from '@preact/signals';
import type { AnalysisRun } from '../../lib/protocol/run';
import { isRunning } from '../../lib/extension/is-running';
import type { AnalysisReport, ReportFinding } from '../../lib/report/report-schema';
import { appKeyOf } from '../../lib/extension/app-key';
import type { TabState } from '../../lib/protocol/tab-state';
import type { ExtensionClient } from './extension-client';
import { messageOf } from '../../lib/extension/errors';

export type TabModel = ReturnType<typeof createTabModel>;

export function createTabModel(client: ExtensionClient) {
  const tabState = signal<TabState | null>(null);
  const run = signal<AnalysisRun | null>(null);
  const report = signal<AnalysisReport | null>(null);
  const loading = signal(true);
  /** a problem talking to the extension itself (not an analysis failure) */
  const error = signal<string | null>(null);
  /** a short message after an action, e.g. "Highlighted the object in the Qlik tab." */
  const notice = signal<string | null>(null);

  const tabId = computed(() => {
    const state = tabState.value;
    return state && state.kind !== 'no-tab' ? state.tabId : null;
  });
  const app = computed(() => (tabState.value?.kind === 'qlik-app' ? tabState.value.app : null));
  const running = computed(() => isRunning(run.value));
  /** the last run failed because the tenant says the user is not signed in (Qlik Cloud: its login page can help) */
  const canLogIn = computed(() => {
    const current = run.value;
    return !!app.value && app.value.hostKind !== 'other' && current?.phase === 'failed' && current.error?.code === 'not-logged-in';
  });

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const id = await client.resolveTabId();
      const state: TabState = id === null ? { kind: 'no-tab' } : await client.getTabState(id);
      const last = state.kind === 'qlik-app' ? await client.getLastResult(appKeyOf(state.app)) : null;
      batch(() => {
        tabState.value = state;
        run.value = state.kind === 'qlik-app' ? state.run : null;
        report.value = last;
        error.value = null;
      });
    } catch (e) {
      error.value = messageOf(e);
    } finally {
      loading.value = false;
    }
  }

  async function analyse(): Promise<void> {
    const id = tabId.value;
    if (id === null || !app.value) return;
    notice.value = null;
    try {
      run.value = await client.startAnalysis(id);
    } catch (e) {
      error.value = messageOf(e);
    }
  }

  async function cancel(): Promise<void> {
    const id = tabId.value;
    if (id === null) return;
    try {
      await client.cancelAnalysis(id);
    } catch (e) {
      error.value = messageOf(e);
    }
  }

  /** During the timing pass: end it, keep what was measured, and skip it for this app from now on. */
  async function skipTimings(): Promise<void> {
    const id = tabId.value;
    if (id === null) return;
    try {
      if (await client.skipTimings(id)) notice.value = 'Timing pass skipped: this app is analysed without it until you turn it back on.';
    } catch (e) {
      error.value = messageOf(e);
    }
  }

  /** Turns the app's timing pass back on for its next analyses. */
  async function measureTimingsAgain(): Promise<void> {
    const current = app.value;
    if (!current) return;
    try {
      await client.setTimingsSkipped(appKeyOf(current), false);
      notice.value = 'The timing pass is on again: the next analysis measures the calculation times.';
    } catch (e) {
      error.value = messageOf(e);
    }
  }

  async function logIn(): Promise<void> {
    const id = tabId.value;
    const host = app.value?.host;
    if (id === null || !host) return;
    try {
      await client.logIn(id);
      notice.value = `Log in to ${host} in the new tab: Qlarity runs the analysis again by itself once you are signed in.`;
    } catch (e) {
      error.value = messageOf(e);
    }
  }

  async function allowHost(): Promise<void> {
    const state = tabState.value;
    if (state?.kind !== 'needs-permission') return;
    try {
      const granted = await client.requestHostAccess(state.originPattern);
      if (granted) await load();
      else notice.value = `Access to ${state.app.host} was not granted.`;
    } catch (e) {
      error.value = messageOf(e);
    }
  }

  async function showInApp(finding: ReportFinding): Promise<void> {
    const id = tabId.value;
    if (id === null || !finding.target) return;
    try {
      notice.value = (await client.showInApp(id, finding.target)).detail;
    } catch (e) {
      notice.value = messageOf(e);
    }
  }

  async function openSidePanel(): Promise<void> {
    const id = tabId.value;
    if (id === null) return;
    try {
      await client.openSidePanel(id);
    } catch (e) {
      notice.value = `Could not open the side panel: ${messageOf(e)}`;
    }
  }

  /** Follows progress events for our tab; reloads the report when a run finishes. */
  function connect(): () => void {
    const stopEvents = client.onEvent((event) => {
      if (event.tabId !== tabId.value) return;
      if (event.type === 'tab-state-changed') {
        if (!running.value) void load();
        return;
      }
      const previous = run.value;
      run.value = event.run;
      // done, or a report stored while the timing pass runs (it grows sheet by sheet)
      const updated = event.run.reportAt !== undefined && (event.run.runId !== previous?.runId || event.run.reportAt !== previous.reportAt);
      if (event.run.phase === 'done' || updated) void client.getLastResult(event.run.appKey).then((r) => (report.value = r));
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
