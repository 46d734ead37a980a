// "My Qlik session" mode in Firefox (puppeteer-core over WebDriver BiDi; Playwright cannot drive
// Debian's firefox-esr, see ../shared/toolchain-notes.md §4): the built add-on's content-script
// relay, the MAIN-world bridge injected with scripting.executeScript (Firefox 128+), and
// lib/extension/connection + lib/qlik/engine running in an extension page (same APIs and
// privileges as the background event page, which BiDi cannot evaluate in).
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findBrowser } from '../../scripts/browsers/ensure';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startConnectProxy, startSimulator, type ConnectProxy, type Simulator } from '../sim/index';
import { bundleConnectionHarness } from './connection-harness';

const root = fileURLToPath(new URL('../..', import.meta.url));
const extensionPath = `${root}/.output/firefox-mv3`;
const ADDON_ID = 'qlarity@qlarity.dev'; // browser_specific_settings.gecko.id in wxt.config.ts
const UUID = '6b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

test.describe.configure({ mode: 'serial' });

let ff: Browser;
let sim: Simulator;
let proxy: ConnectProxy;
let harness: string;

test.beforeAll(async () => {
  if (!existsSync(`${extensionPath}/manifest.json`)) throw new Error('run `npx wxt build -b firefox` first');
  sim = await startSimulator();
  proxy = await startConnectProxy(sim.port);
  harness = await bundleConnectionHarness();
  ff = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findBrowser('firefox').path, // the same lookup as npm test and the demo (scripts/browsers)
    headless: true,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
    },
  });
  expect(await ff.installExtension(extensionPath)).toBe(ADDON_ID);
});

test.afterAll(async () => {
  await ff?.close();
  await proxy?.close();
  await sim?.close();
});

async function openExtensionPage(name: string): Promise<Page> {
  const page = await ff.newPage();
  const url = `moz-extension://${UUID}/${name}.html`;
  page.goto(url).catch(() => {}); // BiDi never reports this navigation as finished (toolchain-notes §4)
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ready = await page.evaluate(() => location.protocol === 'moz-extension:' && document.readyState === 'complete').catch(() => false);
    if (ready) return page;
    if (Date.now() > deadline) throw new Error(`${url} did not load`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

type RunResult = { ok: true; platform: string; me: number; title: unknown; identity: string } | { ok: false; code: string; message: string };

/** In an extension page: connect to the tab in "My Qlik session" mode, read users/me, open the app on a fresh identity. */
async function analyseTab(prefix: string): Promise<RunResult> {
  const page = await openExtensionPage('options');
  await page.evaluate(harness);
  const result = await page.evaluate(async (prefix: string) => {
    type Api = {
      connectToTab(tabId: number, lookup: (host: string) => unknown): Promise<{ app: { origin: string; appId: string }; platform: string; createSocket: unknown; fetch(u: string): Promise<Response>; explainFailure(e: unknown): Promise<{ code: string; message: string }>; close(): void }>;
      openEngineSession(o: unknown): Promise<{ doc: { getAppLayout(): Promise<{ qTitle: unknown }> }; identity: string; close(): Promise<void> }>;
    };
    const api = (globalThis as unknown as { __qlarityTest: Api }).__qlarityTest;
    const ext = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id: number; url?: string }[]> } } }).browser;
    const tabs = await ext.tabs.query({});
    const target = tabs.find((t) => t.url?.startsWith(prefix));
    if (!target) return { ok: false, code: 'no-tab', message: JSON.stringify(tabs.map((t) => t.url ?? '?')) };
    let conn;
    try {
      conn = await api.connectToTab(target.id, (host: string) => ({ host, connection: { mode: 'session', webIntegrationId: '', oauthClientId: '', apiKey: '' }, ownEntry: false }));
    } catch (error) {
      return { ok: false, code: String((error as { code?: string }).code), message: String(error) };
    }
    try {
      const me = (await conn.fetch('/api/v1/users/me')).status;
      const session = await api.openEngineSession({ url: conn.app.origin, appId: conn.app.appId, createSocket: conn.createSocket });
      const title = (await session.doc.getAppLayout()).qTitle;
      await session.close();
      return { ok: true, platform: conn.platform, me, title, identity: session.identity };
    } catch (error) {
      const problem = await conn.explainFailure(error);
      return { ok: false, code: problem.code, message: problem.message };
    } finally {
      conn.close();
    }
  }, prefix);
  await page.close();
  return result as RunResult;
}

test('firefox: my Qlik session mode opens the app through the tab, on a fresh identity', async () => {
  const app = sim.apps[0];
  const tab = await ff.newPage();
  // a signed-in user: the simulator's session cookies (the login form itself is tested with the simulator)
  await tab.goto(`${sim.tenantUrl}/hub`);
  const login = sim.login(sim.users.developer);
  const cookies = login.cookie.split('; ').map((pair) => {
    const [name, ...rest] = pair.split('=');
    return { name, value: rest.join('='), domain: sim.tenantHost, path: '/', secure: true, httpOnly: true, sameSite: 'None' as const };
  });
  await tab.browserContext().setCookie(...cookies);
  await tab.goto(`${sim.tenantUrl}/sense/app/${encodeURIComponent(app.id)}`);
  expect(tab.url()).toContain(`/sense/app/${app.id}`);

  const result = await analyseTab(sim.tenantUrl);
  if (process.env.QLARITY_E2E_DEBUG) console.log(JSON.stringify(result));
  expect(result).toMatchObject({ ok: true, platform: 'qlik-cloud', me: 200, title: app.name });
  const identity = (result as { identity: string }).identity;
  const calls = sim.callsFor(`${app.id}/identity/${identity}`);
  expect(calls.length).toBeGreaterThan(0);
  expect(new Set(calls.map((c) => c.userId))).toEqual(new Set([sim.users.developer.id]));
  expect(sim.callsFor(app.id)).toEqual([]);
});

test('firefox: signed out while the app is open: says to sign in in the tab', async () => {
  const tab = (await ff.pages()).find((p) => p.url().startsWith(sim.tenantUrl));
  if (!tab) throw new Error('the app tab of the previous test is gone');
  const context = tab.browserContext();
  await context.deleteCookie(...(await context.cookies()).filter((c) => c.domain.replace(/^\./, '') === sim.tenantHost)); // the Qlik session expired
  const result = await analyseTab(sim.tenantUrl);
  if (process.env.QLARITY_E2E_DEBUG) console.log(JSON.stringify(result));
  expect(result).toMatchObject({ ok: false, code: 'not-logged-in' });
  if (!result.ok) expect(result.message).toMatch(/signed in on demo\.eu\.qlikcloud\.com/);
});
