// Every view of the side panel report, the popup with a result, and the options page, on the demo
// app after one analysis: each in light and dark, 320 and 800 px wide, checked (content, no
// sideways scrolling, axe) and screenshotted to reports/screenshots/. Then the report by keyboard
// alone, and: in all of this, no request went anywhere but the tenant.
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { extensionWorker, launchWithExtension, tabIdOf } from './browser';
import { DEMO_APP_ID, expect, test } from './fixtures';
import { OptionsPage } from './pages/options-page';
import { PopupPage } from './pages/popup-page';
import { LoginPage, QlikAppPage } from './pages/qlik-app-page';
import { SidePanelPage, type ReportTabName } from './pages/sidepanel-page';
import { captureView, overflowsHorizontally, screenshotPath } from './screens';

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

let context: BrowserContext;
let worker: Worker;
let extensionId: string;
let qlikPage: Page;
let tabId: number;
let panel: SidePanelPage;
let findingsInResult: number;
const requested: { url: string; from: string }[] = [];

test.beforeAll(async ({ sim }) => {
  test.setTimeout(180_000);
  sim.reset();
  context = await launchWithExtension(sim);
  // Every request of every page and of the service worker (Playwright reports both on the context),
  // and every WebSocket a page opens.
  context.on('request', (request) => requested.push({ url: request.url(), from: request.serviceWorker() ? 'service worker' : 'page' }));
  const watchSockets = (page: Page) => page.on('websocket', (socket) => requested.push({ url: socket.url(), from: `websocket in ${page.url()}` }));
  context.pages().forEach(watchSockets);
  context.on('page', watchSockets);

  worker = await extensionWorker(context);
  extensionId = new URL(worker.url()).host;
  const login = new LoginPage(await context.newPage(), sim);
  await login.logIn();
  const qlik = new QlikAppPage(login.page, sim);
  await qlik.openFirstSheet(DEMO_APP_ID);
  qlikPage = qlik.page;
  tabId = await tabIdOf(worker, qlikPage);
  const popup = await PopupPage.open(await context.newPage(), extensionId, tabId);
  expect(await popup.analyze()).toBe('report');
  findingsInResult = Number(/(\d[\d,.\u202f]*) findings? · /.exec((await popup.summary.innerText()) ?? '')?.[1].replace(/\D/g, ''));
  expect(findingsInResult).toBeGreaterThan(10);
  await popup.page.close();
  panel = await SidePanelPage.open(await context.newPage(), extensionId, tabId);
  await expect(panel.report).toBeVisible();
});

test.afterAll(async () => {
  await context?.close();
});

test('popup with the result: light and dark, at its own width', async () => {
  const popup = await PopupPage.open(await context.newPage(), extensionId, tabId);
  // The popup sets its own width (body.popup, 380 px): the browser sizes the popup window to it.
  await captureView(popup.page, 'popup-result', {
    widths: [400],
    height: 600,
    check: async (page) => {
      await expect(popup.summary).toContainText(`${findingsInResult} findings · `);
      await expect(popup.summary.getByTestId('analysis-age')).toHaveText(/^Analysed /);
      await expect(page.getByTestId('severity-counts')).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      // Chrome caps a popup at 600 px: all of it, Open report included, fits without scrolling
      expect(await page.evaluate(() => document.documentElement.scrollHeight), 'popup height').toBeLessThanOrEqual(600);
      await expect(popup.openReportButton).toBeInViewport({ ratio: 1 });
      await expect(page.getByTestId('top-findings').getByTestId('finding')).toHaveCount(3);
    },
  });
  await popup.page.close();
});

const VIEWS: { tab: ReportTabName; name: string; check(page: Page): Promise<void> }[] = [
  {
    tab: 'Overview',
    name: 'overview',
    check: async (page) => {
      await expect(page.getByTestId('overview-view')).toContainText(/quality score/i);
      await expect(page.getByTestId('score')).toHaveText(/^\d+$/);
    },
  },
  {
    tab: 'Findings',
    name: 'findings',
    check: async (page) => {
      await expect(page.getByTestId('findings-count')).toContainText(`of ${findingsInResult.toLocaleString('en-US')} findings`);
      // grouped by default: Fix first comes first, with the gain of each row
      await expect(page.locator('[data-testid="finding-section"]').first()).toHaveAttribute('data-section', 'fix-first');
      await expect(page.locator('[data-testid="finding-cause-group"] .qr-gain').first()).toHaveText(/^(Fixes|Frees|Saves|Reload)/);
      expect(await panel.listRows().count()).toBeGreaterThan(5);
    },
  },
  {
    tab: 'Data model',
    name: 'data-model',
    check: async (page) => {
      await expect(page.getByTestId('data-model-view')).toContainText(/table/i);
      await expect(page.getByTestId('data-model-view').locator('table').first()).toBeVisible();
    },
  },
  {
    tab: 'Sheets',
    name: 'sheets',
    check: async (page) => {
      expect(await page.locator('details.qr-sheet').count()).toBeGreaterThan(0);
      await expect(page.locator('details.qr-sheet > summary').first()).toContainText('objects');
    },
  },
  {
    tab: 'Expressions',
    name: 'expressions',
    check: async (page) => {
      expect(await page.getByTestId('expression-row').count()).toBeGreaterThan(0);
    },
  },
  {
    tab: 'Variables & items',
    name: 'variables-items-bookmarks',
    check: async (page) => {
      const view = page.getByTestId('usage-view');
      await expect(view.getByRole('table', { name: /^Variables/ })).toBeVisible();
      await expect(view.getByRole('table', { name: /^Bookmarks/ })).toBeVisible();
    },
  },
  {
    tab: 'Script',
    name: 'script-reloads',
    check: async (page) => {
      await expect(page.getByTestId('script-text')).toContainText(/LOAD/i);
    },
  },
];

for (const [index, view] of VIEWS.entries()) {
  test(`side panel report, ${view.tab}: light and dark, narrow and wide`, async () => {
    await panel.showReportTab(view.tab);
    await captureView(panel.page, `sidepanel-${index + 1}-${view.name}`, {
      check: async (page) => {
        await expect(panel.age).toHaveText(/^Analysed /);
        await expect(panel.reportTab(view.tab)).toHaveAttribute('aria-selected', 'true');
        await view.check(page);
      },
    });
  });
}

test('side panel report, a finding with its details open: light and dark, narrow and wide', async () => {
  await panel.showReportTab('Findings');
  await panel.listEachFinding();
  // The first finding whose rule has an expression to show, else the first.
  const row = panel.reportFindings.nth(1);
  const rule = (await row.locator('.qr-code').textContent()) ?? '';
  await row.click();
  const details = panel.page.getByTestId('finding-details');
  await captureView(panel.page, 'sidepanel-2b-finding-details', {
    check: async () => {
      await expect(details.getByRole('heading', { level: 3 })).toContainText(rule);
      await expect(details).toContainText('Why it matters');
      await expect(details).toContainText('How to fix');
      await expect(details.getByRole('button', { name: 'Hide this finding' })).toBeVisible();
      // a narrow panel opens the details in the list's place, with a way back
      const narrow = (panel.page.viewportSize()?.width ?? 800) <= 480;
      await expect(panel.page.getByRole('button', { name: /Back to the findings/ })).toBeVisible({ visible: narrow });
      await expect(panel.page.getByRole('listbox', { name: 'Findings' })).toBeVisible({ visible: !narrow });
    },
  });
});

test('hostile names (HTML-looking, Unicode, long) render as text and keep the report within 320 px', async () => {
  const page = panel.page;
  await panel.showReportTab('Sheets');
  await page.setViewportSize({ width: 320, height: 900 });
  // Open every sheet: their titles and the objects' names and types (the demo app plants an
  // HTML-looking title, German and emoji titles, a long crowded sheet).
  for (const summary of await page.locator('details.qr-sheet > summary').all()) await summary.click();
  const html = '<b>Top 10</b> "customers" & more';
  const cell = page.getByTestId('sheets-view').getByText(html, { exact: true });
  await expect(cell).toBeVisible();
  expect(await page.getByTestId('report-view').locator('b', { hasText: 'Top 10' }).count(), 'no markup from app content').toBe(0);
  await expect(page.getByTestId('sheets-view')).toContainText('Produktübersicht');
  expect(await overflowsHorizontally(page)).toBe(false);
  await page.screenshot({ path: screenshotPath('sidepanel-4b-sheets-open-light-320'), fullPage: true });
  for (const summary of await page.locator('details.qr-sheet > summary').all()) await summary.click();
  await page.setViewportSize({ width: 800, height: 900 });
});

test('options page: light and dark, narrow and wide', async () => {
  const options = await OptionsPage.open(await context.newPage(), extensionId);
  await captureView(options.page, 'options', {
    check: async () => {
      await expect(options.form).toBeVisible();
      await expect(options.page.getByRole('radio', { name: /My Qlik session/ })).toBeChecked();
    },
  });
  await options.page.close();
});

test('the report works by keyboard alone: tabs with arrow keys, findings with arrows and Enter', async () => {
  const page = panel.page;
  await panel.showReportTab('Overview');
  await page.reload();
  await expect(panel.report).toBeVisible();
  const focusedTab = () => page.evaluate(() => (document.activeElement?.getAttribute('role') === 'tab' ? document.activeElement.textContent : null));

  // Tab from the top of the page reaches the selected tab (roving tabindex: one stop for the bar).
  for (let i = 0; i < 30 && (await focusedTab()) !== 'Overview'; i++) await page.keyboard.press('Tab');
  expect(await focusedTab()).toBe('Overview');
  await page.keyboard.press('ArrowRight');
  await expect(panel.reportTab('Findings')).toBeFocused();
  await expect(panel.reportTab('Findings')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(panel.reportTab('Script')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight'); // wraps round
  await expect(panel.reportTab('Overview')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(panel.reportTab('Findings')).toHaveAttribute('aria-selected', 'true');

  // One row per finding (the grouped default is covered above); then on to the list with Tab.
  await panel.listEachFinding();
  const list = page.getByRole('listbox', { name: 'Findings' });
  const listFocused = () => list.evaluate((el) => el === document.activeElement);
  for (let i = 0; i < 30 && !(await listFocused()); i++) await page.keyboard.press('Tab');
  await expect(list).toBeFocused();
  await expect(list).toHaveAttribute('aria-activedescendant', 'qr-finding-row-0');

  // ArrowDown moves the active finding; the details follow it.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(list).toHaveAttribute('aria-activedescendant', 'qr-finding-row-2');
  const third = page.locator('#qr-finding-row-2');
  await expect(third).toHaveAttribute('aria-selected', 'true');
  const rule = (await third.locator('.qr-code').textContent()) ?? '';
  const details = page.getByTestId('finding-details');
  await expect(details.getByRole('heading', { level: 3 })).toContainText(rule);

  // Enter opens the details: focus moves to their heading, then Tab reaches their actions.
  await page.keyboard.press('Enter');
  await expect(details.getByRole('heading', { level: 3 })).toBeFocused();
  const hide = details.getByRole('button', { name: 'Hide this finding' });
  const hideFocused = () => hide.evaluate((el) => el === document.activeElement);
  for (let i = 0; i < 15 && !(await hideFocused()); i++) await page.keyboard.press('Tab');
  await expect(hide).toBeFocused();

  // End jumps to the last finding.
  await list.focus();
  await page.keyboard.press('End');
  await expect(list).toHaveAttribute('aria-activedescendant', `qr-finding-row-${findingsInResult - 1}`);
});

test('no request went anywhere but the tenant: analysis and every view', async ({ sim }) => {
  // The recorder does see the service worker's own requests (control: one made on purpose).
  const probe = `https://${sim.tenantHost}/api/v1/users/me?e2e-probe`;
  await worker.evaluate((url) => fetch(url, { credentials: 'omit' }).then((r) => r.status), probe);
  await expect.poll(() => requested.find((r) => r.url === probe)?.from).toBe('service worker');
  const allowed = (url: string) => {
    const { protocol, host } = new URL(url);
    if (protocol === 'chrome-extension:') return host === extensionId;
    if (protocol === 'data:' || protocol === 'blob:' || url === 'about:blank') return true;
    return host === sim.tenantHost && (protocol === 'https:' || protocol === 'wss:');
  };
  const elsewhere = requested.filter((r) => !allowed(r.url));
  expect(elsewhere, elsewhere.map((r) => `${r.from}: ${r.url}`).join('\n')).toEqual([]);
  // The engine traffic was seen too (the session-mode socket opens in the Qlik tab).
  expect(requested.some((r) => r.url.startsWith(`wss://${sim.tenantHost}/app/`)), JSON.stringify(requested.map((r) => r.url).filter((u) => !u.startsWith('chrome-extension')).slice(0, 30))).toBe(true);
});
