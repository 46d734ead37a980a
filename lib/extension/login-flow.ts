// The background's side of "Log in" (see login.ts): a tab on the tenant's login page, then the
// same connection the analysis uses asks `/api/v1/users/me` until it is 200, then the run starts
// again by itself.
import { browser } from 'wxt/browser';
import { type Settings } from '../protocol/settings';
import { connectionFor } from './settings/host-connection';
import type { QlikApp } from '../protocol/tab-state';
import { connectToTab } from './connection/connect';
import { QlarityError } from './errors';
import { continueAfterLogin, loginPageUrl } from './login';

export interface LoginFlowDeps {
  loadSettings(): Promise<Settings>;
  /** starts the analysis of the tab again */
  resume(tabId: number, app: QlikApp): void;
}

export async function startLogin(tabId: number, app: QlikApp, deps: LoginFlowDeps): Promise<{ loginTabId: number | null }> {
  const url = loginPageUrl(app);
  if (!url) throw new QlarityError('login-unsupported', `Sign in to ${app.host} in the Qlik tab (reload it), then run the analysis again.`);
  const loginTab = await browser.tabs.create({ url, openerTabId: tabId, active: true });
  const loginTabId = loginTab.id ?? null;
  void continueAfterLogin({
    openProbe: async () => {
      const settings = await deps.loadSettings();
      const connection = await connectToTab(tabId, (host) => connectionFor(settings, host));
      return {
        status: async () => (await connection.fetch('/api/v1/users/me', { headers: { accept: 'application/json' } })).status,
        close: () => connection.close(),
      };
    },
    closeLoginTab: async () => {
      if (loginTabId !== null) await browser.tabs.remove(loginTabId);
    },
    resume: () => deps.resume(tabId, app),
  });
  return { loginTabId };
}
