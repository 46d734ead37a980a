// The popup on the demo app: after logging in on the simulated tenant, it detects the app in the
// tab, and Analyze runs to an end (a report, or a clear error) with progress on the way.
import { DEMO_APP_ID, expect, test } from './fixtures';
import { expectAccessible } from './axe';

test('popup detects the demo app on its sheet after logging in', async ({ login, qlik, openPopup, openSidePanel }, testInfo) => {
  await login.logIn();
  const sheetId = await qlik.openFirstSheet(DEMO_APP_ID);
  const popup = await openPopup(qlik.page);
  expect(await popup.kind()).toBe('qlik-app');
  await expect(popup.tabStatus).toContainText('Qlik app detected');
  await expect(popup.page.getByTestId('app-id')).toContainText(DEMO_APP_ID);
  await expect(popup.tabStatus).toContainText('demo.eu.qlikcloud.com');
  await expect(popup.platform).toHaveAttribute('data-confirmed', 'true');
  await expect(popup.platform).toHaveText(/^Qlik Cloud · /);
  await expect(popup.analyzeButton).toBeEnabled();
  await expectAccessible(popup.page);
  await popup.page.screenshot({ path: testInfo.outputPath('popup-app.png') });

  const panel = await openSidePanel(qlik.page);
  await expect(panel.noReport).toBeVisible();
  await expectAccessible(panel.page);
  await panel.page.screenshot({ path: testInfo.outputPath('sidepanel-app.png') });
  expect(qlik.page.url()).toContain(sheetId);
});

test('the toolbar icon turns active on an app tab', async ({ login, qlik, serviceWorker }) => {
  await login.logIn();
  await qlik.openFirstSheet(DEMO_APP_ID);
  // The background sets the per-tab icon and title when the tab finishes loading.
  await expect
    .poll(() =>
      serviceWorker.evaluate(async (href) => {
        const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> }; action: { getTitle(d: { tabId: number }): Promise<string> } } }).chrome;
        const tab = (await api.tabs.query({})).find((t) => t.url === href);
        return tab?.id === undefined ? null : api.action.getTitle({ tabId: tab.id });
      }, qlik.page.url()),
    )
    .toBe('Qlarity: analyse this Qlik app (Qlik Cloud)'); // the product confirmed from product-info.json
});
