// Page objects for the simulated tenant: its login form and the Sense-like app pages.
import { expect, type Page } from '@playwright/test';
import type { Simulator, SimUser } from '../../sim/index';

export class LoginPage {
  constructor(
    readonly page: Page,
    private readonly sim: Simulator,
  ) {}

  /** Logs in through the tenant's own form, as a user would. Ends on `returnTo` (default: the hub). */
  async logIn(user: SimUser = this.sim.users.developer, returnTo = `${this.sim.tenantUrl}/hub`): Promise<void> {
    await this.page.goto(`${this.sim.tenantUrl}/login?returnto=${encodeURIComponent(returnTo)}`);
    await this.page.locator('#username').fill(user.email);
    await this.page.locator('#password').fill(user.password);
    await Promise.all([this.page.waitForURL(returnTo), this.page.locator('#login-submit').click()]);
  }
}

export class QlikAppPage {
  constructor(
    readonly page: Page,
    private readonly sim: Simulator,
  ) {}

  appUrl(appId: string): string {
    return `${this.sim.tenantUrl}/sense/app/${encodeURIComponent(appId)}`;
  }

  sheetUrl(appId: string, sheetId: string): string {
    return `${this.appUrl(appId)}/sheet/${encodeURIComponent(sheetId)}/state/analysis`;
  }

  async openHub(): Promise<void> {
    await this.page.goto(`${this.sim.tenantUrl}/hub`);
    await expect(this.page.locator('h1')).toHaveText('Home');
  }

  /** Opens the app's overview and returns its sheet ids in the order the app lists them. */
  async sheetIds(appId: string): Promise<string[]> {
    await this.page.goto(this.appUrl(appId));
    const ids = await this.page.locator('.sheet-list li').evaluateAll((items) => items.map((li) => li.getAttribute('data-sheet-id') ?? ''));
    return ids.filter(Boolean);
  }

  /** Opens the app's first sheet in analysis mode; returns its id. */
  async openFirstSheet(appId: string): Promise<string> {
    const [sheetId] = await this.sheetIds(appId);
    if (!sheetId) throw new Error(`App ${appId} has no sheets.`);
    await this.openSheet(appId, sheetId);
    return sheetId;
  }

  async openSheet(appId: string, sheetId: string): Promise<void> {
    await this.page.goto(this.sheetUrl(appId, sheetId));
    await expect(this.page.locator('.qv-grid')).toBeVisible();
  }

  object(objectId: string) {
    return this.page.locator(`[data-qid="${objectId}"]`);
  }
}

/** The simulated Qlik Sense Enterprise on Windows site (test/sim/server/qseow.ts): its forms login and app pages. */
export class QseowSitePage {
  constructor(
    readonly page: Page,
    private readonly sim: Simulator,
  ) {}

  appUrl(appId: string): string {
    return `${this.sim.qseow.baseUrl}/sense/app/${encodeURIComponent(appId)}`;
  }

  sheetUrl(appId: string, sheetId: string): string {
    return `${this.appUrl(appId)}/sheet/${encodeURIComponent(sheetId)}/state/analysis`;
  }

  /** Opens `target`; the proxy sends an anonymous user to its forms login, which returns to `target`. */
  async logInAndOpen(target: string, user: SimUser = this.sim.users.developer): Promise<void> {
    await this.page.goto(target);
    await expect(this.page).toHaveURL(/\/internal_forms_authentication\/\?targetId=/);
    await this.page.locator('#username').fill(user.email);
    await this.page.locator('#password').fill(user.password);
    await Promise.all([this.page.waitForURL(target), this.page.locator('#login-submit').click()]);
  }
}
