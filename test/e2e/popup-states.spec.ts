// Every state of the toolbar popup on the simulated tenant, each asserted and screenshotted in
// light and dark to reports/screenshots/ (the popup sets its own width, 380 px: the browser sizes
// the popup window to it). The state with a result is in views.spec.ts (popup-result-*).
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { clickToolbarButton, EXTENSION_DEBUGGING_FLAG, extensionWorker, launchWithExtension, tabIdOf } from './browser';
import { DEMO_APP_ID, expect, test } from './fixtures';
import { PopupPage } from './pages/popup-page';
import { LoginPage, QlikAppPage } from './pages/qlik-app-page';
import { captureView } from './screens';

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

const POPUP_WIDTH = [400];

let context: BrowserContext;
let worker: Worker;
let extensionId: string;
let qlik: QlikAppPage;

test.beforeAll(async ({ sim }) => {
  sim.reset();
  context = await launchWithExtension(sim, { extraArgs: [EXTENSION_DEBUGGING_FLAG] });
  worker = await extensionWorker(context);
  extensionId = new URL(worker.url()).host;
  const login = new LoginPage(await context.newPage(), sim);
  await login.logIn();
  qlik = new QlikAppPage(login.page, sim);
});

test.afterAll(async () => {
  await context?.close();
});

test.afterEach(({ sim }) => sim.faults.reset());

async function popupFor(page: Page): Promise<PopupPage> {
  return PopupPage.open(await context.newPage(), extensionId, await tabIdOf(worker, page));
}

async function popupOnDemoApp(): Promise<PopupPage> {
  await qlik.openFirstSheet(DEMO_APP_ID);
  const popup = await popupFor(qlik.page);
  expect(await popup.kind()).toBe('qlik-app');
  return popup;
}

test('not a Qlik app tab: says what to open', async () => {
  await qlik.openHub();
  const popup = await popupFor(qlik.page);
  await captureView(popup.page, 'popup-state-not-qlik', {
    widths: POPUP_WIDTH,
    check: async () => {
      expect(await popup.kind()).toBe('not-qlik');
      await expect(popup.tabStatus).toContainText('Not a Qlik app tab');
      await expect(popup.analyzeButton).toHaveCount(0);
    },
  });
  await popup.page.close();
});

test('a Qlik app on a host not granted yet: asks to allow that host', async () => {
  // A Qlik Sense Enterprise-like address outside Qlik Cloud; the page itself is served locally.
  const host = 'qlik.example.com';
  const page = await context.newPage();
  await page.route(`https://${host}/**`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Qlik Sense</title><h1>App</h1>' }));
  await page.goto(`https://${host}/sense/app/${DEMO_APP_ID}/sheet/abc/state/analysis`);
  // Without a click on the toolbar button the extension cannot even read this tab's address.
  await expect(popupFor(page)).rejects.toThrow('The extension sees no tab');
  await page.bringToFront();
  await clickToolbarButton(context, extensionId, page); // activeTab: now it can
  await expect.poll(() => tabIdOf(worker, page).catch(() => null)).not.toBeNull();
  const popup = await popupFor(page);
  await captureView(popup.page, 'popup-state-allow-host', {
    widths: POPUP_WIDTH,
    check: async () => {
      expect(await popup.kind()).toBe('needs-permission');
      await expect(popup.tabStatus).toContainText(`Allow Qlarity on ${host}?`);
      await expect(popup.page.getByRole('button', { name: `Allow access to ${host}` })).toBeVisible();
      await expect(popup.analyzeButton).toHaveCount(0);
    },
  });
  await popup.page.close();
  await page.close();
});

test('analyzing: progress and Cancel, then cancelled', async ({ sim }) => {
  // a slow engine whose expression checks never answer: the run is still reading the app while we
  // look, and Cancel before the timing pass ends the whole run (during it, Cancel keeps the findings: progressive.spec.ts)
  sim.faults.set({ latencyMs: 250, silent: { methods: ['CheckExpression'] } });
  const popup = await popupOnDemoApp();
  await popup.analyzeButton.click();
  await expect(popup.progress).toBeVisible();
  await captureView(popup.page, 'popup-state-analyzing', {
    widths: POPUP_WIDTH,
    check: async () => {
      await expect(popup.progress.getByRole('status')).toHaveText(/\S/);
      await expect(popup.progress.getByRole('progressbar', { name: 'Analysis progress' })).toBeVisible();
      await expect(popup.cancelButton).toBeEnabled();
    },
  });
  await popup.cancelButton.click();
  await expect(popup.page.getByTestId('run-outcome')).toHaveText('Analysis cancelled');
  await expect(popup.progress).toBeHidden();
  await popup.page.close();
});

test('no permission on the app (engine 4203): says whom to ask', async ({ sim }) => {
  sim.faults.set({ closeCode: 4203 });
  const popup = await popupOnDemoApp();
  expect(await popup.analyze()).toBe('error');
  await captureView(popup.page, 'popup-state-no-app-permission', {
    widths: POPUP_WIDTH,
    check: async () => {
      await expect(popup.runError).toContainText('You have no permission to open');
      await expect(popup.runError).toContainText('(4203)');
      await expect(popup.runError).toContainText('Can view');
      await expect(popup.summary).toHaveCount(0);
    },
  });
  await popup.page.close();
});

test('an error during the run (the engine socket drops): a clear message, Analyze again possible', async ({ sim }) => {
  sim.faults.set({ dropAfterMessages: 6 });
  const popup = await popupOnDemoApp();
  expect(await popup.analyze()).toBe('error');
  await captureView(popup.page, 'popup-state-error', {
    widths: POPUP_WIDTH,
    check: async () => {
      await expect(popup.runError).toContainText('connection to the engine was lost');
      await expect(popup.page.getByTestId('run-outcome')).toHaveText(/failed/i);
      await expect(popup.analyzeButton).toBeEnabled();
      await expect(popup.summary).toHaveCount(0);
    },
  });
  await popup.page.close();
});

test('not signed in to the tenant any more: says to sign in', async () => {
  await qlik.openFirstSheet(DEMO_APP_ID);
  await context.clearCookies(); // the Qlik session ends (signed out elsewhere, or expired)
  const popup = await popupFor(qlik.page);
  expect(await popup.analyze()).toBe('error');
  await captureView(popup.page, 'popup-state-not-signed-in', {
    widths: POPUP_WIDTH,
    check: async () => {
      await expect(popup.runError).toContainText('not signed in');
      await expect(popup.runError).toContainText('Sign in to demo.eu.qlikcloud.com');
    },
  });
  await popup.page.close();
});
