// The options page: chrome-extension://<id>/options.html.
import { expect, type Locator, type Page } from '@playwright/test';

export class OptionsPage {
  readonly form: Locator;
  readonly saveStatus: Locator;
  readonly saveBlocked: Locator;
  readonly importResult: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Qlarity settings' });
    this.saveStatus = page.getByRole('status').filter({ hasText: 'Saved.' });
    this.saveBlocked = page.getByTestId('save-blocked');
    this.importResult = page.getByTestId('import-result');
  }

  static async open(page: Page, extensionId: string): Promise<OptionsPage> {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(page.getByRole('form', { name: 'Qlarity settings' })).toBeVisible();
    return new OptionsPage(page);
  }

  async chooseMode(label: RegExp | string): Promise<void> {
    await this.page.getByRole('radiogroup', { name: 'Connection mode', exact: true }).getByRole('radio', { name: label }).check();
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save' }).click();
    await expect(this.saveStatus).toBeVisible();
  }

  /** Adds a tenant with the keyboard (type, Enter) and returns its section; `typed` may be a pasted URL. */
  async addTenant(host: string, typed = host): Promise<Locator> {
    const input = this.page.getByLabel('Tenant host');
    await input.fill(typed);
    await input.press('Enter');
    const section = this.tenant(host);
    await expect(section).toBeVisible();
    return section;
  }

  tenant(host: string): Locator {
    return this.page.getByRole('region', { name: `Tenant ${host}` });
  }

  /** Opens a category of the rules for all apps (the per-app sections have their own). */
  async openCategory(title: string): Promise<void> {
    await this.page.getByRole('group', { name: 'Rules', exact: true }).locator('summary', { hasText: title }).click();
  }

  ruleOption(code: string, label: string | RegExp): Locator {
    return this.page.getByTestId(`rule-${code}`).getByLabel(label);
  }

  ruleSeverity(code: string): Locator {
    return this.page.getByLabel(`Severity of ${code}`, { exact: true });
  }

  /** Picks an analysed app from the list (by its visible label), adds it, and returns its "Rules for app" section. */
  async addAnalysedApp(label: string, name: string): Promise<Locator> {
    await this.page.getByLabel('Analysed apps').selectOption({ label });
    await this.page.getByRole('button', { name: 'Add app' }).click();
    const section = this.appRules(name);
    await expect(section).toBeVisible();
    return section;
  }

  appRules(nameOrId: string): Locator {
    return this.page.getByRole('region', { name: `Rules for app ${nameOrId}` });
  }

  async importFile(name: string, content: string): Promise<void> {
    await this.page.getByLabel('Import settings from a file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
  }

  /** true when the page scrolls sideways (content wider than the window) */
  async overflowsHorizontally(): Promise<boolean> {
    return this.page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
  }
}
