// The options page in Chromium with the built extension: connection per tenant, generated rule
// options (for all apps and per app), retention, validation (nothing saved while invalid),
// export/import, accessibility, widths.
import { readFile } from 'node:fs/promises';
import type { AnalysisReport } from '../../lib/report/report-schema';
import type { Settings } from '../../lib/protocol/settings';
import { expectAccessible } from './axe';
import { DEMO_APP_ID, expect, test } from './fixtures';

test('options: per-tenant connection shows what the admin must allow-list, and is kept after a reload', async ({ openOptions, extensionId }) => {
  const options = await openOptions();
  const { page } = options;
  await expect(page.getByTestId('runs-as-user')).toContainText('always runs as you');
  await expectAccessible(page);

  const tenant = await options.addTenant('acme.eu.qlikcloud.com', 'https://acme.eu.qlikcloud.com/sense/app/abc');
  await tenant.getByRole('radio', { name: /Web integration/ }).check();
  await expect(tenant.getByTestId('copy-value')).toHaveText(`chrome-extension://${extensionId}`);
  await expect(tenant.getByTestId('origin-note')).toContainText('same for every Chrome user');

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(options.saveBlocked).toContainText('Not saved');
  await expect(tenant.getByLabel('Web integration ID')).toHaveAttribute('aria-invalid', 'true');
  await tenant.getByLabel('Web integration ID').fill('wi-42');

  const other = await options.addTenant('other.us.qlikcloud.com');
  await other.getByRole('radio', { name: /OAuth/ }).check();
  await other.getByLabel('OAuth client ID').fill('client-7');
  // OAuth sign-in needs the "identity" permission; without it the page says so instead of offering a broken button.
  const manifest = JSON.parse(await readFile('.output/chrome-mv3/manifest.json', 'utf8')) as { permissions?: string[] };
  if (manifest.permissions?.includes('identity')) {
    await expect(other.getByTestId('copy-value')).toHaveText(/^https:\/\/.+\.chromiumapp\.org\/qlik$/);
    await expect(other.getByRole('button', { name: 'Sign in' })).toBeVisible();
  } else {
    await expect(other.getByText('does not offer the identity API')).toBeVisible();
    await expect(other.getByRole('button', { name: 'Sign in' })).toHaveCount(0);
  }
  await options.save();

  await page.reload();
  await expect(options.tenant('acme.eu.qlikcloud.com').getByRole('radio', { name: /Web integration/ })).toBeChecked();
  await expect(options.tenant('acme.eu.qlikcloud.com').getByLabel('Web integration ID')).toHaveValue('wi-42');
  await expect(options.tenant('other.us.qlikcloud.com').getByLabel('OAuth client ID')).toHaveValue('client-7');
  await expect(page.getByRole('radiogroup', { name: 'Connection mode', exact: true }).getByRole('radio', { name: /My Qlik session/ })).toBeChecked();
  await expectAccessible(page);
});

test('options: rule options are generated, validated before saving and reset to default', async ({ openOptions }) => {
  const options = await openOptions();
  const { page } = options;
  await options.openCategory('Performance');
  const first = options.ruleOption('P01', 'first calculation threshold (ms)');
  await expect(first).toHaveValue('1000');
  await first.fill('-1');
  await options.ruleSeverity('P01').selectOption('error');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(options.saveBlocked).toBeVisible();
  await expect(first).toHaveAttribute('aria-invalid', 'true');
  await expect(options.saveStatus).toHaveCount(0);
  await expectAccessible(page);

  await first.fill('2500');
  await expect(options.saveBlocked).toHaveCount(0);
  await options.save();
  await page.reload();
  await options.openCategory('Performance');
  await expect(options.ruleOption('P01', 'first calculation threshold (ms)')).toHaveValue('2500');
  await expect(options.ruleSeverity('P01')).toHaveValue('error');

  await page.getByRole('button', { name: 'Reset P01 slow-object to default' }).click();
  await expect(options.ruleOption('P01', 'first calculation threshold (ms)')).toHaveValue('1000');
  await expect(options.ruleSeverity('P01')).toHaveValue('');
  await options.save();
});

test('options: retention is validated; export downloads the settings and import refuses a bad file', async ({ openOptions }) => {
  const options = await openOptions();
  const { page } = options;
  await page.getByLabel('Apps whose analyses are kept').fill('0');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Keep at least 1 app.')).toBeVisible();
  await page.getByLabel('Apps whose analyses are kept').fill('7');
  await options.save();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export settings' }).click()]);
  expect(download.suggestedFilename()).toBe('qlarity-settings.json');
  const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as { retention: { maxApps: number } };
  expect(exported.retention.maxApps).toBe(7);

  await options.importFile('broken.json', '{"connection": {"mode": "teleport"}}');
  await expect(options.importResult).toContainText('nothing was changed');
  await expect(page.getByLabel('Apps whose analyses are kept')).toHaveValue('7');

  await options.importFile('good.json', JSON.stringify({ ...exported, retention: { maxApps: 3, maxAgeDays: 14 } }));
  await expect(options.importResult).toHaveText('Imported and saved.');
  await page.reload();
  await expect(page.getByLabel('Apps whose analyses are kept')).toHaveValue('3');
  await expect(page.getByLabel('Remove analyses older than (days)')).toHaveValue('14');
});

test('options: fits 320 to 800 px wide and stays accessible in dark mode', async ({ openOptions }, testInfo) => {
  const options = await openOptions();
  const { page } = options;
  await options.chooseMode(/Web integration/);
  await options.openCategory('Resources');
  for (const width of [320, 800]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await options.overflowsHorizontally(), `${width} px`).toBe(false);
    await page.screenshot({ path: testInfo.outputPath(`options-${width}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('options-dark.png') });
});

test('options: rules for one app, picked from the analysed apps, change that app\'s next analysis and are exported', async ({ login, qlik, openPopup, openOptions }) => {
  test.setTimeout(240_000);
  await login.logIn();
  await qlik.openFirstSheet(DEMO_APP_ID);
  let popup = await openPopup(qlik.page);
  expect(await popup.analyze()).toBe('report');
  const appKey = `https://${new URL(qlik.page.url()).host}|${DEMO_APP_ID}`;
  const before = await popup.request<AnalysisReport>({ type: 'get-last-result', appKey });
  const unusedBefore = before.findings.filter((f) => f.ruleCode === 'R01').length;
  expect(unusedBefore).toBeGreaterThan(0);
  await expect(popup.unusedMemory).toHaveCount(1); // in the collapsed App facts
  await popup.page.close();

  const options = await openOptions();
  const { page } = options;
  const section = await options.addAnalysedApp(`${before.app.name} (${DEMO_APP_ID})`, before.app.name);
  await section.locator('summary', { hasText: 'Resources' }).click();
  await section.getByLabel(`Severity of R01 for app ${DEMO_APP_ID}`, { exact: true }).selectOption('off');
  await section.locator('summary', { hasText: 'Performance' }).click();
  const threshold = section.getByTestId('app0-rule-P01').getByLabel('first calculation threshold (ms)');
  await expect(threshold).toHaveValue('1000');
  await threshold.fill('-5');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(options.saveBlocked).toBeVisible();
  await expect(threshold).toHaveAttribute('aria-invalid', 'true');
  await section.getByRole('button', { name: `Reset P01 slow-object for app ${DEMO_APP_ID} to default` }).click();
  await options.save();
  await expectAccessible(page);
  // The rules for all apps are untouched.
  await options.openCategory('Resources');
  await expect(options.ruleSeverity('R01')).toHaveValue('');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export settings' }).click()]);
  const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as Settings;
  expect(exported.analysis?.apps?.[DEMO_APP_ID]).toEqual({ rules: { R01: { severity: 'off' } }, categories: {} });
  await page.reload();
  await expect(options.appRules(before.app.name).getByLabel(`Severity of R01 for app ${DEMO_APP_ID}`, { exact: true })).toHaveValue('off');

  popup = await openPopup(qlik.page);
  expect(await popup.analyze()).toBe('report');
  await expect(popup.summary).toContainText(/Analysed (this minute|\d+ seconds? ago)/);
  const after = await popup.request<AnalysisReport>({ type: 'get-last-result', appKey });
  expect(after.finishedAt).toBeGreaterThan(before.finishedAt);
  expect(after.findings.filter((f) => f.ruleCode === 'R01')).toHaveLength(0);
  await expect(popup.unusedMemory).toHaveCount(0); // R01 did not run for this app
});
