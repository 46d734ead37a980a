// The whole path through the real extension UI on the simulated tenant: Analyze in the popup
// (connect → collect → analyse), the result in the popup and the side panel, "Show in app", and
// Cancel. What the findings say is the rules' business (their own tests); here: that they arrive.
import { DEMO_APP_ID, expect, test } from './fixtures';
import { expectAccessible } from './axe';

test.setTimeout(180_000);

test('Analyze runs on the demo app and the side panel lists the findings', async ({ login, qlik, openPopup, openSidePanel, sim }, testInfo) => {
  await login.logIn();
  await qlik.openFirstSheet(DEMO_APP_ID);
  const popup = await openPopup(qlik.page);
  expect(await popup.analyze()).toBe('report');
  await expect(popup.summary).toContainText('Qlarity Demo');
  await expect(popup.page.getByTestId('severity-counts')).toContainText(/Errors: [1-9]/);
  await expect(popup.analyzeButton).toHaveText('Analyze again');
  expect(sim.persistentChanges()).toEqual([]); // the simulator's call record: the analysis changed nothing
  await expectAccessible(popup.page);
  await popup.page.screenshot({ path: testInfo.outputPath('popup-result.png') });

  const panel = await openSidePanel(qlik.page);
  await expect(panel.report).toBeVisible();
  await expect(panel.page.getByTestId('overview-view')).toContainText(/quality score/i);
  await expectAccessible(panel.page);
  await panel.page.screenshot({ path: testInfo.outputPath('sidepanel-overview.png') });
  await panel.showReportTab('Findings');
  await panel.listEachFinding();
  expect(await panel.reportFindings.count()).toBeGreaterThan(10);
  await panel.page.getByRole('group', { name: 'Severity' }).getByRole('button', { name: /^Error/ }).click();
  await expect(panel.reportFindings.first()).toHaveAttribute('data-severity', 'error');
  expect(await panel.page.locator('[data-testid="finding-row"]:not([data-severity="error"])').count()).toBe(0);
  await expectAccessible(panel.page);
  await panel.page.screenshot({ path: testInfo.outputPath('sidepanel-findings.png') });

  // "Show sheet in app" on the Sheets tab: the Qlik tab shows that sheet.
  await panel.showReportTab('Sheets');
  await panel.page.locator('details.qr-sheet > summary').first().click();
  const showable = panel.page.getByRole('button', { name: /^Show sheet in app/ }).first();
  await showable.click();
  await expect(panel.page.getByTestId('notice')).toHaveText(/Opened the sheet in the Qlik tab\./);
});

test('Cancel stops a running analysis', async ({ login, qlik, openPopup, sim }) => {
  sim.faults.set({ latencyMs: 200 }); // slow engine: plenty of time to cancel
  await login.logIn();
  await qlik.openFirstSheet(DEMO_APP_ID);
  const popup = await openPopup(qlik.page);
  await popup.analyzeButton.click();
  await expect(popup.progress).toBeVisible();
  await popup.cancelButton.click();
  await expect(popup.page.getByTestId('run-outcome')).toHaveText('Analysis cancelled');
  await expect(popup.summary).toHaveCount(0);
});
