// Which tab a page (popup, side panel) is about. Opened from the toolbar: the active tab of the
// current window. Opened as an ordinary page (the demo, tests, "open in tab"): `?tabId=<id>`.
import { browser } from 'wxt/browser';

/** The tab id named by `?tabId=`, or null when absent or not a tab id. */
export function tabIdFromSearch(search: string): number | null {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}

export async function resolveTabId(search: string): Promise<number | null> {
  const fromQuery = tabIdFromSearch(search);
  if (fromQuery !== null) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** Calls `listener` when the user switches tab or the tab navigates (for the side panel). */
export function onActiveTabChange(listener: () => void): () => void {
  const activated = () => listener();
  const updated = (_tabId: number, change: { url?: string; status?: string }) => {
    if (change.url || change.status === 'complete') listener();
  };
  browser.tabs.onActivated.addListener(activated);
  browser.tabs.onUpdated.addListener(updated);
  return () => {
    browser.tabs.onActivated.removeListener(activated);
    browser.tabs.onUpdated.removeListener(updated);
  };
}
