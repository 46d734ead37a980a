// Opens the side panel (Chrome) or sidebar (Firefox). Both browsers only allow this in direct
// response to a user action, so call it from a click handler in the popup, not via a message.
// Sources: developer.chrome.com/docs/extensions/reference/api/sidePanel#method-open
// ("can only be called in response to a user action"); MDN sidebarAction.open() (same rule).
import { browser } from 'wxt/browser';

interface FirefoxSidebarAction {
  open(): Promise<void>;
}

export async function openSidePanel(tabId: number): Promise<void> {
  const sidebarAction = (browser as unknown as { sidebarAction?: FirefoxSidebarAction }).sidebarAction;
  if (sidebarAction) return sidebarAction.open();
  if (browser.sidePanel) {
    await browser.sidePanel.open({ tabId });
    return;
  }
  throw new Error('This browser has no side panel.');
}
