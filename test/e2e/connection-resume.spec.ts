// A dropped engine socket mid-analysis, through the in-tab bridge: the background's engine session
// opens a second socket in the Qlik page (fresh CSRF token, same identity), re-attaches to its
// engine session, the analysis completes, and the report says what happened (rule G04's
// "Engine connection" finding). The simulator drops the page's WebSocket once (1006).
import { DEMO_APP_ID, expect, test } from './fixtures';

test.setTimeout(180_000);

test('the analysis survives a dropped engine socket and the report says it was resumed', async ({ login, qlik, openPopup, openSidePanel, sim }) => {
  await login.logIn();
  await qlik.openFirstSheet(DEMO_APP_ID);
  const popup = await openPopup(qlik.page);
  const analysisSession = () => sim.calls().filter((c) => /\/identity\/qlarity-/.test(c.session));
  // drop the analysis socket once, mid-collection (after 60 requests on it)
  sim.faults.set({ dropAfterMessages: 60, dropTimes: 1 });
  expect(await popup.analyze()).toBe('report');
  await expect(popup.summary).toContainText('Qlarity Demo');

  // the engine saw the resumed socket re-attach: the doc was still open (GetActiveDoc), no second OpenDoc
  const calls = analysisSession();
  expect(calls.filter((c) => c.method === 'GetActiveDoc').length).toBeGreaterThan(0);
  expect(calls.filter((c) => c.method === 'OpenDoc' && c.errorCode === undefined)).toHaveLength(1);
  expect(new Set(calls.map((c) => c.session)).size).toBe(1); // one identity throughout
  // still read-only: nothing but session objects was created or changed
  expect(calls.filter((c) => c.persistent === true && /^(Set|Apply|Create|Destroy)/.test(c.method))).toEqual([]);

  const panel = await openSidePanel(qlik.page);
  await expect(panel.report).toBeVisible();
  await panel.showReportTab('Findings');
  await panel.listEachFinding(); // a context note sits among the suggestions, folded by default
  // the findings list is windowed: search for it
  await panel.page.getByRole('searchbox', { name: 'Search' }).fill('Engine connection');
  const note = panel.reportFindings.filter({ hasText: 'Engine connection' });
  await expect(note).toHaveCount(1);
  await expect(note).toContainText(/dropped after \d+ messages/);
  await expect(note).toContainText(/resumed after 1 attempt, in the same engine session/);
});
