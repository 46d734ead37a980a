// The options page: chrome-extension://<id>/options.html.
import { expect, type Page } from '@playwright/test';

export class OptionsPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, extensionId: string): Promise<OptionsPage> {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(page.getByRole('form', { name: 'Qlarity settings' })).toBeVisible();
    return new OptionsPage(page);
  }

  async chooseMode(label: RegExp | string): Promise<void> {
    await this.page.getByRole('radio', { name: label }).check();
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save' }).click();
    await expect(this.page.getByRole('status')).toHaveText('Saved.');
  }
}
