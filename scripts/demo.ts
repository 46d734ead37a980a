// `npm run demo`: the simulated tenant with the demo app, and Chromium with the built extension on
// the demo app's first sheet, logged in as the developer.
// - With a display (DISPLAY / WAYLAND_DISPLAY) and no --headless: a real window to click around in;
//   runs until the window is closed or Ctrl-C.
// - Otherwise (headless): drives the extension's own UI: opens the popup for the Qlik tab, runs the
//   analysis, opens the side panel, prints a summary and writes screenshots to demo-output/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_APP_ID, extensionWorker, launchWithExtension, tabIdOf } from '../test/e2e/browser';
import { startSimulator, type Simulator } from '../test/sim/index';
import { ensureBrowser } from './browsers/ensure';
import { ensureBuild } from './ensure-build';
import { AnalysisReport } from '../lib/report/report-schema';
import { SEVERITIES } from '../lib/analyze/severity-order';

const root = fileURLToPath(new URL('..', import.meta.url));
const OUTPUT_DIR = path.join(root, 'demo-output');

async function logInOnFirstSheet(page: Page, sim: Simulator): Promise<string> {
  const user = sim.users.developer;
  const appUrl = `${sim.tenantUrl}/sense/app/${DEMO_APP_ID}`;
  await page.goto(`${sim.tenantUrl}/login?returnto=${encodeURIComponent(appUrl)}`);
  await page.locator('#username').fill(user.email);
  await page.locator('#password').fill(user.password);
  await Promise.all([page.waitForURL(appUrl), page.locator('#login-submit').click()]);
  const sheetId = await page.locator('.sheet-list li').first().getAttribute('data-sheet-id');
  if (!sheetId) throw new Error('The demo app lists no sheets.');
  const sheetUrl = `${appUrl}/sheet/${sheetId}/state/analysis`;
  await page.goto(sheetUrl);
  await page.locator('.qv-grid').waitFor();
  console.log(`Logged in as ${user.name} (${user.email}); demo app open at ${sheetUrl}`);
  return sheetUrl;
}

async function runHeaded(context: BrowserContext, sim: Simulator): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  await logInOnFirstSheet(page, sim);
  console.log('\nChromium is open with Qlarity loaded. Click the Qlarity icon in the toolbar (pin it from the');
  console.log(`puzzle-piece menu) and choose Analyze. Other simulated users: ${sim.users.viewer.email} / ${sim.users.viewer.password}.`);
  console.log('Close the browser window or press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    context.on('close', () => resolve());
    process.once('SIGINT', () => resolve());
  });
}

/** Headless: the extension's own pages, opened as tabs for the Qlik tab (?tabId=). */
async function runHeadless(context: BrowserContext, sim: Simulator): Promise<boolean> {
  const worker = await extensionWorker(context);
  const extensionId = new URL(worker.url()).host;
  const qlikTab = context.pages()[0] ?? (await context.newPage());
  await logInOnFirstSheet(qlikTab, sim);
  const tabId = await tabIdOf(worker, qlikTab);
  mkdirSync(OUTPUT_DIR, { recursive: true });

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 640 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
  await popup.getByTestId('tab-status').waitFor();
  const kind = await popup.getByTestId('tab-status').getAttribute('data-kind');
  if (kind !== 'qlik-app') throw new Error(`The popup did not detect the demo app (tab state: ${kind}).`);
  console.log('Popup: Qlik app detected. Analyzing…');
  await popup.getByRole('button', { name: 'Analyze' }).click();
  const outcome = popup.getByTestId('report-summary').or(popup.getByTestId('run-error'));
  await outcome.first().waitFor({ timeout: 120_000 });
  await popup.getByTestId('progress').waitFor({ state: 'hidden', timeout: 120_000 });
  await popup.screenshot({ path: path.join(OUTPUT_DIR, 'popup.png'), fullPage: true });

  const panel = await context.newPage();
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
  await panel.getByRole('heading', { name: 'Qlarity' }).waitFor();
  await panel.getByText('Looking at the tab…').waitFor({ state: 'hidden' });
  await panel.screenshot({ path: path.join(OUTPUT_DIR, 'sidepanel-overview.png') });

  const failed = await popup.getByTestId('run-error').isVisible();
  if (failed) {
    const message = await popup.getByTestId('run-error').textContent();
    console.error(`\nThe analysis did not complete: ${message?.trim()}`);
    console.error(`Screenshots of the popup and side panel are in ${OUTPUT_DIR}`);
    return false;
  }

  // The side panel's full report (from IndexedDB): a screenshot of each of its tabs.
  const report = panel.getByTestId('report-view');
  await report.waitFor({ timeout: 30_000 });
  await panel.screenshot({ path: path.join(OUTPUT_DIR, 'sidepanel-overview.png'), fullPage: true });
  for (const name of ['Findings', 'Data model', 'Sheets', 'Expressions', 'Variables & items', 'Script']) {
    const tab = report.getByRole('tab', { name: name === 'Findings' ? /^Findings \(/ : name, exact: name !== 'Findings' });
    await tab.click();
    const file = `sidepanel-${name.replace(/\W+/g, '-').toLowerCase()}.png`;
    await panel.screenshot({ path: path.join(OUTPUT_DIR, file), fullPage: true });
  }
  printSummary(await lastReport(popup, `${sim.tenantUrl}|${DEMO_APP_ID}`));
  console.log(`\nScreenshots of the popup and side panel: ${OUTPUT_DIR}`);
  return true;
}

/** Asks the background for the stored report, through the same message the pages use. */
async function lastReport(extensionPage: Page, appKey: string): Promise<AnalysisReport> {
  const reply = await extensionPage.evaluate(
    (key) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'get-last-result', appKey: key }),
    appKey,
  );
  const value = (reply as { ok?: boolean; value?: unknown }).value;
  const parsed = AnalysisReport.safeParse(value);
  if (!parsed.success) throw new Error('The analysis finished but no readable report was stored.');
  return parsed.data;
}

function printSummary(report: AnalysisReport): void {
  const { counts } = report;
  console.log(`\n${report.app.name}: ${report.findings.length} findings (${SEVERITIES.map((s) => `${counts[s]} ${s}`).join(', ')})${report.score !== undefined ? `, score ${report.score}/100` : ''}`);
  for (const finding of report.findings.slice(0, 10)) {
    console.log(`  ${finding.severity.padEnd(7)} ${finding.ruleCode} ${finding.ruleName}: ${finding.message}`);
  }
  if (report.findings.length > 10) console.log(`  …and ${report.findings.length - 10} more (see the side panel).`);
  for (const note of report.notes) console.log(`  note: ${note}`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const hasDisplay = !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const headless = args.includes('--headless') || !hasDisplay;
  const browser = ensureBrowser('chromium');
  console.log(`Browser: ${browser.path}`);
  ensureBuild();
  const sim = await startSimulator();
  console.log(`Simulated tenant ${sim.tenantUrl} on ${sim.url} (demo app ${DEMO_APP_ID})`);
  let context: BrowserContext | undefined;
  try {
    context = await launchWithExtension(sim, { headless });
    if (!headless) {
      await runHeaded(context, sim);
      return 0;
    }
    console.log(hasDisplay ? 'Headless (--headless).' : 'No display found: running headless.');
    return (await runHeadless(context, sim)) ? 0 : 1;
  } finally {
    await context?.close().catch(() => {});
    await sim.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`\nnpm run demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
