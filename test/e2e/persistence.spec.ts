// The last analysis outlives the background: after the MV3 service worker is stopped (as Chrome
// does after 30 s idle) and after the whole browser is closed and started again on the same
// profile, the popup and the side panel still show it, with the age of the original run.
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import { rmSync } from 'node:fs';
import { extensionWorker, launchWithExtension, newProfileDir, tabIdOf } from './browser';
import { DEMO_APP_ID, expect, test } from './fixtures';
import { PopupPage } from './pages/popup-page';
import { LoginPage, QlikAppPage } from './pages/qlik-app-page';
import { SidePanelPage } from './pages/sidepanel-page';
import type { Simulator } from '../sim/index';

test.setTimeout(240_000);

let profile: string;
test.beforeEach(() => {
  profile = newProfileDir();
});
test.afterEach(() => {
  rmSync(profile, { recursive: true, force: true });
});

/** Logs in, opens the demo app's first sheet; returns that tab and its id. */
async function openDemoApp(context: BrowserContext, sim: Simulator, worker: Worker): Promise<{ qlik: Page; tabId: number }> {
  const login = new LoginPage(await context.newPage(), sim);
  await login.logIn();
  const qlik = new QlikAppPage(login.page, sim);
  await qlik.openFirstSheet(DEMO_APP_ID);
  return { qlik: qlik.page, tabId: await tabIdOf(worker, qlik.page) };
}

interface Shown {
  /** the popup's "N findings · … (analysis took …)" line, without its age */
  summary: string;
  /** when the shown analysis ran: the <time datetime> of its age, in the popup and the side panel */
  popupRanAt: string;
  panelRanAt: string;
  panelFindings: number;
}

/** Opens the popup and the side panel for the tab and reads what they show of the last analysis. */
async function lastAnalysisShown(context: BrowserContext, extensionId: string, tabId: number): Promise<Shown> {
  const popup = await PopupPage.open(await context.newPage(), extensionId, tabId);
  await expect(popup.summary).toBeVisible();
  const popupAge = popup.summary.getByTestId('analysis-age');
  await expect(popupAge).toHaveText(/^Analysed (this minute|\d+ minutes? ago)$/);
  // the count and the analysis time, without the age (which moves with the clock)
  const line = (await popup.summary.locator('p', { hasText: / findings? · / }).textContent()) ?? '';
  const summary = line.replace((await popupAge.textContent()) ?? '', '');
  const popupRanAt = (await popupAge.locator('time').getAttribute('datetime')) ?? '';
  await popup.page.close();

  const panel = await SidePanelPage.open(await context.newPage(), extensionId, tabId);
  await expect(panel.report).toBeVisible();
  await expect(panel.age).toHaveText(/^Analysed (this minute|\d+ minutes? ago)$/);
  const panelRanAt = (await panel.age.locator('time').getAttribute('datetime')) ?? '';
  const panelFindings = await panel.findingCount();
  await panel.showReportTab('Findings');
  expect(await panel.listRows().count()).toBeGreaterThan(5);
  await panel.page.close();
  return { summary, popupRanAt, panelRanAt, panelFindings };
}

async function analyse(context: BrowserContext, extensionId: string, tabId: number): Promise<void> {
  const popup = await PopupPage.open(await context.newPage(), extensionId, tabId);
  expect(await popup.analyze()).toBe('report');
  await popup.page.close();
}

/**
 * Evaluates an expression in the extension's running service worker, found afresh through DevTools
 * (Playwright keeps its first Worker object after a restart and reports no new one).
 */
async function inServiceWorker(cdp: CDPSession, expression: string): Promise<{ value: unknown }> {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  if (!target) throw new Error('no running extension service worker');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  const reply = new Promise<unknown>((resolve) => {
    const onMessage = (event: { sessionId: string; message: string }) => {
      const message = JSON.parse(event.message) as { id?: number; result?: { result: { value?: unknown } } };
      if (event.sessionId !== sessionId || message.id !== 1) return;
      cdp.off('Target.receivedMessageFromTarget', onMessage);
      resolve(message.result?.result.value);
    };
    cdp.on('Target.receivedMessageFromTarget', onMessage);
  });
  const call = { id: 1, method: 'Runtime.evaluate', params: { expression, returnByValue: true } };
  await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify(call) });
  const value = await reply;
  await cdp.send('Target.detachFromTarget', { sessionId });
  return { value };
}

test('the popup and side panel show the last analysis after the service worker restarts, then after the browser restarts', async ({ sim }) => {
  sim.reset();
  let context = await launchWithExtension(sim, { userDataDir: profile });
  let before: Shown;
  try {
    const worker = await extensionWorker(context);
    const extensionId = new URL(worker.url()).host;
    const { tabId } = await openDemoApp(context, sim, worker);
    await analyse(context, extensionId, tabId);
    before = await lastAnalysisShown(context, extensionId, tabId);

    // DevTools on an extension page (the extension's storage partition): follow the worker's
    // running status, mark the running worker, then stop it as the Application panel's "Stop"
    // does (and as Chrome does to an idle MV3 worker).
    const devtoolsPage = await context.newPage();
    await devtoolsPage.goto(`chrome-extension://${extensionId}/options.html`);
    const cdp = await context.newCDPSession(devtoolsPage);
    const statuses: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (event) => statuses.push(...event.versions.map((v) => v.runningStatus)));
    await cdp.send('ServiceWorker.enable');
    await inServiceWorker(cdp, "globalThis.__qlarityE2eMarker = 'before restart'");
    expect((await inServiceWorker(cdp, 'globalThis.__qlarityE2eMarker')).value).toBe('before restart');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => statuses.at(-1)).toBe('stopped');
    expect((await cdp.send('Target.getTargets')).targetInfos.filter((t) => t.type === 'service_worker')).toEqual([]);

    // Opening the popup wakes a new worker, with none of the old one's memory.
    const after = await lastAnalysisShown(context, extensionId, tabId);
    expect(statuses.slice(statuses.lastIndexOf('stopped'))).toContain('running');
    const fresh = await inServiceWorker(cdp, "globalThis.__qlarityE2eMarker ?? 'gone'");
    expect(fresh.value).toBe('gone');

    expect(after).toEqual(before);
    // the popup dates the run's end, the side panel the moment it was stored: the same run
    expect(Math.abs(Date.parse(after.panelRanAt) - Date.parse(after.popupRanAt))).toBeLessThan(5_000);
  } finally {
    await context.close();
  }

  // The same profile, a new browser: a new tab on the app (signing in again: the session cookie
  // did not outlive the browser), and the same analysis shown, with its original time.
  context = await launchWithExtension(sim, { userDataDir: profile });
  try {
    const worker = await extensionWorker(context);
    const extensionId = new URL(worker.url()).host;
    const { tabId } = await openDemoApp(context, sim, worker);
    const after = await lastAnalysisShown(context, extensionId, tabId);
    expect(after).toEqual(before);
    expect(Date.parse(after.popupRanAt)).toBeLessThan(Date.now());
  } finally {
    await context.close();
  }
});
