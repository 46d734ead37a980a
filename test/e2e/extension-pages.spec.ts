// Each extension page loads in Chromium, passes axe (no serious or critical violation), and is
// screenshotted into the test's output folder (kept by CI under reports/).
import { DEV_EXTENSION_ID, expect, test } from './fixtures';
import { expectAccessible } from './axe';

test('the extension loads with its pinned id and a least-privilege manifest', async ({ extensionId, serviceWorker }) => {
  expect(extensionId).toBe(DEV_EXTENSION_ID);
  const manifest = await serviceWorker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): Record<string, unknown> } } }).chrome.runtime.getManifest());
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.host_permissions).toEqual(['https://*.qlikcloud.com/*', 'https://*.qlikcloudgov.com/*']);
  expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
  expect(manifest.permissions).toEqual(['storage', 'scripting', 'activeTab', 'identity', 'declarativeNetRequestWithHostAccess', 'sidePanel']);
});

test('popup: loads, is accessible, says "not a Qlik app tab" for a non-app page', async ({ openPopup, qlik, login }, testInfo) => {
  await login.logIn();
  await qlik.openHub(); // a Qlik Cloud page, but not an app
  const popup = await openPopup(qlik.page);
  expect(await popup.kind()).toBe('not-qlik');
  await expect(popup.tabStatus).toContainText('Not a Qlik app tab');
  await expect(popup.analyzeButton).toHaveCount(0);
  await expectAccessible(popup.page);
  await popup.page.screenshot({ path: testInfo.outputPath('popup-not-qlik.png') });
});

test('side panel: loads and is accessible', async ({ openSidePanel }, testInfo) => {
  const panel = await openSidePanel();
  await expect(panel.tabStatus).toBeVisible();
  await expectAccessible(panel.page);
  await panel.page.screenshot({ path: testInfo.outputPath('sidepanel.png') });
});

test('options: loads, is accessible, and keeps a saved connection mode', async ({ openOptions }, testInfo) => {
  const options = await openOptions();
  await expect(options.page.getByRole('radio', { name: /My Qlik session/ })).toBeChecked();
  await expectAccessible(options.page);
  await options.chooseMode(/Web integration/);
  await expect(options.page.getByTestId('settings-problem')).toContainText('web integration ID');
  await options.page.getByLabel('Web integration ID').fill('wi-123');
  await options.save();
  await options.page.reload();
  await expect(options.page.getByRole('radio', { name: /Web integration/ })).toBeChecked();
  await expect(options.page.getByLabel('Web integration ID')).toHaveValue('wi-123');
  await expectAccessible(options.page);
  await options.page.screenshot({ path: testInfo.outputPath('options.png') });
});
