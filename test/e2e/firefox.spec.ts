// Firefox ESR end to end. Playwright cannot drive Debian's firefox-esr, so this file uses
// puppeteer-core over WebDriver BiDi inside the Playwright runner (toolchain-notes.md §4):
// the Firefox MV3 build installed as a temporary add-on, the simulated tenant reached through a
// CONNECT proxy (Firefox has no --host-resolver-rules), the simulator's certificate accepted.
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findBrowser } from '../../scripts/browsers/ensure';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { screenshotPath } from './screens';
import { startConnectProxy, startSimulator, type ConnectProxy, type Simulator } from '../sim/index';
import type { StoredAnalysis } from '../../lib/protocol/stored-analysis';
import { FIX_FIRST_OVERVIEW_ROWS, fixFirst } from '../../lib/report/fix-first';
import { RULE_DOCS } from '../../lib/report/rule-catalogue';
import { ruleDocLookup } from '../../lib/report/rule-docs';

const FIREFOX_BUILD = fileURLToPath(new URL('../../.output/firefox-mv3', import.meta.url));
const ADDON_ID = 'qlarity@qlarity.dev'; // browser_specific_settings.gecko.id in wxt.config.ts
const UUID = '5b0d3c2e-7a41-4f1e-9c55-0a1b2c3d4e5f'; // pinned moz-extension://<UUID>/ for the tests
const DEMO_APP_ID = '9c1f3a52-6d2e-4b8f-a7c4-2e5d8b1f0a63';

// Only evaluated inside extension pages, where Firefox defines it.
declare const browser: {
  runtime: { sendMessage(msg: unknown): Promise<unknown> };
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]>; sendMessage(tabId: number, msg: unknown): Promise<unknown> };
  sidebarAction: { isOpen(details: object): Promise<boolean> };
  extension: { getViews(filter: { type: 'sidebar' | 'tab' | 'popup' }): Window[] };
};

test.describe.configure({ mode: 'serial' });

let firefox: Browser;
let sim: Simulator;
let proxy: ConnectProxy;
/** the browser's id of the Qlik tab on the demo app (set by the detection test) */
let appTabId: number | null = null;

test.beforeAll(async () => {
  if (!existsSync(`${FIREFOX_BUILD}/manifest.json`)) throw new Error(`No build at ${FIREFOX_BUILD}: run \`npm run build:firefox\` first.`);
  sim = await startSimulator();
  proxy = await startConnectProxy(sim.port);
  firefox = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findBrowser('firefox').path, // the same lookup as npm test and the demo (scripts/browsers)
    headless: true,
    acceptInsecureCerts: true, // the simulator's self-signed certificate; covers the background too
    args: ['--remote-allow-system-access'], // else BiDi refuses to navigate to moz-extension:// pages
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
      'network.proxy.type': 1, // manual proxy, HTTPS only → the CONNECT proxy → the simulator
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
    },
  });
  expect(await firefox.installExtension(FIREFOX_BUILD)).toBe(ADDON_ID);
});

test.afterAll(async () => {
  await firefox?.close();
  await proxy?.close();
  await sim?.close();
});

/**
 * BiDi never reports a moz-extension:// navigation as finished, and waiting on a selector
 * before the document swaps can fail: fire goto() without awaiting, then poll the page.
 */
async function openExtensionPage(path: string, readySelector: string): Promise<Page> {
  const page = await firefox.newPage();
  const url = `moz-extension://${UUID}/${path}`;
  page.goto(url).catch(() => {});
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ready = await page
      .evaluate((selector) => location.protocol === 'moz-extension:' && !!document.querySelector(selector), readySelector)
      .catch(() => false);
    if (ready) return page;
    if (Date.now() > deadline) throw new Error(`${url} did not show ${readySelector}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A new tab signed in to the simulated tenant as the developer, on the demo app's page. */
async function signInToDemoApp(): Promise<{ tenant: Page; returnTo: string }> {
  const tenant = await firefox.newPage();
  const returnTo = `${sim.tenantUrl}/sense/app/${DEMO_APP_ID}`;
  await tenant.goto(`${sim.tenantUrl}/login?returnto=${encodeURIComponent(returnTo)}`);
  await tenant.type('#username', sim.users.developer.email);
  await tenant.type('#password', sim.users.developer.password);
  await Promise.all([tenant.waitForNavigation(), tenant.click('#login-submit')]);
  return { tenant, returnTo };
}

async function textOf(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (el) => el.textContent ?? '');
}

for (const [name, ready] of [
  ['popup.html', '[data-testid="tab-status"]'],
  ['sidepanel.html', '[data-testid="tab-status"]'],
  ['options.html', 'form'],
] as const) {
  test(`firefox: ${name} loads`, async ({}, testInfo) => {
    const page = await openExtensionPage(name, ready);
    expect(await textOf(page, 'h1')).toBe('Qlarity');
    await page.screenshot({ path: testInfo.outputPath(`firefox-${name.replace('.html', '')}.png`) });
    await page.close();
  });
}

test('firefox: the content script runs on the simulated tenant and the popup detects the app', async ({}, testInfo) => {
  const { tenant, returnTo } = await signInToDemoApp();
  const firstSheet = await tenant.$eval('.sheet-list li', (li) => li.getAttribute('data-sheet-id'));
  await tenant.goto(`${returnTo}/sheet/${firstSheet}/state/analysis`);
  await tenant.waitForSelector('.qv-grid');

  const probe = await openExtensionPage('options.html', 'form');
  const sheetUrl = tenant.url();
  const tabId = await probe.evaluate(async (href) => (await browser.tabs.query({})).find((t) => t.url === href)?.id ?? null, sheetUrl);
  expect(tabId, 'the extension sees the Qlik tab').not.toBeNull();
  appTabId = tabId;
  // The relay content script answers the background's probe (lib/protocol/bridge.ts RelayProbe).
  const reply = await probe.evaluate((id) => browser.tabs.sendMessage(id as number, { type: 'qlarity-relay-probe' }), tabId);
  expect(reply).toMatchObject({ type: 'qlarity-relay-here', href: sheetUrl });

  const popup = await openExtensionPage(`popup.html?tabId=${tabId}`, '[data-testid="tab-status"][data-kind="qlik-app"]');
  expect(await textOf(popup, '[data-testid="app-id"]')).toContain(DEMO_APP_ID);
  await popup.screenshot({ path: testInfo.outputPath('firefox-popup-app.png') });
});

/** Waits until `predicate(arg)` is true in the page (evaluated in the page). */
async function until<A extends object | null>(page: Page, predicate: (arg: A) => boolean, arg: A, what: string, timeout = 15_000): Promise<void> {
  try {
    await page.waitForFunction(predicate as (arg: unknown) => boolean, { timeout, polling: 100 }, arg);
  } catch (error) {
    throw new Error(`${what}: ${String(error)}`, { cause: error });
  }
}

let findingsInResult = 0;

test('firefox: Analyze in the popup runs on the demo app and shows the result with its age', async ({}, testInfo) => {
  test.setTimeout(180_000);
  expect(appTabId, 'the detection test found the Qlik tab').not.toBeNull();
  const popup = await openExtensionPage(`popup.html?tabId=${appTabId}`, '[data-testid="tab-status"][data-kind="qlik-app"]');
  await popup.evaluate(() => [...document.querySelectorAll('button')].find((b) => /^Analyze( again)?$/.test(b.textContent ?? ''))?.click());
  // the summary shows while the timing pass still runs (progressive results): the run has ended once the progress is gone
  await until(popup, () => !!document.querySelector('[data-testid="report-summary"], [data-testid="run-error"]') && !document.querySelector('[data-testid="progress"]'), null, 'the run ends', 150_000);
  expect(await popup.$('[data-testid="run-error"]'), 'no run error').toBeNull();
  const summary = await popup.$eval('[data-testid="report-summary"]', (el) => (el as HTMLElement).innerText);
  expect(summary).toContain('Qlarity Demo');
  expect(summary).toMatch(/Analysed (this minute|\d+ seconds? ago)/);
  findingsInResult = Number(/(\d[\d,.\u202f]*) findings? · /.exec(summary)?.[1].replace(/\D/g, ''));
  expect(findingsInResult).toBeGreaterThan(10);
  expect(await textOf(popup, '[data-testid="severity-counts"]')).toMatch(/Errors?:? ?[1-9]/);
  // Firefox caps a popup at 600 px too: at its default font size all of it fits, Open report included
  await popup.setViewport({ width: 400, height: 600 });
  expect(await popup.evaluate(() => document.documentElement.scrollHeight), 'popup height').toBeLessThanOrEqual(600);
  const open = await popup.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Open report')?.getBoundingClientRect().bottom ?? Infinity);
  expect(open).toBeLessThanOrEqual(600);
  expect(await popup.$$eval('[data-testid="top-findings"] [data-testid="finding"]', (rows) => rows.length)).toBe(3);
  await popup.screenshot({ path: screenshotPath('firefox-popup-result') });
  await popup.screenshot({ path: testInfo.outputPath('firefox-popup-result.png') });
  await popup.close();
});

const REPORT_TABS: { tab: string; ready: string; content: RegExp }[] = [
  { tab: 'Overview', ready: '[data-testid="overview-view"] [data-testid="score"]', content: /quality score/i },
  { tab: 'Findings', ready: '[data-testid="finding-section"]', content: /of [\d,.\u202f]+ findings/ },
  { tab: 'Data model', ready: '[data-testid="data-model-view"] table', content: /table/i },
  { tab: 'Sheets', ready: 'details.qr-sheet', content: /objects/ },
  { tab: 'Expressions', ready: '[data-testid="expression-row"]', content: /Expressions/ },
  { tab: 'Variables & items', ready: '[data-testid="usage-view"] table', content: /Bookmarks/ },
  { tab: 'Script', ready: '[data-testid="script-text"]', content: /LOAD/i },
];

test('firefox: the sidebar page shows the full report of that analysis in every tab', async ({}, testInfo) => {
  test.setTimeout(120_000);
  expect(findingsInResult, 'the popup test analysed the app').toBeGreaterThan(0);
  const panel = await openExtensionPage(`sidepanel.html?tabId=${appTabId}`, '[data-testid="report-view"]');
  expect(await textOf(panel, '[data-testid="analysis-age"]')).toMatch(/^Analysed (this minute|\d+ seconds? ago|1 minute ago)$/);
  for (const { tab, ready, content } of REPORT_TABS) {
    await panel.evaluate((name) => [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((t) => t.textContent?.startsWith(name))?.click(), tab);
    await until(
      panel,
      ({ name, selector }) => {
        const selected = document.querySelector('[role="tab"][aria-selected="true"]');
        const el = document.querySelector<HTMLElement>(selector);
        return !!selected?.textContent?.startsWith(name) && !!el && el.getBoundingClientRect().height > 0;
      },
      { name: tab, selector: ready },
      `the ${tab} tab shows its content`,
    );
    expect(await textOf(panel, '[role="tabpanel"]'), tab).toMatch(content);
  }
  // The same analysis as the popup's: the Findings tab counts what the run found.
  const label = await panel.$eval('[role="tab"][id="qr-tab-findings"]', (el) => el.textContent ?? '');
  expect(Number(/\(([^)]*)\)/.exec(label)?.[1].replace(/\D/g, ''))).toBe(findingsInResult);
  await panel.evaluate(() => (document.querySelector('[role="tab"][id="qr-tab-findings"]') as HTMLElement).click());
  await until(panel, () => !!document.querySelector('[data-testid="finding-section"][data-section="fix-first"]'), null, 'the findings list, Fix first first');
  expect(await textOf(panel, '[data-testid="findings-count"]')).toMatch(new RegExp(`of ${findingsInResult.toLocaleString('en-US')} findings`));
  await panel.screenshot({ path: screenshotPath('firefox-sidepanel-findings') });
  await panel.screenshot({ path: testInfo.outputPath('firefox-sidepanel-findings.png') });
  // The history (IndexedDB in Firefox's extension origin) lists the analysis, and it exports.
  await panel.evaluate(() => ((document.querySelector('[data-testid="history"]') as HTMLDetailsElement).open = true));
  await until(panel, () => document.querySelectorAll('[data-testid="history-entry"]').length === 1, null, 'the history lists the analysis');
  expect(await textOf(panel, '[data-testid="history-entry"]')).toContain('My Qlik session');
  await panel.evaluate(() => (document.querySelector('[data-format="json"]') as HTMLButtonElement).click());
  await until(panel, () => /Saved qlarity-.+\.json\./.test(document.querySelector('.qx-export')?.textContent ?? ''), null, 'the JSON export is saved');
  await panel.close();
});

test('firefox: Open report opens the real sidebar (sidebar_action), which shows the report of the app in the active tab', async ({}, testInfo) => {
  test.setTimeout(120_000);
  expect(findingsInResult, 'the popup test analysed the app').toBeGreaterThan(0);
  const popup = await openExtensionPage(`popup.html?tabId=${appTabId}`, '[data-testid="report-summary"]');
  // A real click (WebDriver BiDi input): Firefox opens a sidebar only in response to user input.
  // (Firefox already opened the sidebar once at install, `open_at_install`; the click must not fail.)
  await popup.click('[data-testid="open-report"]');
  await popup.waitForFunction(() => browser.sidebarAction.isOpen({}), { timeout: 10_000, polling: 100 });
  expect(await popup.$('[data-testid="notice"]'), 'no "Could not open the side panel" notice').toBeNull();
  // The sidebar follows the active tab: bring the Qlik tab to the front.
  const tenant = (await firefox.pages()).find((p) => p.url().includes(`/sense/app/${DEMO_APP_ID}`));
  expect(tenant, 'the Qlik tab is still open').toBeDefined();
  await tenant!.bringToFront();
  // Read the sidebar's own document through the extension (it is browser chrome, not a tab).
  await until(
    popup,
    () => !!browser.extension.getViews({ type: 'sidebar' })[0]?.document.querySelector('[data-testid="report-view"] [role="tab"][aria-selected="true"]'),
    null,
    'the sidebar shows the report',
    30_000,
  );
  const sidebar = await popup.evaluate(() => {
    const doc = browser.extension.getViews({ type: 'sidebar' })[0].document;
    return {
      url: doc.location.pathname,
      findingsTab: doc.querySelector('#qr-tab-findings')?.textContent ?? '',
      score: doc.querySelector('[data-testid="overview-view"] [data-testid="score"]')?.textContent ?? '',
      fixFirst: [...doc.querySelectorAll('[data-testid="overview-fix-first"] li')].map((li) => li.textContent ?? ''),
      fixFirstLink: doc.querySelector('[data-testid="overview-fix-first"] button')?.textContent ?? '',
    };
  });
  expect(sidebar.url).toBe('/sidepanel.html');
  expect(Number(/\(([^)]*)\)/.exec(sidebar.findingsTab)?.[1].replace(/\D/g, ''))).toBe(findingsInResult);
  expect(sidebar.score).toMatch(/^\d+$/);
  // Fix first's first rows, as the report computes them from the stored analysis (read as the Chromium specs do)
  const appKey = `${new URL(sim.tenantUrl).origin}|${DEMO_APP_ID}`;
  const stored = (await popup.evaluate((key) => browser.runtime.sendMessage({ type: 'get-last-analysis', appKey: key }), appKey)) as { ok: boolean; value: StoredAnalysis };
  expect(stored.ok).toBe(true);
  const ruleDoc = ruleDocLookup(RULE_DOCS);
  const expected = fixFirst(stored.value.result, { rollUp: (code) => ruleDoc(code)?.rollUp === true, ruleSummary: (code) => ruleDoc(code)?.summary });
  expect(expected.length, 'the demo app has something to fix first').toBeGreaterThan(0);
  expect(sidebar.fixFirst).toHaveLength(Math.min(expected.length, FIX_FIRST_OVERVIEW_ROWS));
  sidebar.fixFirst.forEach((row, i) => expect(row).toContain(expected[i].title));
  expect(sidebar.fixFirstLink).toBe(expected.length > FIX_FIRST_OVERVIEW_ROWS ? `All ${expected.length.toLocaleString('en-US')} in Findings` : 'Open them in Findings');
  await popup.screenshot({ path: testInfo.outputPath('firefox-popup-after-open-report.png') });
  await popup.close();
});

// API-key mode in the real background event page: Firefox applies the declarativeNetRequest
// session rule to the engine WebSocket handshake (Chromium does not: connection-api-key.spec.ts).
test('firefox: API-key mode analyses the app, with the key on the engine handshake set by the header rule', async () => {
  sim.reset();
  const { tenant } = await signInToDemoApp();

  const options = await openExtensionPage('options.html', 'form');
  await options.type('#add-tenant', sim.tenantHost);
  await options.keyboard.press('Enter');
  await options.waitForSelector('#t0-mode-api-key');
  await options.click('#t0-mode-api-key');
  await options.type('#t0-api-key', sim.apiKey);
  await options.waitForSelector('[data-testid="api-key-engine-note"]');
  expect(await textOf(options, '[data-testid="api-key-engine-note"]')).toContain('sends the key on the engine connection too');
  await options.click('::-p-text(Save)');
  await options.waitForSelector('::-p-text(Saved.)');

  const tabId = await options.evaluate(async (href) => (await browser.tabs.query({})).find((t) => t.url === href)?.id ?? null, tenant.url());
  const popup = await openExtensionPage(`popup.html?tabId=${tabId}`, '[data-testid="tab-status"][data-kind="qlik-app"]');
  const started = Date.now();
  // the earlier tests analysed this app already: the button says "Analyze again" and the old summary shows until the run ends
  await popup.evaluate(() => [...document.querySelectorAll('button')].find((b) => /^Analyze( again)?$/.test(b.textContent ?? ''))?.click());
  await popup.waitForSelector('[data-testid="progress"]', { timeout: 30_000 });
  await popup.waitForSelector('[data-testid="progress"]', { hidden: true, timeout: 60_000 });
  await popup.waitForSelector('[data-testid="report-summary"], [data-testid="run-error"]', { timeout: 60_000 });
  const error = await popup.$('[data-testid="run-error"]');
  expect(error ? await textOf(popup, '[data-testid="run-error"]') : '').toBe('');
  expect(await textOf(popup, '[data-testid="report-summary"]')).toContain('Qlarity Demo');
  // the engine was reached: a full analysis, not the REST-only one with its note
  expect(await popup.$('[data-testid="analysis-limitation"]')).toBeNull();
  const sockets = sim.authLog().filter((r) => r.at >= started && r.kind === 'websocket');
  expect(sockets.length).toBeGreaterThan(0);
  expect(sockets.every((r) => r.via === 'apikey' && r.bearer)).toBe(true);
  // the rule only lives during the analysis
  const rules = await options.evaluate(() => (globalThis as unknown as { browser: { declarativeNetRequest: { getSessionRules(): Promise<unknown[]> } } }).browser.declarativeNetRequest.getSessionRules());
  expect(rules).toEqual([]);
});
