// The side panel, opened as a tab: chrome-extension://<id>/sidepanel.html?tabId=<the Qlik tab>.
import { expect, type Locator, type Page } from '@playwright/test';

export type ReportTabName = 'Overview' | 'Findings' | 'Data model' | 'Sheets' | 'Expressions' | 'Variables & items' | 'Script';

export class SidePanelPage {
  /** the summary view (shown only when no full analysis is stored) */
  readonly overview: Locator;
  readonly findings: Locator;
  readonly noReport: Locator;
  readonly tabStatus: Locator;
  /** the full report (ReportView) of the last analysis */
  readonly report: Locator;
  readonly reportFindings: Locator;
  readonly age: Locator;

  constructor(readonly page: Page) {
    this.overview = page.getByTestId('overview');
    this.findings = page.getByTestId('finding');
    this.noReport = page.getByTestId('no-report');
    this.tabStatus = page.getByTestId('tab-status');
    this.report = page.getByTestId('report-view');
    this.reportFindings = page.getByTestId('finding-row');
    this.age = page.getByTestId('analysis-age');
  }

  static async open(page: Page, extensionId: string, tabId?: number): Promise<SidePanelPage> {
    await page.goto(`chrome-extension://${extensionId}/sidepanel.html${tabId === undefined ? '' : `?tabId=${tabId}`}`);
    await expect(page.getByRole('heading', { name: 'Qlarity' })).toBeVisible();
    await expect(page.getByText('Looking at the tab…')).toBeHidden();
    return new SidePanelPage(page);
  }

  reportTab(name: ReportTabName): Locator {
    return this.report.getByRole('tab', { name: name === 'Findings' ? /^Findings \(/ : name, exact: name !== 'Findings' });
  }

  /** opens a tab of the full report and waits until it is the selected one */
  async showReportTab(name: ReportTabName): Promise<void> {
    await this.reportTab(name).click();
    await expect(this.reportTab(name)).toHaveAttribute('aria-selected', 'true');
  }

  /** the number in the report's "Findings (N)" tab */
  async findingCount(): Promise<number> {
    const label = (await this.reportTab('Findings').textContent()) ?? '';
    const match = /\(([\d.,\s\u202f]+)\)/.exec(label);
    if (!match) throw new Error(`no count in the Findings tab: ${label}`);
    return Number(match[1].replace(/[^\d]/g, ''));
  }

  /** the rows of the Findings list: sections, groups and findings */
  listRows(): Locator {
    return this.report.getByRole('listbox', { name: /findings/i }).getByRole('option');
  }

  /** opens the folded filters (severity, category, rule, sheet, grouping) */
  async openFilters(): Promise<void> {
    const toggle = this.report.getByRole('button', { name: /^Filters/ });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }

  /** switches the Findings tab from its grouped default to one row per finding, leaving the filters open */
  async listEachFinding(): Promise<void> {
    await this.openFilters();
    await this.report.getByLabel('Group by').selectOption('none');
  }

  async showFindings(): Promise<void> {
    await this.page.getByRole('tab', { name: /^Findings/ }).click();
  }

  async filterSeverity(value: 'all' | 'error' | 'warning' | 'info'): Promise<void> {
    await this.page.locator('#severity-filter').selectOption(value);
  }
}
