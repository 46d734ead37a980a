// The ExtensionClient of the real pages: messages to the background plus the few browser calls
// that must happen in the page itself (they need the user's click).
import { onActiveTabChange, resolveTabId } from '@/lib/extension/current-tab';
import { requestHostAccess } from '@/lib/extension/host-access';
import { onEvent, sendMessage } from '@/lib/extension/messaging';
import { openSidePanel } from '@/lib/extension/side-panel';
import type { ExtensionClient } from './extension-client';

export function createBrowserClient(search: string): ExtensionClient {
  const pinnedToTab = new URLSearchParams(search).has('tabId');
  return {
    resolveTabId: () => resolveTabId(search),
    getTabState: (tabId) => sendMessage('get-tab-state', { tabId }),
    startAnalysis: (tabId) => sendMessage('start-analysis', { tabId }),
    cancelAnalysis: async (tabId) => (await sendMessage('cancel-analysis', { tabId })).cancelled,
    skipTimings: async (tabId) => (await sendMessage('skip-timings', { tabId })).skipped,
    setTimingsSkipped: async (appKey, skipped) => void (await sendMessage('set-timings-skipped', { appKey, skipped })),
    getLastResult: (appKey) => sendMessage('get-last-result', { appKey }),
    showInApp: (tabId, target) => sendMessage('show-in-app', { tabId, target }),
    logIn: async (tabId) => void (await sendMessage('log-in', { tabId })),
    requestHostAccess,
    openSidePanel,
    listAnalysedApps: () => sendMessage('list-analysed-apps', {}),
    getSettings: () => sendMessage('get-settings', {}),
    setSettings: (settings) => sendMessage('set-settings', { settings }),
    onEvent,
    // A page opened for one tab (?tabId=) stays on that tab.
    onActiveTabChange: (listener) => (pinnedToTab ? () => {} : onActiveTabChange(listener)),
  };
}
