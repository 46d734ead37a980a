// "Log in" from the popup when the analysis found the user signed out: bring the Qlik tab to the
// front and reload it. A signed-out page load is sent to the tenant's sign-in page and back to the
// same app afterwards (Qlik Cloud and QSEoW both redirect with the full address as `returnto`;
// ../shared/research/connectivity.md, and test/sim/server/auth.test.ts for the simulated tenant).
import { browser } from 'wxt/browser';

export async function reloadForLogin(tabId: number): Promise<void> {
  await browser.tabs.update(tabId, { active: true });
  await browser.tabs.reload(tabId);
}
