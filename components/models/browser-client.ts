// The ExtensionClient of the real pages: messages to the background plus the few browser calls
// that must happen in the page itself (they need the user's click).
import { onActiveTabChange, resolveTabId } from '../../lib/extension/current-tab';
import { requestHostAccess } from '../../lib/extension/host-access';
import { openSidePanel } from '../../lib/extension/side-panel';
import type { ExtensionClient } from './extension-client';

// zod and the messages' schemas load after the page's first render (every request and answer is
// still parsed: a message waits for them); the first call starts loading them. The stored
// analyses' and settings' messages (with the snapshot's and the settings' schemas) load when the
// options page first asks: the popup and the side panel never do. (A module loads once however
// often it is imported.)
const messaging = () => import('./tab-messaging');
const stored = () => import('./stored-messaging');

export function createBrowserClient(search: string): ExtensionClient {
  const pinnedToTab = new URLSearchParams(search).has('tabId');
  return {
    resolveTabId: () => resolveTabId(search),
    getTabState: async (tabId) => (await messaging()).send('get-tab-state', { tabId }),
    startAnalysis: async (tabId) => (await messaging()).send('start-analysis', { tabId }),
    cancelAnalysis: async (tabId) => (await (await messaging()).send('cancel-analysis', { tabId })).cancelled,
    skipTimings: async (tabId) => (await (await messaging()).send('skip-timings', { tabId })).skipped,
    setTimingsSkipped: async (appKey, skipped) => void (await (await messaging()).send('set-timings-skipped', { appKey, skipped })),
    getLastResult: async (appKey) => (await messaging()).send('get-last-result', { appKey }),
    showInApp: async (tabId, target) => (await messaging()).send('show-in-app', { tabId, target }),
    logIn: async (tabId) => void (await (await messaging()).send('log-in', { tabId })),
    requestHostAccess,
    openSidePanel,
    listAnalysedApps: async () => (await stored()).send('list-analysed-apps', {}),
    getSettings: async () => (await stored()).send('get-settings', {}),
    setSettings: async (settings) => (await stored()).send('set-settings', { settings }),
    checkRuleConfig: async (analysis) => (await stored()).send('check-rule-config', analysis ? { analysis } : {}),
    onEvent: (listener) => {
      // listening starts once the event schemas are there (before any answer to this page's requests)
      let stop: (() => void) | undefined;
      let stopped = false;
      void messaging().then((m) => {
        if (!stopped) stop = m.onEvent(listener);
      });
      return () => {
        stopped = true;
        stop?.();
      };
    },
    // A page opened for one tab (?tabId=) stays on that tab.
    onActiveTabChange: (listener) => (pinnedToTab ? () => {} : onActiveTabChange(listener)),
  };
}
