// @vitest-environment happy-dom
// The side panel's History, comparison, Export menu, import and copy buttons, over the real
// IndexedDB history (fake-indexeddb) and the real analysis of a small app.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AnalysisWorkspace, hostOfAppKey, type HistoryActions } from '../../../components/report/history/AnalysisWorkspace';
import { ChangeSince, shortDate } from '../../../components/report/history/ChangeSince';
import { CopyButton } from '../../../components/report/export/CopyButton';
import { analyse } from '../../../lib/rules/analyse';
import { renderJson } from '../../../lib/export/json';
import { openHistoryStore } from '../../../lib/extension/history-store';
import { createAnalysisHistory } from '../../../lib/extension/last-analysis';
import { DEFAULT_SETTINGS } from '../../../lib/protocol/settings';
import { app } from '../../fixtures/builders';
import { report } from '../../lib/protocol/report-fixtures';
import { act, mount } from '../render';
import { render } from 'preact';
import type { HistoryAnalysis } from '../../../lib/extension/history-store';

const APP_KEY = 'https://acme.eu.qlikcloud.com|app-1';
let dbCount = 0;

function snapshotOf(release: 1 | 2) {
  return app({ id: 'app-1', name: 'Sales' })
    .sheet({ id: 's1', title: 'Overview' })
    .kpi({ id: 'k1', title: 'Total', measure: release === 1 ? 'Sum([No Such Field])' : 'Sum(Sales)' })
    .barchart({ id: 'b1', title: 'By region', measure: release === 1 ? 'Sum(Sales)' : 'Sum([Gone])', dimension: 'Region' })
    .app.table('Orders', { rows: 100, fields: ['Region', 'Sales', 'Comment'] })
    .timings([{ objectId: 'b1', firstMs: release === 1 ? 300 : 3000 }])
    .build();
}

async function historyWithTwoRuns() {
  const name = `workspace-${++dbCount}`;
  const history = createAnalysisHistory(() => openHistoryStore({ name }));
  for (const [release, day] of [[1, 1], [2, 2]] as const) {
    const snapshot = snapshotOf(release);
    const result = { ...analyse(snapshot), analysedAt: new Date(Date.now() - (3 - day) * 86_400_000).toISOString() };
    await history.save({ appKey: APP_KEY, report: report([], { app: { appId: 'app-1', name: 'Sales', origin: 'https://acme.eu.qlikcloud.com' } }), result, snapshot }, DEFAULT_SETTINGS);
  }
  const actions: HistoryActions = {
    list: (k) => history.list(k),
    open: (k, id) => history.open(k, id),
    setHidden: (k, f, h) => history.setHidden(k, f, h),
    importJson: (k, id, text) => history.importJson(k, id, text, DEFAULT_SETTINGS),
  };
  const last = (await history.load(APP_KEY))!;
  return { history, actions, last };
}

async function workspace() {
  const { actions, last, history } = await historyWithTwoRuns();
  const onSetHidden = vi.fn();
  const view = await mount(<AnalysisWorkspace actions={actions} appKey={APP_KEY} last={last} onShowInApp={vi.fn()} onSetHidden={onSetHidden} version="9.9.9" locale="en-GB" />);
  await vi.waitFor(() => expect(view.root.querySelectorAll('[data-testid="history-entry"]')).toHaveLength(2));
  return { view, actions, last, history };
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('History in the side panel', () => {
  it('lists the analyses with score, counts and connection mode, draws the trends and opens an older one', async () => {
    const { view } = await workspace();
    const rows = [...view.root.querySelectorAll('[data-testid="history-entry"]')];
    expect(rows[0].textContent).toContain('latest');
    expect(rows[0].textContent).toContain('My Qlik session');
    expect(rows[0].textContent).toContain('Full report');
    expect(view.root.querySelectorAll('[data-testid="trend-chart"] polyline')).toHaveLength(3); // score, memory, errors
    expect(view.text()).toContain('Showing the latest analysis.');
    await act(async () => (rows[1].querySelector('button') as HTMLButtonElement).click());
    await view.until('Showing the analysis of');
    expect(view.root.querySelector('[data-testid="history-entry"][aria-current="true"]')).toBe(view.root.querySelectorAll('[data-testid="history-entry"]')[1]);
    await view.click('Back to the latest');
    expect(view.text()).toContain('Showing the latest analysis.');
  });

  it('compares the latest two by default: new, fixed, and the object whose time moved beyond the noise margin', async () => {
    const { view } = await workspace();
    await view.click('Compare the two ticked');
    await view.until('What moved');
    expect(view.root.querySelector('[data-testid="compare-line"]')?.textContent).toMatch(/^1 new error, 1 new warning, 1 fixed since /);
    expect(view.root.querySelector('[data-testid="compare-new"]')?.textContent).toContain('Gone');
    expect(view.root.querySelector('[data-testid="compare-fixed"]')?.textContent).toContain('No Such Field');
    expect(view.root.querySelector('[data-testid="compare-times"]')?.textContent).toContain('By region');
    expect(view.text()).toContain('noise margin');
  });

  it('exports the analysis on screen through the shared renderer, as a downloaded file', async () => {
    const { view } = await workspace();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:x'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    await act(async () => view.root.querySelector<HTMLButtonElement>('[data-format="sarif"]')!.click());
    await view.until('Saved '); // the renderers load on first use (a dynamic import)
    expect(clicked[0]).toMatch(/^qlarity-Sales-\d{4}-\d\d-\d\dT\d\d-\d\d\.sarif$/);
    const sarif = JSON.parse(await blobs[0].text()) as { version: string; runs: { tool: { driver: { version: string } }; properties: { source: { host: string; connectionMode: string } } }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.version).toBe('9.9.9');
    expect(sarif.runs[0].properties.source).toEqual({ host: 'acme.eu.qlikcloud.com', connectionMode: 'session' });
    expect(view.text()).toContain(`Saved ${clicked[0]}.`);
  });

  it('imports a JSON export into the history, and says why a malformed or foreign file changes nothing', async () => {
    const { view, last } = await workspace();
    const input = view.root.querySelector<HTMLInputElement>('[data-testid="import-file"]')!;
    const choose = async (text: string) => {
      Object.defineProperty(input, 'files', { configurable: true, value: [new File([text], 'export.json', { type: 'application/json' })] });
      await act(async () => {
        input.dispatchEvent(new Event('change'));
      });
    };
    await choose('{ not json');
    await view.until('This file is not JSON');
    Object.defineProperty(input, 'files', { configurable: true, value: [{ size: 65 * 1024 * 1024, text: async () => '' }] });
    await act(async () => {
      input.dispatchEvent(new Event('change'));
    });
    await view.until('a Qlarity export of even a large app is far smaller');
    await choose(JSON.stringify({ version: '2.1.0', runs: [] }));
    await view.until('not a Qlarity analysis export');
    const foreign = renderJson({ result: { ...last.result, app: { id: 'other', name: 'Other' } } });
    await choose(foreign);
    await view.until('not of the app in this tab');
    expect(view.root.querySelectorAll('[data-testid="history-entry"]')).toHaveLength(2);
    const colleague = renderJson({ result: { ...last.result, analysedAt: new Date(Date.now() - 3_600_000).toISOString() }, source: { connectionMode: 'oauth' } });
    await choose(colleague);
    await view.until('into this app');
    await vi.waitFor(() => expect(view.root.querySelectorAll('[data-testid="history-entry"]')).toHaveLength(3));
    expect(view.root.querySelector('[data-testid="history-entry"]')?.textContent).toContain('imported');
  });
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

describe('History in the side panel when an answer comes late', () => {
  /** The workspace whose first open() answers only when the test says. */
  async function withLateOpen() {
    const { actions, last } = await historyWithTwoRuns();
    const late = deferred<HistoryAnalysis | null>();
    const slow: HistoryActions = { ...actions, open: vi.fn(actions.open).mockImplementationOnce(() => late.promise) };
    const props = { actions: slow, appKey: APP_KEY, last, onShowInApp: vi.fn(), onSetHidden: vi.fn(), locale: 'en-GB' };
    const view = await mount(<AnalysisWorkspace {...props} />);
    await vi.waitFor(() => expect(view.root.querySelectorAll('[data-testid="history-entry"]')).toHaveLength(2));
    const rows = () => [...view.root.querySelectorAll('[data-testid="history-entry"]')];
    await act(async () => (rows()[1].querySelector('button') as HTMLButtonElement).click());
    const older = await actions.open(APP_KEY, (await actions.list(APP_KEY))[1].id);
    return { view, props, rows, answer: () => act(async () => late.resolve(older)) };
  }

  it('an older analysis that opens after the user chose the latest again is not shown', async () => {
    const { view, rows, answer } = await withLateOpen();
    // clicked again, it opens at once; then back to the latest; then the first click's answer comes
    await act(async () => (rows()[1].querySelector('button') as HTMLButtonElement).click());
    await view.until('Showing the analysis of');
    await view.click('Back to the latest');
    await answer();
    expect(view.text()).toContain('Showing the latest analysis.');
  });

  it('an analysis that opens after the panel moved to another app is not shown there', async () => {
    const { view, props, answer } = await withLateOpen();
    const otherKey = 'https://acme.eu.qlikcloud.com|app-2';
    await act(() => render(<AnalysisWorkspace {...props} appKey={otherKey} last={{ ...props.last, appKey: otherKey, savedAt: props.last.savedAt + 1 }} />, view.root));
    await answer();
    expect(view.text()).toContain('Showing the latest analysis.');
    expect(view.text()).not.toContain('Showing the analysis of');
  });
});

describe('the popup line and the copy button', () => {
  it('says what changed since the previous analysis', async () => {
    const { history } = await historyWithTwoRuns();
    const view = await mount(<ChangeSince source={history} appKey={APP_KEY} refreshKey="1" locale="en-GB" />);
    await vi.waitFor(() => expect(view.root.querySelector('[data-testid="change-since"]')?.textContent).toMatch(/^1 new error, 1 new warning, 1 fixed since \d{1,2} [A-Z][a-z]{2}/));
    expect(shortDate(Date.UTC(2026, 11, 1, 12), Date.UTC(2026, 11, 7), 'en-GB')).toBe('1 Dec');
    expect(shortDate(Date.UTC(2025, 11, 1, 12), Date.UTC(2026, 11, 7), 'en-GB')).toBe('1 Dec 2025');
  });

  it('copies its text and says so', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(window.navigator, 'clipboard', { configurable: true, value: { writeText } });
    const view = await mount(<CopyButton text="DROP FIELDS [Comment];" what="the DROP FIELDS statement" />);
    expect(view.root.querySelector('button')?.getAttribute('aria-label')).toBe('Copy the DROP FIELDS statement');
    await view.click('Copy');
    await view.until('Copied the DROP FIELDS statement.');
    expect(writeText).toHaveBeenCalledWith('DROP FIELDS [Comment];');
  });

  it('reads the tenant host of an app key', () => {
    expect(hostOfAppKey('https://qlik.example.com/qs|abc')).toBe('qlik.example.com');
    expect(hostOfAppKey('nonsense')).toBeUndefined();
  });
});
