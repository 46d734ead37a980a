// History, comparison and exports on the simulated tenant: two analyses of the demo app, then the
// popup says what changed, the side panel's History lists both with trends, compares them, and the
// analysis on screen exports as a self-contained HTML file and as JSON that imports back (refused
// as a duplicate, with the history unchanged).
import { readFile } from 'node:fs/promises';
import { DEMO_APP_ID, expect, test } from './fixtures';
import { expectAccessible } from './axe';

test.setTimeout(240_000);

test('two analyses: the popup says what changed, the History compares them, the report exports', async ({ login, qlik, openPopup, openSidePanel }, testInfo) => {
  await login.logIn();
  await qlik.openFirstSheet(DEMO_APP_ID);
  const popup = await openPopup(qlik.page);
  expect(await popup.analyze()).toBe('report');
  await popup.page.close();

  const panel = await openSidePanel(qlik.page);
  await expect(panel.report).toBeVisible();
  await panel.page.getByRole('button', { name: 'Analyze again' }).click();
  await expect(panel.page.getByTestId('progress')).toBeVisible();
  await expect(panel.page.getByTestId('progress')).toBeHidden({ timeout: 120_000 });

  // The popup: what changed since the first analysis (the date in the browser's language).
  const summary = await openPopup(qlik.page);
  await expect(summary.page.getByTestId('change-since')).toHaveText(/(new|fixed|No new or fixed findings) .*since (\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2} \d{1,2})/);
  await summary.page.close();

  // History: both analyses with their connection mode and trends; the latest two compared.
  await panel.page.getByText(/^History \(2\)$/).click();
  await expect(panel.page.getByTestId('history-entry')).toHaveCount(2);
  await expect(panel.page.getByTestId('history-entry').first()).toContainText('My Qlik session');
  await expect(panel.page.getByTestId('trend-chart')).toHaveCount(3);
  await panel.page.getByRole('button', { name: 'Compare the two ticked' }).click();
  await expect(panel.page.getByTestId('compare-line')).toHaveText(/since /);
  await expectAccessible(panel.page);
  await panel.page.screenshot({ path: testInfo.outputPath('sidepanel-history-compare.png'), fullPage: true });

  // Export: a self-contained HTML file, and JSON that the History refuses to import twice.
  const exportAs = async (label: string) => {
    await panel.page.getByText('Export', { exact: true }).click();
    const download = panel.page.waitForEvent('download');
    await panel.page.getByTestId('export-menu').getByRole('button', { name: label, exact: true }).click();
    const file = await download;
    return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
  };
  const html = await exportAs('HTML report');
  expect(html.name).toMatch(/^qlarity-.+\.html$/);
  expect(html.text).toContain('Qlarity report');
  expect(html.text).not.toMatch(/<script/i);
  const json = await exportAs('JSON');
  expect(JSON.parse(json.text)).toMatchObject({ format: 'qlarity-analysis', schemaVersion: 1, app: { id: DEMO_APP_ID } });
  await panel.page.getByTestId('import-file').setInputFiles({ name: json.name, mimeType: 'application/json', buffer: Buffer.from(json.text) });
  await expect(panel.page.getByTestId('history-message')).toHaveText(/already in the history/);
  await expect(panel.page.getByTestId('history-entry')).toHaveCount(2);
});
