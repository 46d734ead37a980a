// Progressive results (issue #20): with a slow timing pass, the popup shows the findings while
// calculation times are still being measured; Skip timings ends the pass with what was measured
// and the app's next analysis runs without it until the user turns it back on.
import type { StoredAnalysis } from '../../lib/protocol/stored-analysis';
import { DEMO_APP_ID, expect, test } from './fixtures';

test.setTimeout(180_000);

test('findings show in the popup while the timing pass still runs; Skip timings is remembered for the app', async ({ login, qlik, openPopup, sim }, testInfo) => {
  sim.faults.set({ objectLayoutLatencyMs: 400 }); // a quick inventory, a slow timing pass
  await login.logIn();
  await qlik.openFirstSheet(DEMO_APP_ID);
  const popup = await openPopup(qlik.page);
  await popup.analyzeButton.click();

  // the inventory's findings are in while the pass runs: summary, counts and progress together
  await expect(popup.progress).toContainText('Measuring calculation times', { timeout: 60_000 });
  await expect(popup.summary).toContainText('Qlarity Demo', { timeout: 30_000 });
  await expect(popup.page.getByTestId('severity-counts')).toContainText(/Errors: [1-9]/);
  await expect(popup.timingNote).toContainText(/measured so far/);
  await expect(popup.progress).toBeVisible();
  await popup.page.screenshot({ path: testInfo.outputPath('popup-measuring.png') });

  await popup.skipTimingsButton.click();
  await expect(popup.progress).toBeHidden({ timeout: 30_000 });
  await expect(popup.timingNote).toContainText(/the timing pass was stopped\. Not measured: /);
  await expect(popup.page.getByTestId('notice')).toContainText('Timing pass skipped');
  expect(sim.persistentChanges()).toEqual([]);

  // the next analysis of this app skips the pass, says so, and offers to measure again
  expect(await popup.analyze()).toBe('report');
  await expect(popup.timingNote).toContainText('the timing pass is skipped for this app');
  await popup.page.getByTestId('measure-timings-again').click();
  await expect(popup.page.getByTestId('notice')).toContainText('The timing pass is on again');
  sim.faults.set({});
  expect(await popup.analyze()).toBe('report');
  await expect(popup.timingNote).toHaveCount(0);
});

test('the side panel shows the report while the timing pass runs; Cancel keeps what was measured and names what was not', async ({ login, qlik, openPopup, openSidePanel, sim }) => {
  sim.faults.set({ objectLayoutLatencyMs: 400 });
  await login.logIn();
  await qlik.openFirstSheet(DEMO_APP_ID);
  const popup = await openPopup(qlik.page);
  await popup.analyzeButton.click();
  await expect(popup.progress).toContainText('Measuring calculation times', { timeout: 60_000 });

  const panel = await openSidePanel(qlik.page);
  await expect(panel.report).toBeVisible({ timeout: 30_000 });
  await expect(panel.page.getByTestId('timing-note')).toContainText(/measured so far/);
  await expect(panel.page.getByTestId('progress')).toContainText('Measuring calculation times');

  await popup.cancelButton.click();
  await expect(popup.progress).toBeHidden({ timeout: 30_000 });
  await expect(popup.timingNote).toContainText(/the timing pass was stopped\. Not measured: /);
  await expect(popup.summary).toContainText('Qlarity Demo');
  await expect(panel.page.getByTestId('timing-note')).toContainText(/the timing pass was stopped/);
  await expect(panel.report).toBeVisible();
  // the stored analysis: the objects not measured say why
  const appKey = `https://${new URL(qlik.page.url()).host}|${DEMO_APP_ID}`;
  const { snapshot } = await popup.request<StoredAnalysis>({ type: 'get-last-analysis', appKey });
  expect(snapshot.timings?.objects.some((t) => t.error === 'Not timed: the timing pass was cancelled from this sheet on.')).toBe(true);
  // one analysis, one history entry, though its report was stored several times
  await panel.page.getByText(/^History \(1\)$/).click();
  await expect(panel.page.getByTestId('history-entry')).toHaveCount(1);
  expect(sim.persistentChanges()).toEqual([]);
});
