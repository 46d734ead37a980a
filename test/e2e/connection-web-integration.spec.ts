// "Web integration" mode end to end in Chromium, through the extension's own UI: the options page
// shows the exact origin to allow-list, the tenant refuses the extension's origin until an admin
// adds it (the simulator answers like the tenant's CORS / web-integration check,
// test/sim/server/auth.ts decideOrigin), the popup turns that refusal into the instruction with
// the origin, and once it is allow-listed the analysis runs from the background with the session
// cookies, `qlik-web-integration-id` and the CSRF token. LOGIN-10 / LOGIN-8 only come from
// `/login?returnto=<foreign address>`, which no Qlarity flow sends (asserted at the end of each
// test); their messages are covered by test/lib/qlik/errors.test.ts.
import { DEMO_APP_ID, expect, test } from './fixtures';
import type { OptionsPage } from './pages/options-page';
import { expectNoExtensionReturnTo } from './sim-requests';

async function useWebIntegration(options: OptionsPage, integrationId: string, extensionId: string): Promise<void> {
  await options.chooseMode(/Web integration/);
  await expect(options.page.getByTestId('copy-value')).toHaveText(`chrome-extension://${extensionId}`);
  await options.page.getByLabel('Web integration ID').fill(integrationId);
  await options.save();
}

test('web integration: an origin the tenant does not allow gets the exact origin to add; once added, the analysis runs', async ({ sim, login, qlik, openOptions, openPopup, extensionId }) => {
  await login.logIn();
  await qlik.openFirstSheet(DEMO_APP_ID);
  const integration = sim.webIntegrations.add({ name: 'Mashups', validOrigins: ['https://mashup.example.com'] });
  await useWebIntegration(await openOptions(), integration.id, extensionId);

  const popup = await openPopup(qlik.page);
  expect(await popup.analyze()).toBe('error');
  await expect(popup.runError).toContainText(`Ask a tenant admin to add chrome-extension://${extensionId} to the allowed origins of web integration ${integration.id}`);
  await expect(popup.runError).toContainText('"My Qlik session" mode');
  // the refused calls did come from the extension, with the integration id
  expect(sim.requests().some((r) => r.origin === `chrome-extension://${extensionId}`)).toBe(true);

  // the tenant admin adds the origin to the same web integration
  sim.webIntegrations.add({ id: integration.id, name: 'Mashups', validOrigins: ['https://mashup.example.com', `chrome-extension://${extensionId}`] });
  // run again from the same popup: the previous error stays until this run's outcome replaces it
  await popup.analyzeButton.click();
  await expect(popup.summary).toBeVisible({ timeout: 60_000 });
  await expect(popup.runError).toBeHidden();
  const socket = sim.requests().find((r) => r.upgrade && r.origin === `chrome-extension://${extensionId}` && r.url.includes(`/app/${DEMO_APP_ID}/identity/qlarity-`));
  expect(socket).toBeDefined();
  const params = new URL((socket?.url ?? 'wss://x/').replace(/^wss/, 'https')).searchParams;
  expect(params.get('qlik-web-integration-id')).toBe(integration.id);
  expect(params.get('qlik-csrf-token')).toBeTruthy();
  expectNoExtensionReturnTo(sim);
});

test('web integration: an ID the tenant does not know gets the same instruction', async ({ sim, login, qlik, openOptions, openPopup, extensionId }) => {
  await login.logIn();
  await qlik.openFirstSheet(DEMO_APP_ID);
  await useWebIntegration(await openOptions(), 'no-such-integration', extensionId);
  const popup = await openPopup(qlik.page);
  expect(await popup.analyze()).toBe('error');
  await expect(popup.runError).toContainText(`Ask a tenant admin to add chrome-extension://${extensionId} to the allowed origins of web integration no-such-integration`);
  expectNoExtensionReturnTo(sim);
});
