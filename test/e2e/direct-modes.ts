// Helpers for the end-to-end tests of the direct connection modes (OAuth, API key): configure a
// tenant on the options page, read the extension's storage, watch what the Qlik page can see, and
// open the popup for a Qlik tab whose cookie session is gone.
import { expect, type BrowserContext, type Locator, type Page, type Worker } from '@playwright/test';
import { DEMO_APP_ID } from './browser';
import type { OptionsPage } from './pages/options-page';
import type { PopupPage } from './pages/popup-page';
import type { QlikAppPage } from './pages/qlik-app-page';

/** Adds the tenant on the options page with a mode, lets `fill` complete its fields, saves. */
export async function configureTenant(options: OptionsPage, host: string, mode: RegExp, fill: (tenant: Locator) => Promise<void>): Promise<Locator> {
  const tenant = await options.addTenant(host);
  await tenant.getByRole('radio', { name: mode }).check();
  await fill(tenant);
  await options.save();
  return tenant;
}

// Only evaluated inside the service worker, where Chrome defines it.
declare const chrome: {
  storage: { local: { get(keys: null): Promise<Record<string, unknown>> }; sync: { get(keys: null): Promise<Record<string, unknown>> } };
  declarativeNetRequest: { getSessionRules(): Promise<unknown[]> };
};

/** Everything in storage.local and storage.sync, as the extension sees it. */
export async function extensionStorage(worker: Worker): Promise<{ local: Record<string, unknown>; sync: Record<string, unknown> }> {
  return worker.evaluate(async () => ({ local: await chrome.storage.local.get(null), sync: await chrome.storage.sync.get(null) }));
}

export async function sessionRules(worker: Worker): Promise<unknown[]> {
  return worker.evaluate(() => chrome.declarativeNetRequest.getSessionRules());
}

/** Records every window message the Qlik page receives (what any page script could read). */
export async function recordPageMessages(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('__recordMessage', (data: string) => void seen.push(data));
  await page.evaluate(() =>
    window.addEventListener('message', (e) => (window as unknown as { __recordMessage(d: string): void }).__recordMessage(typeof e.data === 'string' ? e.data : JSON.stringify(e.data))),
  );
  return seen;
}

/** Asserts a secret appears nowhere a page script could read it: DOM, storage, cookies, messages. */
export async function expectNotInPage(page: Page, messages: string[], secret: string): Promise<void> {
  const visible = await page.evaluate(
    () => document.documentElement.outerHTML + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie + location.href,
  );
  expect(visible.includes(secret)).toBe(false);
  expect(messages.some((m) => m.includes(secret))).toBe(false);
}

/**
 * Opens the demo app's first sheet in the Qlik tab (already signed in), records the page's messages,
 * clears the cookies so only the mode under test can authenticate, and opens the popup for the tab.
 * `started` is taken once the cookies are gone: auth-log entries from then on are the run's.
 */
export async function openPopupWithoutCookies(fixtures: { context: BrowserContext; qlik: QlikAppPage; openPopup(forPage?: Page): Promise<PopupPage> }) {
  const { context, qlik, openPopup } = fixtures;
  await qlik.openFirstSheet(DEMO_APP_ID);
  const messages = await recordPageMessages(qlik.page);
  await context.clearCookies();
  const started = Date.now();
  const popup = await openPopup(qlik.page);
  return { popup, messages, started };
}
