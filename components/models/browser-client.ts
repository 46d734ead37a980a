// The ExtensionClient of the real pages: messages to the background plus the few browser calls
// that must happen in the page itself (they need the user's click).
import { onActiveTabChange, resolveTabId } from '@/lib/extension/current-tab';
import { requestHostAccess } from '@/lib/extension/host-access';
import { onEvent, senderFor, type Send } from '@/lib/extension/page-messaging';
import { openSidePanel } from '@/lib/extension/side-panel';
import type { storedRequests } from '@/lib/protocol/stored-messages';
import { tabRequests } from '@/lib/protocol/tab-messages';
import type { ExtensionClient } from './extension-client';

const send = senderFor(tabRequests);
// The stored analyses' and settings' messages (their schemas hold the snapshot's and the settings')
// load when the options page first asks: the popup and the side panel never do.
let storedSender: Promise<Send<typeof storedRequests>> | undefined;
const sendStored = () => (storedSender ??= import('@/lib/protocol/stored-messages').then((m) => senderFor(m.storedRequests)));

export function createBrowserClient(search: string): ExtensionClient {
  const pinnedToTab = new URLSearchParams(search).has('tabId');
  return {
    resolveTabId: () => resolveTabId(search),
    getTabState: (tabId) => send('get-tab-state', { tabId }),
    startAnalysis: (tabId) => send('start-analysis', { tabId }),
    cancelAnalysis: async (tabId) => (await send('cancel-analysis', { tabId })).cancelled,
    skipTimings: async (tabId) => (await send('skip-timings', { tabId })).skipped,
    setTimingsSkipped: async (appKey, skipped) => void (await send('set-timings-skipped', { appKey, skipped })),
    getLastResult: (appKey) => send('get-last-result', { appKey }),
    showInApp: (tabId, target) => send('show-in-app', { tabId, target }),
    logIn: async (tabId) => void (await send('log-in', { tabId })),
    requestHostAccess,
    openSidePanel,
    listAnalysedApps: async () => (await sendStored())('list-analysed-apps', {}),
    getSettings: async () => (await sendStored())('get-settings', {}),
    setSettings: async (settings) => (await sendStored())('set-settings', { settings }),
    onEvent,
    // A page opened for one tab (?tabId=) stays on that tab.
    onActiveTabChange: (listener) => (pinnedToTab ? () => {} : onActiveTabChange(listener)),
  };
}
