// Chromium with the built extension against the simulated tenant: shared by the Playwright
// fixtures and `npm run demo` (so it has no test-runner imports).
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBrowser } from '../../scripts/browsers/ensure';
import type { Simulator } from '../sim/index';

export const CHROME_BUILD = fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url));
export const DEMO_APP_ID = '9c1f3a52-6d2e-4b8f-a7c4-2e5d8b1f0a63';

/**
 * Chromium flags for a root CI machine with no GPU, no network noise, a simulated tenant.
 * `loadBy`: Chromium takes the extension from `--load-extension`; branded Chrome and Edge ignore
 * that flag, so for them the extension is loaded over DevTools after launch (loadUnpackedExtension).
 */
export function chromiumArgs(extensionPath: string, hostResolverRules: string, loadBy: 'flag' | 'devtools' = 'flag'): string[] {
  return [
    ...(loadBy === 'flag' ? [`--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`] : [EXTENSION_DEBUGGING_FLAG]),
    // Every *.qlikcloud.com / *.qlikcloudgov.com name goes to the simulator; URL, Host and SNI stay.
    `--host-resolver-rules=${hostResolverRules}`,
    // The simulator's certificate is self-signed; ignoreHTTPSErrors alone does not cover the
    // service worker's fetch and WebSocket (toolchain-notes.md §3).
    '--ignore-certificate-errors',
    '--no-sandbox', // CI runs as root
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

/** A fresh profile folder, for a browser the test relaunches on the same profile. */
export function newProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'qlarity-e2e-profile-'));
}

/**
 * Launches Chromium with the extension and a fresh temporary profile ('' = Playwright makes one),
 * or the profile in `userDataDir` (to relaunch the same browser); `extraArgs` go after ours.
 */
export async function launchWithExtension(
  sim: Pick<Simulator, 'hostResolverRules'>,
  options: { headless?: boolean; extensionPath?: string; userDataDir?: string; extraArgs?: string[] } = {},
): Promise<BrowserContext> {
  const extensionPath = options.extensionPath ?? CHROME_BUILD;
  if (!existsSync(`${extensionPath}/manifest.json`)) throw new Error(`No build at ${extensionPath}: run \`npm run build\` first.`);
  const browser = findBrowser('chromium');
  const loadBy = browser.flavour === 'chromium' ? 'flag' : 'devtools';
  const context = await chromium.launchPersistentContext(options.userDataDir ?? '', {
    executablePath: browser.path,
    headless: options.headless ?? true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
    // Playwright's own --disable-extensions would block an extension loaded over DevTools.
    ...(loadBy === 'devtools' ? { ignoreDefaultArgs: ['--disable-extensions'] } : {}),
    args: [...chromiumArgs(extensionPath, sim.hostResolverRules, loadBy), ...(options.extraArgs ?? [])],
  });
  if (loadBy === 'devtools') await loadUnpackedExtension(context, extensionPath);
  return context;
}

/**
 * Loads an unpacked extension over DevTools (`Extensions.loadUnpacked`, which needs
 * EXTENSION_DEBUGGING_FLAG and the pipe Playwright connects through): the way that still works in
 * branded Chrome and Edge, which ignore `--load-extension`.
 */
export async function loadUnpackedExtension(context: BrowserContext, extensionPath: string): Promise<string> {
  const browser = context.browser();
  if (!browser) throw new Error('No browser behind this context.');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { id } = (await cdp.send('Extensions.loadUnpacked' as never, { path: extensionPath } as never)) as { id: string };
    return id;
  } finally {
    await cdp.detach();
  }
}

/**
 * Chromium flag that opens the DevTools `Extensions` domain to the test driver (needed by
 * clickToolbarButton). Test-only: it lets the driver act on extensions as the user would.
 */
export const EXTENSION_DEBUGGING_FLAG = '--enable-unsafe-extension-debugging';

/**
 * Clicks the extension's toolbar button for `page`'s tab, as a user does: Chrome grants the
 * extension `activeTab` on that tab (so it may read the tab's address) and opens the popup.
 * DevTools `Extensions.triggerAction` on the tab target; needs EXTENSION_DEBUGGING_FLAG.
 */
export async function clickToolbarButton(context: BrowserContext, extensionId: string, page: Page): Promise<void> {
  const browser = context.browser();
  if (!browser) throw new Error('No browser behind this context.');
  const cdp = await browser.newBrowserCDPSession();
  try {
    // Target.getTargets takes a filter since Chrome 118; "tab" targets hold the pages.
    const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const tab = targetInfos.find((target) => target.type === 'tab' && target.url === page.url());
    if (!tab) throw new Error(`No tab target at ${page.url()}.`);
    await cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tab.targetId } as never);
  } finally {
    await cdp.detach();
  }
}

/**
 * Adds `originPattern` to the extension's site access in chrome://extensions (Details → Site
 * access → "On specific sites" → Add), as a user can. Chrome then grants a later
 * `permissions.request` for that host without showing its prompt, which a headless browser could
 * not answer: so the extension's own "Allow" button runs its real code path.
 */
export async function addSiteAccessInBrowserSettings(context: BrowserContext, extensionId: string, originPattern: string): Promise<void> {
  const settings = await context.newPage();
  try {
    await settings.goto(`chrome://extensions/?id=${extensionId}`);
    await settings.evaluate(
      async ({ id, pattern }) => {
        const api = (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } } }).chrome.developerPrivate;
        await api.addHostPermission(id, pattern);
      },
      { id: extensionId, pattern: originPattern },
    );
  } finally {
    await settings.close();
  }
}

/** The extension's service worker (it may already be running when the context is returned). */
export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

// Only evaluated inside the service worker, where Chrome defines it.
declare const chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };

/** The browser's id for a page's tab, asked of the extension (it can see Qlik tabs' addresses). */
export async function tabIdOf(worker: Worker, page: Page): Promise<number> {
  const url = page.url();
  const id = await worker.evaluate(async (href) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((tab) => tab.url === href)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`The extension sees no tab at ${url}.`);
  return id;
}
