// OAuth mode end to end in Chromium against the simulated tenant, through the real extension UI:
// the options page's "Sign in" runs identity.launchWebAuthFlow (a real browser window on the
// tenant's /oauth/authorize; the test logs in there like a user), Chromium captures the redirect to
// https://<extension id>.chromiumapp.org/qlik, the code is exchanged with PKCE, the tokens land in
// storage.local; then the popup's Analyze runs in OAuth mode: REST with the bearer token, the
// engine with the token-exchanged `?accessToken=`. The Qlik tab's cookies are cleared first, so
// nothing can succeed on the user's cookie session.
// launchWebAuthFlow works in headless Chromium 156 under Playwright: its window is an ordinary
// page of the browser context, and the chromiumapp.org redirect is intercepted by the browser
// before any request is made (no host mapping needed).
import type { BrowserContext, Page } from '@playwright/test';
import { configureTenant, expectNotInPage, extensionStorage, openPopupWithoutCookies } from './direct-modes';
import { DEMO_APP_ID, expect, test } from './fixtures';
import type { OptionsPage } from './pages/options-page';
import type { Simulator, SimUser } from '../sim/index';

test.setTimeout(180_000);

const redirectUrlOf = (extensionId: string) => `https://${extensionId}.chromiumapp.org/qlik`;
const tokenKey = (sim: Simulator, clientId: string) => `qlarity:oauth:${sim.tenantUrl}|${clientId}`;

async function chooseOAuth(options: OptionsPage, sim: Simulator, clientId: string) {
  return configureTenant(options, sim.tenantHost, /OAuth/, (tenant) => tenant.getByLabel('OAuth client ID').fill(clientId));
}

/** Clicks "Sign in" and returns the sign-in window launchWebAuthFlow opened. */
async function startSignIn(context: BrowserContext, tenant: ReturnType<OptionsPage['tenant']>): Promise<Page> {
  const [window] = await Promise.all([context.waitForEvent('page'), tenant.getByRole('button', { name: 'Sign in' }).click()]);
  return window;
}

/** In the sign-in window: the tenant asks who we are (its login form), then sends the code back. */
async function logInThere(window: Page, user: SimUser) {
  await window.waitForURL(/\/login\?returnto=%2Foauth%2Fauthorize/);
  await window.locator('#username').fill(user.email);
  await window.locator('#password').fill(user.password);
  await Promise.all([window.waitForEvent('close'), window.locator('#login-submit').click()]);
}

async function signInWithOAuth(context: BrowserContext, options: OptionsPage, sim: Simulator, clientId: string, user: SimUser = sim.users.developer) {
  const tenant = await chooseOAuth(options, sim, clientId);
  await expect(tenant.getByText(`Not signed in to ${sim.tenantHost}.`)).toBeVisible();
  await logInThere(await startSignIn(context, tenant), user);
  await expect(tenant.getByText(`Signed in to ${sim.tenantHost}.`)).toBeVisible();
  return tenant;
}

test('options page: shows the exact redirect URL to register, with a copy button', async ({ openOptions, extensionId, sim }) => {
  const options = await openOptions();
  const tenant = await options.addTenant(sim.tenantHost);
  await tenant.getByRole('radio', { name: /OAuth/ }).check();
  await expect(tenant.getByTestId('copy-value')).toHaveText(redirectUrlOf(extensionId));
  await tenant.getByRole('button', { name: 'Copy redirect url to register' }).click();
  await expect(tenant.getByText('Copied.')).toBeVisible();
  // what landed on the clipboard, pasted like a user would (reading it from script needs a permission)
  const field = options.page.getByLabel('Tenant host');
  await field.focus();
  await options.page.keyboard.press('Control+V');
  await expect(field).toHaveValue(redirectUrlOf(extensionId));
});

test('sign in through launchWebAuthFlow, then Analyze runs on OAuth tokens only', async ({ context, openOptions, openPopup, serviceWorker, extensionId, sim, qlik }) => {
  const client = sim.oauthClients.add({ redirectUris: [redirectUrlOf(extensionId)] });
  const options = await openOptions();
  await signInWithOAuth(context, options, sim, client.clientId);
  expect(sim.authLog().filter((r) => r.kind === 'token').map((r) => [r.grant, r.status])).toEqual([['authorization_code', 200]]);

  // tokens: in storage.local only, never in storage.sync
  const stored = await extensionStorage(serviceWorker);
  const tokens = stored.local[tokenKey(sim, client.clientId)] as { accessToken: string; refreshToken: string };
  expect(tokens).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), clientId: client.clientId });
  expect(JSON.stringify(stored.sync)).not.toContain(tokens.accessToken);
  expect(JSON.stringify(stored.sync)).not.toContain(tokens.refreshToken);

  // The sign-in window shares the profile, so the tenant's login there also signed the Qlik tab in.
  // The tab shows the app, then the user's cookie session is gone: only OAuth can work now.
  const { popup, messages, started } = await openPopupWithoutCookies({ context, qlik, openPopup });
  expect(await popup.analyze()).toBe('report');
  await expect(popup.summary).toContainText('Qlarity Demo');

  const during = sim.authLog().filter((r) => r.at >= started);
  const rest = during.filter((r) => r.kind === 'rest');
  const sockets = during.filter((r) => r.kind === 'websocket');
  expect(rest.length).toBeGreaterThan(0);
  expect(rest.every((r) => r.via === 'oauth' && r.bearer && r.tokenPurpose === 'api')).toBe(true);
  expect(rest.some((r) => r.path === `/api/v1/apps/${DEMO_APP_ID}`)).toBe(true);
  expect(sockets.length).toBeGreaterThan(0);
  expect(sockets.every((r) => r.via === 'oauth' && !r.bearer && r.tokenPurpose === 'websocket')).toBe(true);
  expect(during.filter((r) => r.kind === 'token').map((r) => r.grant)).toContain('urn:ietf:params:oauth:grant-type:token-exchange');
  // the engine session ran as the user who signed in, on Qlarity's own identity
  const engineCalls = sim.calls().filter((c) => c.at >= started);
  expect(new Set(engineCalls.map((c) => c.userId))).toEqual(new Set([sim.users.developer.id]));
  expect(engineCalls.every((c) => c.session.startsWith(`${DEMO_APP_ID}/identity/qlarity-`))).toBe(true);

  // nothing of the sign-in ever reached the Qlik page
  await expectNotInPage(qlik.page, messages, tokens.accessToken);
  await expectNotInPage(qlik.page, messages, tokens.refreshToken);
});

test('an expired access token is refreshed with the refresh token and the analysis succeeds', async ({ context, openOptions, openPopup, serviceWorker, extensionId, sim, qlik }) => {
  // the tenant issues access tokens that live 2 s: expired by the time the analysis starts
  const client = sim.oauthClients.add({ redirectUris: [redirectUrlOf(extensionId)], accessTokenSeconds: 2 });
  await signInWithOAuth(context, await openOptions(), sim, client.clientId);
  type Stored = { accessToken: string; refreshToken: string; expiresAt: number };
  const before = (await extensionStorage(serviceWorker)).local[tokenKey(sim, client.clientId)] as Stored;
  await qlik.openFirstSheet(DEMO_APP_ID);
  await context.clearCookies();
  await expect.poll(() => Date.now() > before.expiresAt + 500).toBe(true); // the tenant no longer accepts it

  const started = Date.now();
  const popup = await openPopup(qlik.page);
  expect(await popup.analyze()).toBe('report');
  await expect(popup.summary).toContainText('Qlarity Demo');
  const during = sim.authLog().filter((r) => r.at >= started);
  expect(during.filter((r) => r.kind === 'token' && r.grant === 'refresh_token').map((r) => r.status)).toContain(200);
  // every call went with a valid token: the expired one was refreshed before use, never sent
  expect(during.filter((r) => r.kind !== 'token').every((r) => r.via === 'oauth')).toBe(true);
  expect(during.filter((r) => r.kind === 'token').every((r) => r.status === 200)).toBe(true);
  const after = (await extensionStorage(serviceWorker)).local[tokenKey(sim, client.clientId)] as Stored;
  expect(after.accessToken).not.toBe(before.accessToken);
  expect(after.refreshToken).not.toBe(before.refreshToken); // refresh tokens rotate
});

test('a rejected refresh token: the analysis says to sign in again, and the stale tokens are dropped', async ({ context, openOptions, openPopup, serviceWorker, extensionId, sim, qlik }) => {
  const client = sim.oauthClients.add({ redirectUris: [redirectUrlOf(extensionId)], accessTokenSeconds: 2 });
  const options = await openOptions();
  await signInWithOAuth(context, options, sim, client.clientId);
  sim.oauthClients.revokeRefreshTokens(client.clientId);
  await qlik.openFirstSheet(DEMO_APP_ID);
  await context.clearCookies();
  await new Promise((resolve) => setTimeout(resolve, 2_100)); // let the 2 s access token expire

  const popup = await openPopup(qlik.page);
  expect(await popup.analyze()).toBe('error');
  await expect(popup.runError).toContainText('The OAuth sign-in expired or was revoked');
  await expect(popup.runError).toContainText('Sign in again from Qlarity\'s options page');
  expect(sim.authLog().filter((r) => r.kind === 'token' && r.grant === 'refresh_token').map((r) => r.status)).toEqual([401]);
  expect((await extensionStorage(serviceWorker)).local[tokenKey(sim, client.clientId)]).toBeUndefined();
  await options.page.reload();
  await expect(options.tenant(sim.tenantHost).getByText(`Not signed in to ${sim.tenantHost}.`)).toBeVisible();
});

/**
 * Clicks "Sign in" for a request the tenant refuses (400 on /oauth/authorize). Seen in Chromium 156:
 * launchWebAuthFlow rejects without ever showing its window when the first page answers with an
 * error, so the options page's alert is all the user sees.
 */
async function refusedSignIn(context: BrowserContext, tenant: ReturnType<OptionsPage['tenant']>) {
  const opened: Page[] = [];
  context.on('page', (page) => opened.push(page));
  await tenant.getByRole('button', { name: 'Sign in' }).click();
  const alert = tenant.locator('.alert');
  await expect(alert).toBeVisible();
  expect(opened.filter((page) => !page.isClosed())).toEqual([]);
  return alert;
}

test('a redirect URL the client does not list: the sign-in says which URL to register', async ({ context, openOptions, extensionId, sim }) => {
  const client = sim.oauthClients.add({ redirectUris: ['https://example.invalid/qlik'] });
  const options = await openOptions();
  const tenant = await chooseOAuth(options, sim, client.clientId);
  const alert = await refusedSignIn(context, tenant);
  await expect(alert).toContainText('does not allow Qlarity\'s redirect URL');
  await expect(alert).toContainText(`register exactly ${redirectUrlOf(extensionId)}`);
  await expect(tenant.getByText(`Not signed in to ${sim.tenantHost}.`)).toBeVisible();
  expect(sim.authLog().filter((r) => r.kind === 'token')).toEqual([]);
});

test('an OAuth client the tenant does not know: the sign-in says so', async ({ context, openOptions, sim }) => {
  const options = await openOptions();
  const tenant = await chooseOAuth(options, sim, 'no-such-client');
  const alert = await refusedSignIn(context, tenant);
  await expect(alert).toContainText('the tenant does not know OAuth client no-such-client');
  await expect(alert).toContainText('check the client ID under Administration > OAuth');
});

test('403: a signed-in OAuth user without access to the app gets a clear message, nothing changed', async ({ context, openOptions, openPopup, extensionId, sim, qlik }) => {
  const client = sim.oauthClients.add({ redirectUris: [redirectUrlOf(extensionId)] });
  await signInWithOAuth(context, await openOptions(), sim, client.clientId);
  await qlik.openFirstSheet(DEMO_APP_ID);
  sim.appAccess.revoke(sim.users.developer, DEMO_APP_ID); // the app moved to a space the user is not in
  const popup = await openPopup(qlik.page);
  expect(await popup.analyze()).toBe('error');
  await expect(popup.runError).toContainText(/no permission to open|do not have access to/);
  await expect(popup.runError).toContainText('Can view');
  expect(sim.calls()).toEqual([]); // the engine never opened the app
});
