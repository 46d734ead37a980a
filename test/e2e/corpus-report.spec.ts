// The report on the largest real app of ../shared/corpus (the one with the biggest engine model),
// served by the simulated tenant: the popup fits 600 px with Open report and three Fix first rows,
// the side panel opens on the grouped findings, both pass axe, and both are screenshotted to
// reports/screenshots/ in light and dark. Skips, saying so, when the corpus is absent.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type BrowserContext } from '@playwright/test';
import { startSimulator, type SimApp, type Simulator } from '../sim/index';
import { expectAccessible } from './axe';
import { extensionWorker, launchWithExtension, tabIdOf } from './browser';
import { PopupPage } from './pages/popup-page';
import { LoginPage, QlikAppPage } from './pages/qlik-app-page';
import { SidePanelPage } from './pages/sidepanel-page';
import { SCHEMES, screenshotPath } from './screens';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus', import.meta.url));

test.describe.configure({ mode: 'serial' });
test.skip(!existsSync(CORPUS), `${CORPUS} is absent: no corpus report screenshots`);
test.setTimeout(240_000);

let sim: Simulator;
let context: BrowserContext;
let extensionId: string;
let tabId: number;

const size = (app: SimApp) => JSON.stringify(app.model ?? null).length;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  sim = await startSimulator({ appsDir: CORPUS });
  const largest = [...sim.apps].sort((a, b) => size(b) - size(a))[0];
  context = await launchWithExtension(sim);
  extensionId = new URL((await extensionWorker(context)).url()).host;
  const login = new LoginPage(await context.newPage(), sim);
  await login.logIn();
  const qlik = new QlikAppPage(login.page, sim);
  await qlik.openFirstSheet(largest.id);
  tabId = await tabIdOf(await extensionWorker(context), qlik.page);
  const popup = await PopupPage.open(await context.newPage(), extensionId, tabId);
  expect(await popup.analyze()).toBe('report');
  await popup.page.close();
});

test.afterAll(async () => {
  await context?.close();
  await sim?.close();
});

test('corpus app: the popup fits 600 px with Open report and Fix first, in light and dark', async () => {
  const popup = await PopupPage.open(await context.newPage(), extensionId, tabId);
  await popup.page.setViewportSize({ width: 400, height: 600 });
  for (const scheme of SCHEMES) {
    await popup.page.emulateMedia({ colorScheme: scheme });
    expect(await popup.page.evaluate(() => document.documentElement.scrollHeight), 'popup height').toBeLessThanOrEqual(600);
    await expect(popup.openReportButton).toBeInViewport({ ratio: 1 });
    const rows = popup.page.getByTestId('top-findings').getByTestId('finding');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.count()).toBeLessThanOrEqual(3);
    await expectAccessible(popup.page, scheme === 'light' ? undefined : ['color-contrast']);
    await popup.page.screenshot({ path: screenshotPath(`corpus-popup-${scheme}-400`) });
  }
  await popup.page.close();
});

test('corpus app: the side panel starts the findings with Fix first, grouped, at 320 and 800 px', async () => {
  const panel = await SidePanelPage.open(await context.newPage(), extensionId, tabId);
  await expect(panel.report).toBeVisible();
  await panel.showReportTab('Findings');
  for (const scheme of SCHEMES) {
    await panel.page.emulateMedia({ colorScheme: scheme });
    for (const width of [320, 800]) {
      await panel.page.setViewportSize({ width, height: 900 });
      await expect(panel.page.locator('[data-testid="finding-section"]').first()).toBeVisible();
      await expect(panel.page.locator('[data-testid="finding-section"]').first()).toHaveAttribute('data-section', 'fix-first');
      // grouped: far fewer rows than findings
      const findings = await panel.findingCount();
      expect(await panel.listRows().count()).toBeLessThan(Math.max(findings, 2));
      expect(await panel.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1), `no sideways scroll at ${width}`).toBe(true);
      await panel.page.screenshot({ path: screenshotPath(`corpus-sidepanel-findings-${scheme}-${width}`), fullPage: true });
    }
    await expectAccessible(panel.page, scheme === 'light' ? undefined : ['color-contrast']);
  }
  await panel.page.close();
});
