// Connection modes end to end in Chromium against the simulated tenant: the real built extension
// (content-script relay from .output/chrome-mv3), the MAIN-world page bridge injected with
// scripting.executeScript, and lib/extension/connection + lib/qlik/engine running inside the
// extension's service worker.
//
// The background does not expose the connection factory to tests, so this spec bundles
// lib/extension/connection/connect.ts and lib/qlik/engine/session.ts with esbuild and evaluates
// the bundle in the service worker (DevTools evaluation, not subject to the extension CSP). The
// code is the same modules the background imports; only the entry point differs.
import { expect, test as base, type BrowserContext, type Worker } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startSimulator, type Simulator } from '../sim/index';
import { launchWithExtension } from './browser';
import { bundleConnectionHarness } from './connection-harness';

const root = fileURLToPath(new URL('../..', import.meta.url));
const extensionPath = `${root}/.output/chrome-mv3`;

type Fixtures = { context: BrowserContext; worker: Worker; extensionId: string };
type WorkerFixtures = { sim: Simulator; harness: string };

const test = base.extend<Fixtures, WorkerFixtures>({
  sim: [
    async ({}, use) => {
      const sim = await startSimulator();
      await use(sim);
      await sim.close();
    },
    { scope: 'worker' },
  ],
  harness: [
    async ({}, use) => {
      await use(await bundleConnectionHarness());
    },
    { scope: 'worker' },
  ],
  context: async ({ sim }, use) => {
    if (!existsSync(`${extensionPath}/manifest.json`)) throw new Error(`No build at ${extensionPath}: run \`npx wxt build\` first`);
    sim.reset();
    const context = await launchWithExtension(sim, { extensionPath });
    await use(context);
    await context.close();
  },
  worker: async ({ context }, use) => {
    let [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker');
    await use(worker);
  },
  extensionId: async ({ worker }, use) => use(new URL(worker.url()).host),
});

async function signIn(context: BrowserContext, sim: Simulator, user = sim.users.developer) {
  const cookies = sim.login(user).cookie.split('; ').map((pair) => {
    const [name, ...rest] = pair.split('=');
    return { name, value: rest.join('='), domain: sim.tenantHost, path: '/', secure: true, httpOnly: true, sameSite: 'None' as const };
  });
  await context.addCookies(cookies);
}

async function openApp(context: BrowserContext, sim: Simulator, path?: string) {
  const app = sim.apps[0];
  const page = await context.newPage();
  await page.goto(`${sim.tenantUrl}${path ?? `/sense/app/${encodeURIComponent(app.id)}`}`);
  return { page, app };
}

type Settings = { mode: 'session' | 'web-integration' | 'oauth' | 'api-key'; webIntegrationId: string; oauthClientId: string; apiKey: string };
const settingsFor = (mode: Settings['mode'], extra: Partial<Settings> = {}): Settings => ({ mode, webIntegrationId: '', oauthClientId: '', apiKey: '', ...extra });

type RunResult =
  | { ok: true; platform: string; mode: string; title: unknown; identity: string; me?: number; csrfPost?: number }
  | { ok: false; stage: string; code: string; message: string; me?: number };

/** In the service worker: connect, open an engine session on a fresh identity, read the app layout, close. */
async function analyseInWorker(worker: Worker, harness: string, tabUrlPrefix: string, settings: Settings): Promise<RunResult> {
  // loaded just before use: the worker may have been restarted since the last test
  if (!(await worker.evaluate(() => '__qlarityTest' in globalThis))) await worker.evaluate(harness);
  const result = await runInWorker(worker, tabUrlPrefix, settings);
  test.info().annotations.push({ type: 'result', description: JSON.stringify(result) });
  if (process.env.QLARITY_E2E_DEBUG) console.log(JSON.stringify(result));
  return result;
}

async function runInWorker(worker: Worker, tabUrlPrefix: string, settings: Settings): Promise<RunResult> {
  return worker.evaluate(
    async ({ tabUrlPrefix, settings }) => {
      type Conn = {
        app: { origin: string; prefix: string; appId: string };
        platform: string;
        mode: string;
        createSocket: unknown;
        fetch: (u: string, i?: RequestInit) => Promise<Response>;
        explainFailure(e: unknown): Promise<{ code: string; message: string; action: string }>;
        close(): void;
      };
      type Api = {
        connectToTab(tabId: number, lookup: (host: string) => unknown): Promise<Conn>;
        openEngineSession(o: unknown): Promise<{ doc: { getAppLayout(): Promise<{ qTitle: unknown }> }; identity: string; close(): Promise<void> }>;
      };
      const api = (globalThis as unknown as { __qlarityTest: Api }).__qlarityTest;
      const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number; url: string }[]> } } }).chrome;
      const tabs = await c.tabs.query({});
      const tab = tabs.find((t) => t.url?.startsWith(tabUrlPrefix));
      if (!tab) return { ok: false as const, stage: 'tab', code: 'no-tab', message: JSON.stringify(tabs.map((t) => t.url)) };
      let conn: Conn;
      try {
        // the settings under test as the tab host's own entry (connectionFor's answer for that host)
        conn = await api.connectToTab(tab.id, (host: string) => ({ host, connection: settings, ownEntry: true }));
      } catch (error) {
        const e = error as { code?: string; message?: string };
        return { ok: false as const, stage: 'connect', code: String(e.code), message: String(e.message) };
      }
      let me: number | undefined;
      try {
        me = settings.mode === 'session' || settings.mode === 'api-key' ? (await conn.fetch('/api/v1/users/me')).status : undefined;
        const session = await api.openEngineSession({ url: `${conn.app.origin}${conn.app.prefix}`, appId: conn.app.appId, createSocket: conn.createSocket });
        const layout = await session.doc.getAppLayout();
        await session.close();
        return { ok: true as const, platform: conn.platform, mode: conn.mode, title: layout.qTitle, identity: session.identity, ...(me ? { me } : {}) };
      } catch (error) {
        const problem = await conn.explainFailure(error);
        return { ok: false as const, stage: 'engine', code: problem.code, message: `${problem.message} ${problem.action}`, ...(me ? { me } : {}) };
      } finally {
        conn.close();
      }
    },
    { tabUrlPrefix, settings },
  );
}

test.describe('my Qlik session mode (in-tab bridge)', () => {
  test('opens the app as the signed-in user, on a fresh identity, through the tab', async ({ context, worker, sim, harness }) => {
    await signIn(context, sim);
    const { app } = await openApp(context, sim, `/sense/app/${encodeURIComponent(sim.apps[0].id)}/sheet/s1/state/analysis`);
    const result = await analyseInWorker(worker, harness, sim.tenantUrl, settingsFor('session'));
    expect(result).toMatchObject({ ok: true, platform: 'qlik-cloud', mode: 'session', title: app.name, me: 200 });
    if (!result.ok) return;
    expect(result.identity).toMatch(/^qlarity-/);
    const calls = sim.callsFor(`${app.id}/identity/${result.identity}`);
    expect(calls.length).toBeGreaterThan(0);
    expect(new Set(calls.map((c) => c.userId))).toEqual(new Set([sim.users.developer.id]));
    // the user's own (default) engine session was never used by the analysis
    expect(sim.callsFor(app.id)).toEqual([]);
  });

  test('other page scripts see none of the bridge traffic (it travels on a private port), and never a bearer credential', async ({ context, worker, sim, harness }) => {
    await signIn(context, sim);
    const { page } = await openApp(context, sim);
    const seen: string[] = [];
    await page.exposeFunction('__recordMessage', (data: string) => void seen.push(data));
    await page.evaluate(() => window.addEventListener('message', (e) => (window as unknown as { __recordMessage(d: string): void }).__recordMessage(String(e.data))));
    const result = await analyseInWorker(worker, harness, sim.tenantUrl, settingsFor('session'));
    expect(result.ok).toBe(true);
    // nothing of the bridge travels over window.postMessage any more (test/e2e/bridge-hostile-page.spec.ts tries harder)
    expect(seen.some((m) => m.includes('qlarity'))).toBe(false);
    expect(seen.some((m) => m.includes(sim.apps[0].id))).toBe(false);
    expect(seen.some((m) => /authorization|bearer/i.test(m))).toBe(false);
  });

  test('signed out while the app is open: says to sign in in the tab', async ({ context, worker, sim, harness }) => {
    await signIn(context, sim);
    await openApp(context, sim);
    await context.clearCookies(); // the Qlik session expired
    const result = await analyseInWorker(worker, harness, sim.tenantUrl, settingsFor('session'));
    expect(result).toMatchObject({ ok: false, code: 'not-logged-in' });
    if (!result.ok) expect(result.message).toMatch(/Sign in to demo\.eu\.qlikcloud\.com in this tab/);
  });

  for (const [code, expected] of [
    [4203, 'no-app-permission'],
    [4204, 'app-not-found'],
    [4205, 'rate-limited'],
    [4230, 'not-entitled'],
    [4240, 'no-engines'],
  ] as const) {
    test(`engine close code ${code} becomes "${expected}"`, async ({ context, worker, sim, harness }) => {
      await signIn(context, sim);
      await openApp(context, sim);
      sim.faults.set({ closeCode: code });
      const result = await analyseInWorker(worker, harness, sim.tenantUrl, settingsFor('session'));
      expect(result).toMatchObject({ ok: false, stage: 'engine', code: expected });
    });
  }

  test('a tab that is not an app is refused with a clear message', async ({ context, worker, sim, harness }) => {
    await signIn(context, sim);
    const page = await context.newPage();
    await page.goto(`${sim.tenantUrl}/hub`);
    const result = await analyseInWorker(worker, harness, sim.tenantUrl, settingsFor('session'));
    expect(result).toMatchObject({ ok: false, stage: 'connect', code: 'not-an-app' });
  });
});

test.describe('web integration mode (direct from the service worker)', () => {
  test('without the extension origin allow-listed: says exactly which origin to add', async ({ context, worker, sim, harness, extensionId }) => {
    await signIn(context, sim);
    await openApp(context, sim);
    const integration = sim.webIntegrations.add({ validOrigins: ['https://someone-else.example'] });
    const result = await analyseInWorker(worker, harness, sim.tenantUrl, settingsFor('web-integration', { webIntegrationId: integration.id }));
    expect(result).toMatchObject({ ok: false, code: 'origin-not-allowed' });
    if (!result.ok) expect(result.message).toContain(`chrome-extension://${extensionId}`);
  });

  test('with chrome-extension://<id> allow-listed: opens the app', async ({ context, worker, sim, harness, extensionId }) => {
    await signIn(context, sim);
    const { app } = await openApp(context, sim);
    const integration = sim.webIntegrations.add({ validOrigins: [`chrome-extension://${extensionId}`] });
    const result = await analyseInWorker(worker, harness, sim.tenantUrl, settingsFor('web-integration', { webIntegrationId: integration.id }));
    expect(result).toMatchObject({ ok: true, mode: 'web-integration', title: app.name });
  });
});

test.describe('API key mode', () => {
  test('REST with the key; the engine only if the header rule works, otherwise a clear message', async ({ context, worker, sim, harness }) => {
    await signIn(context, sim); // only so the tab shows the app: API-key calls send no cookies
    const { app } = await openApp(context, sim);
    const result = await analyseInWorker(worker, harness, sim.tenantUrl, settingsFor('api-key', { apiKey: sim.apiKey }));
    // The manifest decides: with declarativeNetRequestWithHostAccess the rule can set the header.
    if (result.ok) expect(result).toMatchObject({ mode: 'api-key', title: app.name, me: 200 });
    else expect(result).toMatchObject({ stage: 'engine', code: 'api-key-no-engine', me: 200 });
  });
});

test.describe('OAuth mode', () => {
  test('without a sign-in: says to sign in from the options page', async ({ context, worker, sim, harness }) => {
    await signIn(context, sim);
    await openApp(context, sim);
    const client = sim.oauthClients.add({ redirectUris: ['https://example.invalid/qlik'] });
    const result = await analyseInWorker(worker, harness, sim.tenantUrl, settingsFor('oauth', { oauthClientId: client.clientId }));
    expect(result).toMatchObject({ ok: false, stage: 'connect', code: 'not-logged-in' });
    if (!result.ok) expect(result.message).toMatch(/options page/);
  });
});
