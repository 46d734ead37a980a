// Chromium with the built extension against the simulated tenant: shared by the Playwright
// fixtures and `npm run demo` (so it has no test-runner imports).
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Simulator } from '../sim/index';

export const CHROME_BUILD = fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_APP_ID = '9c1f3a52-6d2e-4b8f-a7c4-2e5d8b1f0a63';

/** Chromium flags for a root CI machine with no GPU, no network noise, a simulated tenant. */
export function chromiumArgs(extensionPath: string, hostResolverRules: string): string[] {
  return [
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
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
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install it (\`apt-get install chromium\`) or set CHROMIUM_PATH.`);
  return chromium.launchPersistentContext(options.userDataDir ?? '', {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
    args: [...chromiumArgs(extensionPath, sim.hostResolverRules), ...(options.extraArgs ?? [])],
  });
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
