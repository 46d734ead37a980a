// The background: answers the pages' requests, runs analyses (one per tab), stores results and
// keeps the toolbar icon and its error badge in step with the tab. Wiring only; the logic lives in
// lib/extension.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { hasHostAccess } from '../lib/extension/host-access';
import { removeLeftoverApiKeyRules } from '../lib/extension/connection/api-key-rule';
import { restrictStorageToTrustedContexts } from '../lib/extension/storage-access';
import { setActionIcon } from '../lib/extension/action-icon';
import { broadcastEvent, listenForRequests, type Handlers } from '../lib/extension/messaging';
import { QlarityError } from '../lib/extension/errors';
import { createAnalysisHistory } from '../lib/extension/last-analysis';
import { startLogin } from '../lib/extension/login-flow';
import { createPipeline } from '../lib/extension/pipeline';
import { createRunRegistry } from '../lib/extension/runs';
import { setTimingsSkipped, timingsSkipped } from '../lib/extension/timing-choice';
import { showInApp } from '../lib/extension/show-in-app';
import { listStoredApps, loadLastResult, loadSettings, pruneResults, saveLastResult, saveSettings } from '../lib/extension/storage';
import { createPlatformLookup } from '../lib/extension/platform-lookup';
import { describeTab, isAnalysableTab } from '../lib/extension/tab-state';
import { platformName } from '../lib/qlik/platform-name';
import { ruleConfigErrors } from '../lib/analyze/rule-config-errors';
import { RULES } from '../lib/rules/index';
import type { Settings } from '../lib/protocol/settings';
import { retentionOf } from '../lib/extension/settings/read';
import type { TabState } from '../lib/protocol/tab-state';
import { appKeyOf } from '../lib/extension/app-key';

export default defineBackground(() => {
  // A run that died with the worker may have left its API-key header rule (session rules outlive
  // the worker): nothing runs yet, so every such rule is stale.
  void removeLeftoverApiKeyRules();
  // keys and tokens are for the extension's own pages and worker, never for content scripts
  void restrictStorageToTrustedContexts();
  const history = createAnalysisHistory();
  const runs = createRunRegistry({
    steps: createPipeline(),
    loadSettings,
    timingsSkipped,
    skipTimings: (appKey) => setTimingsSkipped(appKey, true),
    // The popup's summary in storage.local, the side panel's full report in IndexedDB. A failure
    // to keep the full report must not lose the summary (nor fail the run): it is logged.
    saveResult: async ({ report, result, snapshot }) => {
      const settings = await loadSettings();
      await saveLastResult(report, retentionOf(settings));
      await history
        .save({ appKey: report.appKey, report, result, snapshot }, settings)
        .catch((error: unknown) => console.error('Qlarity: could not keep the full report', error));
    },
    onChange: (tabId, run) => {
      void broadcastEvent({ type: 'analysis-progress', tabId, run });
      if (run.phase === 'done') void refreshIcon(tabId);
    },
  });

  // product-info.json per base URL, fetched with the user's cookies (host permission: no CORS)
  const platforms = createPlatformLookup((url, init) => fetch(url, init));

  /** Both stores follow the retention setting: at start-up (analyses age) and when it changes. */
  async function applyRetention(settings: Settings): Promise<void> {
    await pruneResults(retentionOf(settings));
    await history.prune(settings).catch((error: unknown) => console.error('Qlarity: could not apply the retention to the full reports', error));
  }
  void loadSettings()
    .then(applyRetention)
    .catch((error: unknown) => console.error('Qlarity: could not apply the retention setting', error));

  async function tabState(tabId: number): Promise<TabState> {
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    return describeTab(tab, { hasHostAccess, currentRun: (id) => runs.current(id), confirmPlatform: (app) => platforms.confirm(app) });
  }

  const handlers: Handlers = {
    'get-tab-state': ({ tabId }) => tabState(tabId),
    'start-analysis': async ({ tabId }) => {
      const state = await tabState(tabId);
      if (state.kind !== 'qlik-app') throw new QlarityError('not-an-app', 'The tab does not show a Qlik app Qlarity can read.');
      return runs.start(tabId, state.app);
    },
    'cancel-analysis': ({ tabId }) => ({ cancelled: runs.cancel(tabId) }),
    'skip-timings': async ({ tabId }) => ({ skipped: await runs.skipTimings(tabId) }),
    'set-timings-skipped': async ({ appKey, skipped }) => {
      await setTimingsSkipped(appKey, skipped);
      return { skipped };
    },
    'log-in': async ({ tabId }) => {
      const state = await tabState(tabId);
      if (state.kind !== 'qlik-app') throw new QlarityError('not-an-app', 'The tab does not show a Qlik app Qlarity can read.');
      return startLogin(tabId, state.app, { loadSettings, resume: (id, app) => void runs.start(id, app) });
    },
    'get-last-result': ({ appKey }) => loadLastResult(appKey),
    'get-last-analysis': ({ appKey }) => history.load(appKey),
    'show-in-app': ({ tabId, target }) => showInApp(tabId, target),
    'list-analysed-apps': () => listStoredApps(),
    'get-settings': () => loadSettings(),
    'set-settings': async ({ settings }) => {
      const saved = await saveSettings(settings);
      await applyRetention(saved);
      return saved;
    },
    'check-rule-config': ({ analysis }) => ruleConfigErrors(analysis, RULES),
  };
  listenForRequests(handlers);

  /** The icon, tooltip and error badge of a tab: the errors of the last analysis of the app it shows. */
  async function refreshIcon(tabId: number) {
    const state = await tabState(tabId);
    const confirmed = state.kind === 'qlik-app' && state.platform?.confirmed ? platformName(state.platform.platform) : undefined;
    const last = state.kind === 'qlik-app' ? await loadLastResult(appKeyOf(state.app)).catch(() => null) : null;
    await setActionIcon(tabId, isAnalysableTab(state), last ? last.counts.error : null, confirmed);
    void broadcastEvent({ type: 'tab-state-changed', tabId });
  }

  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url || change.status === 'complete') void refreshIcon(tabId);
  });
  browser.tabs.onActivated.addListener(({ tabId }) => void refreshIcon(tabId));
  browser.tabs.onRemoved.addListener((tabId) => runs.forget(tabId));
  // A newly allowed host may be open in several tabs (and the popup may be a tab of its own).
  browser.permissions.onAdded.addListener(async () => {
    const tabs = await browser.tabs.query({});
    await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : refreshIcon(tab.id))));
  });
});
