// The side panel, opened as a tab: chrome-extension://<id>/sidepanel.html?tabId=<the Qlik tab>.
import { expect, type Locator, type Page } from '@playwright/test';

export class SidePanelPage {
  readonly overview: Locator;
  readonly findings: Locator;
  readonly noReport: Locator;
  readonly tabStatus: Locator;

  constructor(readonly page: Page) {
    this.overview = page.getByTestId('overview');
    this.findings = page.getByTestId('finding');
    this.noReport = page.getByTestId('no-report');
    this.tabStatus = page.getByTestId('tab-status');
  }

  static async open(page: Page, extensionId: string, tabId?: number): Promise<SidePanelPage> {
    await page.goto(`chrome-extension://${extensionId}/sidepanel.html${tabId === undefined ? '' : `?tabId=${tabId}`}`);
    await expect(page.getByRole('heading', { name: 'Qlarity' })).toBeVisible();
    await expect(page.getByText('Looking at the tab…')).toBeHidden();
    return new SidePanelPage(page);
  }

  async showFindings(): Promise<void> {
    await this.page.getByRole('tab', { name: /^Findings/ }).click();
  }

  async filterSeverity(value: 'all' | 'error' | 'warning' | 'info'): Promise<void> {
    await this.page.locator('#severity-filter').selectOption(value);
  }
}
