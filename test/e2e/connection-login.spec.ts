// Not signed in, end to end in Chromium (default "My Qlik session" mode): the Qlik session expires
// while the app is open, the popup's Analyze says so and offers "Log in", which opens the tenant's
// own login page in a tab; the user signs in there and Qlarity carries on by itself once
// `/api/v1/users/me` answers 200 (lib/extension/login.ts). No request ever names an extension
// page as `returnto` (that is what LOGIN-8 / LOGIN-10 refuse).
import { DEMO_APP_ID, expect, test } from './fixtures';
import { expectNoExtensionReturnTo, returnTos } from './sim-requests';

test('not signed in: Log in opens the tenant login; once signed in there, the analysis runs again by itself', async ({ context, sim, login, qlik, openPopup }) => {
  await login.logIn();
  await qlik.openFirstSheet(DEMO_APP_ID);
  await context.clearCookies(); // the Qlik session expired while the app was open

  const popup = await openPopup(qlik.page);
  expect(await popup.analyze()).toBe('error');
  await expect(popup.runError).toContainText('you are not signed in');
  const logIn = popup.page.getByTestId('login').getByRole('button', { name: 'Log in' });
  const [loginTab] = await Promise.all([context.waitForEvent('page'), logIn.click()]);
  await loginTab.waitForURL(/\/login\?returnto=/);
  const opened = new URL(loginTab.url());
  expect(opened.origin).toBe(sim.tenantUrl);
  expect(opened.searchParams.get('returnto')).toBe(qlik.appUrl(DEMO_APP_ID));
  await expect(popup.page.getByTestId('notice')).toContainText('runs the analysis again by itself');

  // Nothing happens until the user has signed in: the extension only asks whether they have.
  const before = sim.requests().length;
  await expect.poll(() => sim.requests().slice(before).filter((r) => r.url.endsWith('/api/v1/users/me')).length).toBeGreaterThan(0);
  await expect(popup.summary).toBeHidden();

  // The user signs in on the tenant's own page.
  await loginTab.locator('#username').fill(sim.users.developer.email);
  await loginTab.locator('#password').fill(sim.users.developer.password);
  await loginTab.locator('#login-submit').click();

  // Qlarity carries on by itself: the run starts again and its report shows; the login tab is closed.
  await expect(popup.summary).toBeVisible({ timeout: 60_000 });
  await expect(popup.runError).toBeHidden();
  await expect.poll(() => loginTab.isClosed()).toBe(true);
  expect(returnTos(sim)).toContain(qlik.appUrl(DEMO_APP_ID));
  expectNoExtensionReturnTo(sim);
});
