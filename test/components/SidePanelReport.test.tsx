// @vitest-environment happy-dom
// The side panel with a stored full analysis: ReportView of the app in the tab, its age, and
// hide / show again going through the history (as the real page does with IndexedDB).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describeAge } from '../../components/AnalysisAge';
import type { HistorySource } from '../../components/useLastAnalysis';
import { createTabModel } from '../../components/models/tab-model';
import { SidePanelView } from '../../components/SidePanelView';
import type { Finding } from '../../lib/analyze/result';
import { suppressionFor, type Suppression } from '../../lib/analyze/suppression';
import { applySuppressions } from '../../lib/extension/suppressions';
import type { StoredAnalysis } from '../../lib/protocol/stored-analysis';
import { appKeyOf } from '../../lib/extension/app-key';
import { analysedSalesApp } from '../lib/report/fixtures';
import { demoApp, finding, report } from '../lib/protocol/report-fixtures';
import { FakeClient } from './fake-client';
import { act, mount } from './render';

/** The report views are a lazy chunk: its first load (a dynamic import the test runner transforms) can take seconds on a busy machine. */
const reportShown = (root: Element) => vi.waitFor(() => expect(root.querySelector('[data-testid="report-view"]')).not.toBeNull(), { timeout: 10_000 });

const APP_KEY = appKeyOf(demoApp);
const { snapshot, result } = analysedSalesApp();

/** An in-memory history with the real suppression logic. */
function memoryHistory(savedAt: number, base = result) {
  let hidden: Suppression[] = [];
  const stored = (): StoredAnalysis => ({ appKey: APP_KEY, result: applySuppressions(base, hidden), snapshot, savedAt });
  const history: HistorySource = {
    load: vi.fn(async (appKey: string) => (appKey === APP_KEY ? stored() : null)),
    setHidden: vi.fn(async (_appKey: string, f: Finding, hide: boolean) => {
      hidden = hidden.filter((s) => s.contentHash !== f.contentHash || s.rule !== f.rule);
      if (hide) hidden.push(suppressionFor(f));
      return stored();
    }),
  };
  return history;
}

function client() {
  const c = new FakeClient();
  c.tabState = { kind: 'qlik-app', tabId: 2, app: demoApp, run: null };
  c.lastResult = report([finding({ message: 'Summary-only finding' })]);
  return c;
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('describeAge', () => {
  it('says how long ago in the locale', () => {
    const now = Date.UTC(2026, 10, 27, 12);
    expect(describeAge(now - 5 * 60_000, now, 'en')).toBe('5 minutes ago');
    expect(describeAge(now - 20_000, now, 'en')).toBe('this minute');
    expect(describeAge(now - 26 * 3600_000, now, 'en')).toBe('yesterday');
    expect(describeAge(now - 3 * 3600_000, now, 'de')).toBe('vor 3 Stunden');
  });
});

describe('SidePanelView with a stored full analysis', () => {
  it('shows the full report with its age, instead of the summary', async () => {
    const history = memoryHistory(Date.now() - 5 * 60_000);
    const view = await mount(<SidePanelView model={createTabModel(client())} history={history} />);
    await reportShown(view.root);
    expect(history.load).toHaveBeenCalledWith(APP_KEY);
    expect(view.root.querySelector('[data-testid="analysis-age"]')?.textContent).toBe('Analysed 5 minutes ago');
    expect(view.text()).not.toContain('Summary-only finding');
    const tabs = [...view.root.querySelectorAll('[role="tab"]')].map((t) => t.textContent);
    expect(tabs).toContain('Data model');
    expect(tabs).toContain(`Findings (${result.findings.length})`);
    await view.click('Data model');
    expect(view.root.querySelector('[role="tab"][aria-selected="true"]')?.textContent).toBe('Data model');
  });

  it('hides a finding through the history and shows it as hidden, then un-hides it', async () => {
    const history = memoryHistory(Date.now());
    const view = await mount(<SidePanelView model={createTabModel(client())} history={history} />);
    await reportShown(view.root);
    await view.click(/^Findings/);
    const first = result.findings[0];
    await view.click('Hide this finding');
    await vi.waitFor(() => expect(view.button(/^Findings/).textContent).toBe(`Findings (${result.findings.length - 1})`));
    expect(history.setHidden).toHaveBeenCalledWith(APP_KEY, first, true);
    expect(view.text()).toContain('Show hidden findings (1)');
    const showHidden = [...view.root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((i) => i.parentElement?.textContent?.includes('Show hidden'))!;
    await act(() => showHidden.click());
    await view.click('Unhide');
    await vi.waitFor(() => expect(view.button(/^Findings/).textContent).toBe(`Findings (${result.findings.length})`));
  });

  it('maps "Show in app" to the extension target (kind, id, name, sheetId)', async () => {
    const c = client();
    const onSheet = result.findings.find((f) => f.target.kind === 'object' && f.target.sheet);
    if (!onSheet) throw new Error('the fixture has no finding on a sheet');
    // only that finding, so it is the one selected (the list selects the first)
    const history = memoryHistory(Date.now(), { ...result, findings: [onSheet] });
    const view = await mount(<SidePanelView model={createTabModel(c)} history={history} />);
    await reportShown(view.root);
    await view.click(/^Findings/);
    await view.click('Show in app');
    expect(c.showInApp).toHaveBeenCalledWith(2, { kind: onSheet.target.kind, id: onSheet.target.id, ...(onSheet.target.name ? { name: onSheet.target.name } : {}), sheetId: onSheet.target.sheet!.id });
  });

  it('falls back to the stored summary when no full analysis is stored', async () => {
    const history: HistorySource = { load: vi.fn(async () => null), setHidden: vi.fn() };
    const view = await mount(<SidePanelView model={createTabModel(client())} history={history} />);
    await view.until('Overview');
    await vi.waitFor(() => expect(history.load).toHaveBeenCalled());
    expect(view.root.querySelector('[data-testid="report-view"]')).toBeNull();
    await view.click('Findings (1)');
    expect(view.text()).toContain('Summary-only finding');
  });

  it('says so when the stored analysis cannot be read', async () => {
    const history: HistorySource = { load: vi.fn(async () => Promise.reject(new Error('IndexedDB is closed'))), setHidden: vi.fn() };
    const view = await mount(<SidePanelView model={createTabModel(client())} history={history} />);
    await view.until('Could not read the last analysis: IndexedDB is closed');
  });
});
