// The toolbar popup, opened as a tab: chrome-extension://<id>/popup.html?tabId=<the Qlik tab>.
import { expect, type Locator, type Page } from '@playwright/test';

export class PopupPage {
  readonly tabStatus: Locator;
  readonly analyzeButton: Locator;
  readonly cancelButton: Locator;
  readonly progress: Locator;
  readonly summary: Locator;
  readonly runError: Locator;
  /** the Qlik product line of a detected app (data-platform, data-confirmed) */
  readonly platform: Locator;
  readonly appMemory: Locator;
  readonly unusedMemory: Locator;
  readonly slowestObject: Locator;
  readonly analysedAt: Locator;
  readonly openReportButton: Locator;
  /** during the timing pass: end it and skip it for this app */
  readonly skipTimingsButton: Locator;
  /** how far the timing pass got (measuring, stopped, skipped) */
  readonly timingNote: Locator;

  constructor(readonly page: Page) {
    this.tabStatus = page.getByTestId('tab-status');
    this.analyzeButton = page.getByRole('button', { name: /^Analyze( again)?$/ });
    this.cancelButton = page.getByRole('button', { name: 'Cancel' });
    this.progress = page.getByTestId('progress');
    this.summary = page.getByTestId('report-summary');
    this.runError = page.getByTestId('run-error');
    this.platform = page.getByTestId('platform');
    this.appMemory = page.getByTestId('fact-app-memory');
    this.unusedMemory = page.getByTestId('fact-unused-memory');
    this.slowestObject = page.getByTestId('fact-slowest-object');
    this.analysedAt = page.getByTestId('fact-analysed-at');
    this.openReportButton = page.getByRole('button', { name: 'Open report' });
    this.skipTimingsButton = page.getByRole('button', { name: 'Skip timings' });
    this.timingNote = page.getByTestId('timing-note');
  }

  /** The "Allow access to <host>" button of a tab on a host Qlarity may not read yet. */
  allowButton(host: string): Locator {
    return this.page.getByRole('button', { name: `Allow access to ${host}` });
  }

  static async open(page: Page, extensionId: string, tabId?: number): Promise<PopupPage> {
    await page.goto(`chrome-extension://${extensionId}/popup.html${tabId === undefined ? '' : `?tabId=${tabId}`}`);
    const popup = new PopupPage(page);
    await expect(popup.tabStatus).toBeVisible();
    return popup;
  }

  async kind(): Promise<string | null> {
    return this.tabStatus.getAttribute('data-kind');
  }

  /** Clicks Analyze and waits until the run has ended: a summary, or an error. */
  async analyze(): Promise<'report' | 'error'> {
    await this.analyzeButton.click();
    await expect(this.summary.or(this.runError).first()).toBeVisible({ timeout: 60_000 });
    await expect(this.progress).toBeHidden({ timeout: 60_000 });
    return (await this.runError.isVisible()) ? 'error' : 'report';
  }

  /** Asks the background, as the popup itself would, for a request's answer (e.g. the stored analysis). */
  async request<T>(message: { type: string } & Record<string, unknown>): Promise<T> {
    const reply = await this.page.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), message);
    const answer = reply as { ok: boolean; value?: T; error?: { message: string } };
    if (!answer.ok) throw new Error(`${message.type} failed: ${answer.error?.message}`);
    return answer.value as T;
  }
}
