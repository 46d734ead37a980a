// The background: answers the pages' requests, runs analyses (one per tab), stores results and
// keeps the toolbar icon in step with the tab. Wiring only; the logic lives in lib/extension.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { hasHostAccess } from '@/lib/extension/host-access';
import { setActionIcon } from '@/lib/extension/action-icon';
import { broadcastEvent, listenForRequests, type Handlers } from '@/lib/extension/messaging';
import { QlarityError } from '@/lib/extension/errors';
import { createAnalysisHistory } from '@/lib/extension/last-analysis';
import { createPipeline } from '@/lib/extension/pipeline';
import { createRunRegistry } from '@/lib/extension/runs';
import { showInApp } from '@/lib/extension/show-in-app';
import { loadLastResult, loadSettings, saveLastResult, saveSettings } from '@/lib/extension/storage';
import { describeTab } from '@/lib/extension/tab-state';
import type { TabState } from '@/lib/protocol/tab-state';

export default defineBackground(() => {
  const history = createAnalysisHistory();
  const runs = createRunRegistry({
    steps: createPipeline(),
    loadSettings,
    // The popup's summary in storage.local, the side panel's full report in IndexedDB. A failure
    // to keep the full report must not lose the summary (nor fail the run): it is logged.
    saveResult: async ({ report, result, snapshot }) => {
      await saveLastResult(report);
      await history
        .save({ appKey: report.appKey, report, result, snapshot }, await loadSettings())
        .catch((error: unknown) => console.error('Qlarity: could not keep the full report', error));
    },
    onChange: (tabId, run) => void broadcastEvent({ type: 'analysis-progress', tabId, run }),
  });

  async function tabState(tabId: number): Promise<TabState> {
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    return describeTab(tab, { hasHostAccess, currentRun: (id) => runs.current(id) });
  }

  const handlers: Handlers = {
    'get-tab-state': ({ tabId }) => tabState(tabId),
    'start-analysis': async ({ tabId }) => {
      const state = await tabState(tabId);
      if (state.kind !== 'qlik-app') throw new QlarityError('not-an-app', 'The tab does not show a Qlik app Qlarity can read.');
      return runs.start(tabId, state.app);
    },
    'cancel-analysis': ({ tabId }) => ({ cancelled: runs.cancel(tabId) }),
    'get-last-result': ({ appKey }) => loadLastResult(appKey),
    'get-last-analysis': ({ appKey }) => history.load(appKey),
    'show-in-app': ({ tabId, target }) => showInApp(tabId, target),
    'get-settings': () => loadSettings(),
    'set-settings': ({ settings }) => saveSettings(settings),
  };
  listenForRequests(handlers);

  async function refreshIcon(tabId: number) {
    const state = await tabState(tabId);
    await setActionIcon(tabId, state.kind === 'qlik-app');
    void broadcastEvent({ type: 'tab-state-changed', tabId });
  }

  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url || change.status === 'complete') void refreshIcon(tabId);
  });
  browser.tabs.onActivated.addListener(({ tabId }) => void refreshIcon(tabId));
  browser.tabs.onRemoved.addListener((tabId) => runs.forget(tabId));
  browser.permissions.onAdded.addListener(async () => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await refreshIcon(tab.id);
  });
});
