// Playwright fixtures: the simulated tenant (one per worker) and Debian's Chromium with the built
// extension (a fresh profile per test), tenant hostnames mapped to the simulator, its test
// certificate trusted, and the extension's pages opened as ordinary tabs.
// Recipe: /work/shared/toolchain-notes.md §3 (flags, --ignore-certificate-errors for the worker).
import { test as base, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { DEV_EXTENSION_ID } from '../../scripts/dev-extension-key';
import { startSimulator, type Simulator } from '../sim/index';
import { extensionWorker, launchWithExtension, tabIdOf } from './browser';
import { LoginPage, QlikAppPage } from './pages/qlik-app-page';
import { OptionsPage } from './pages/options-page';
import { PopupPage } from './pages/popup-page';
import { SidePanelPage } from './pages/sidepanel-page';

interface WorkerFixtures {
  sim: Simulator;
}

interface TestFixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** the Qlik tab: log in, open the demo app */
  qlik: QlikAppPage;
  login: LoginPage;
  openPopup(forPage?: Page): Promise<PopupPage>;
  openSidePanel(forPage?: Page): Promise<SidePanelPage>;
  openOptions(): Promise<OptionsPage>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  sim: [
    async ({}, use) => {
      const sim = await startSimulator();
      await use(sim);
      await sim.close();
    },
    { scope: 'worker' },
  ],

  context: async ({ sim }, use) => {
    sim.reset();
    const context = await launchWithExtension(sim);
    await use(context);
    await context.close();
  },

  serviceWorker: async ({ context }, use) => {
    await use(await extensionWorker(context));
  },

  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },

  login: async ({ context, sim }, use) => {
    await use(new LoginPage(await context.newPage(), sim));
  },

  qlik: async ({ login, sim }, use) => {
    await use(new QlikAppPage(login.page, sim));
  },

  openPopup: async ({ context, extensionId, serviceWorker }, use) => {
    await use(async (forPage) => {
      const tabId = forPage ? await tabIdOf(serviceWorker, forPage) : undefined;
      return PopupPage.open(await context.newPage(), extensionId, tabId);
    });
  },

  openSidePanel: async ({ context, extensionId, serviceWorker }, use) => {
    await use(async (forPage) => {
      const tabId = forPage ? await tabIdOf(serviceWorker, forPage) : undefined;
      return SidePanelPage.open(await context.newPage(), extensionId, tabId);
    });
  },

  openOptions: async ({ context, extensionId }, use) => {
    await use(async () => OptionsPage.open(await context.newPage(), extensionId));
  },
});

export const expect = test.expect;
export { DEV_EXTENSION_ID };
export { DEMO_APP_ID } from './browser';
