// The popup on the demo app: after logging in on the simulated tenant, it detects the app in the
// tab, and Analyze runs to an end (a report, or a clear error) with progress on the way.
import { readFileSync } from 'node:fs';
import type { Worker } from '@playwright/test';
import type { AnalysisReport } from '../../lib/report/report-schema';
import type { StoredAnalysis } from '../../lib/protocol/stored-analysis';
import { visualizationName } from '../../lib/snapshot/visualization-names';
import { createFormatter } from '../../lib/report/format';
import { tabIdOf } from './browser';
import { DEMO_APP_ID, expect, test } from './fixtures';
import { expectAccessible } from './axe';

// Only evaluated inside the service worker, where Chrome defines it.
declare const chrome: { action: { getBadgeText(details: { tabId: number }): Promise<string> } };

const badgeOf = (worker: Worker, tabId: number) => worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);

/** The demo app's size from its REST metadata file (test/sim/apps/demo/metadata.json). */
const DEMO_STATIC_BYTES = (JSON.parse(readFileSync(new URL('../sim/apps/demo/metadata.json', import.meta.url), 'utf8')) as { static_byte_size: number }).static_byte_size;

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

test('after Analyze the popup shows the app facts, and the toolbar badge the errors of the app in the tab', async ({ login, qlik, openPopup, serviceWorker }, testInfo) => {
  test.setTimeout(180_000);
  await login.logIn();
  const sheetId = await qlik.openFirstSheet(DEMO_APP_ID);
  const tabId = await tabIdOf(serviceWorker, qlik.page);
  expect(await badgeOf(serviceWorker, tabId)).toBe(''); // not analysed yet
  const popup = await openPopup(qlik.page);
  expect(await popup.analyze()).toBe('report');

  // What to expect, from the stored analysis (the analyser's result and the snapshot it read).
  const appKey = `https://${new URL(qlik.page.url()).host}|${DEMO_APP_ID}`;
  const stored = await popup.request<StoredAnalysis>({ type: 'get-last-analysis', appKey });
  const report = await popup.request<AnalysisReport>({ type: 'get-last-result', appKey });
  const { result, snapshot } = stored;
  const fmt = createFormatter(await popup.page.evaluate(() => navigator.language));

  // App memory: the metadata's static_byte_size, as collected.
  expect(snapshot.dataModel?.staticByteSize).toBe(DEMO_STATIC_BYTES);
  await expect(popup.appMemory).toHaveText(fmt.bytes(DEMO_STATIC_BYTES));
  // Unused memory: what rule R01 reported.
  const r01 = result.rules.find((r) => r.rule === 'R01');
  const unused = r01?.data as { fieldCount: number; totalBytes: number } | undefined;
  expect(unused?.fieldCount).toBeGreaterThan(0);
  await expect(popup.unusedMemory).toHaveText(`${fmt.bytes(unused!.totalBytes)} in ${fmt.number(unused!.fieldCount)} ${unused!.fieldCount === 1 ? 'field' : 'fields'}`);
  // The slowest object: the longest first calculation among the measured objects, with its sheet.
  const timings = snapshot.timings?.objects ?? [];
  expect(timings.length).toBeGreaterThan(10);
  const slowest = timings.reduce((max, t) => (t.firstMs > max.firstMs ? t : max));
  const object = snapshot.objects.find((o) => o.id === slowest.objectId);
  const sheet = snapshot.sheets.find((s) => s.id === slowest.sheetId);
  const shownTitle = typeof object?.layout?.title === 'string' ? object.layout.title.trim() && object.layout.title : '';
  // an untitled object is named by its type in words (the sheet follows)
  const name = (!object?.titleIsExpression && object?.title) || shownTitle || visualizationName(object?.visualization || object?.type || slowest.objectType);
  await expect(popup.slowestObject).toHaveText(`${name}${sheet ? ` on ${sheet.title}` : ''}: ${fmt.duration(slowest.firstMs)}`);
  // When, and the counts by severity and the top findings of the same result.
  await expect(popup.analysedAt).toHaveText(fmt.dateTime(new Date(report.finishedAt).toISOString()));
  const counts = result.summary.bySeverity;
  await expect(popup.page.getByTestId('severity-counts')).toHaveText(`Errors: ${fmt.number(counts.error)}Warnings: ${fmt.number(counts.warning)}Info: ${fmt.number(counts.info)}`);
  // Fix first: the report's top rows, the first with its gain
  expect(report.top?.length).toBe(3);
  await expect(popup.summary.getByTestId('finding').first()).toContainText(report.top![0]!.title);
  await expect(popup.summary.getByTestId('gain').first()).toHaveText(/^(Fixes|Frees|Saves|Reload)/);
  await expect(popup.openReportButton).toBeInViewport({ ratio: 1 });
  await expect(popup.page.locator('#summary-title')).toHaveText(result.app.name);
  // Within 320-800 px, nothing wider than the popup.
  const width = await popup.page.evaluate(() => ({ body: document.body.getBoundingClientRect().width, scroll: document.body.scrollWidth }));
  expect(width.body).toBeGreaterThanOrEqual(320);
  expect(width.body).toBeLessThanOrEqual(800);
  expect(width.scroll).toBeLessThanOrEqual(width.body + 1);
  await expectAccessible(popup.page);
  await popup.page.screenshot({ path: testInfo.outputPath('popup-facts.png'), fullPage: true });

  // The badge: the errors of the app in that tab; cleared on another app or a page without an app.
  expect(counts.error).toBeGreaterThan(0);
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe(String(report.counts.error));
  expect(report.counts.error).toBe(counts.error);
  await qlik.page.goto(qlik.appUrl('0b7d2c40-1111-4222-8333-944455556666'));
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('');
  await qlik.openSheet(DEMO_APP_ID, sheetId);
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe(String(counts.error));
  await qlik.openHub();
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('');
});
