// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReportView } from '../../../components/report/ReportView';
import type { AnalysisResult } from '../../../lib/analyze/result';
import { ENGINE_UNAVAILABLE } from '../../../lib/snapshot/engine-unavailable';
import { FIX_FIRST_OVERVIEW_ROWS, fixFirst } from '../../../lib/report/fix-first';
import { ruleDocLookup } from '../../../lib/report/rule-docs';
import { RULES } from '../../../lib/rules';
import { analysedSalesApp, finding } from '../../lib/report/fixtures';
import { act, mount } from '../render';

afterEach(() => {
  document.body.innerHTML = '';
});

const { snapshot, result } = analysedSalesApp();

const key = (target: Element, k: string) => act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })));
const tabs = (root: Element) => [...root.querySelectorAll<HTMLElement>('[role="tab"]')];
const selectedTab = (root: Element) => root.querySelector('[role="tab"][aria-selected="true"]')?.textContent;

describe('ReportView', () => {
  it('says above the tabs when the run read only what REST gives (engine not reachable in this mode)', async () => {
    const full = await mount(<ReportView result={result} snapshot={snapshot} rules={RULES} />);
    expect(full.root.querySelector('[data-testid="analysis-limitation"]')).toBeNull();
    document.body.innerHTML = '';
    const restOnly = { ...snapshot, collectionIssues: [{ part: 'sheets' as const, code: ENGINE_UNAVAILABLE, message: "use 'My Qlik session' mode for the full analysis" }] };
    const view = await mount(<ReportView result={result} snapshot={restOnly} rules={RULES} />);
    const note = view.root.querySelector('[data-testid="analysis-limitation"]');
    expect(note?.textContent).toContain('Engine analysis needs another mode');
    expect(note?.textContent).toContain("use 'My Qlik session' mode for the full analysis");
  });

  it('shows the overview first, with score, counts and charts in the given locale', async () => {
    const view = await mount(<ReportView result={result} snapshot={snapshot} rules={RULES} locale="de-DE" />);
    expect(selectedTab(view.root)).toBe('Overview');
    expect(view.root.querySelector('[data-testid="score"]')?.textContent).toBe(String(Math.round(result.score.value)));
    expect(view.text()).toContain('Memory by table');
    expect(view.text()).toContain('878,9 KiB'); // 900,000 bytes in German
    expect(view.text()).toContain('4,5 s'); // the slowest object
    expect(view.root.querySelector('[data-testid="unused-memory"]')?.textContent).toContain('Comment');
  });

  it('puts Fix first under the score, with each gain, and opens the Findings tab from it', async () => {
    const view = await mount(<ReportView result={result} snapshot={snapshot} rules={RULES} locale="en-US" />);
    const card = view.root.querySelector('[data-testid="overview-fix-first"]')!;
    // the rows Fix first gives for this result (rules rolled up as their docs say), the first five in order
    const docs = ruleDocLookup(RULES);
    const expected = fixFirst(result, { rollUp: (code) => docs(code)?.rollUp === true, ruleSummary: (code) => docs(code)?.summary }).slice(0, FIX_FIRST_OVERVIEW_ROWS);
    expect(expected.length).toBeGreaterThan(0); // the fixture has something to fix first
    const rows = [...card.querySelectorAll('li')];
    expect(rows.map((li) => li.querySelector('.muted')?.textContent)).toEqual(expected.map((item) => ` · ${item.rule}`));
    expect(card.querySelector('li strong')?.textContent).toMatch(/^(Fixes|Frees|Saves|Reload)/);
    await view.click(/ in Findings$/);
    expect(selectedTab(view.root)).toMatch(/^Findings/);
    expect(view.root.querySelector('[data-testid="finding-section"]')?.getAttribute('data-section')).toBe('fix-first');
  });

  it('explains the score by its band in one sentence, per category too, and never prints the formula', async () => {
    const { SCORE_BAND_MEANING, scoreBand } = await import('../../../lib/analyze/score');
    const view = await mount(<ReportView result={result} snapshot={snapshot} rules={RULES} locale="en-US" />);
    expect(view.root.querySelector('[data-testid="score-meaning"]')?.textContent).toBe(SCORE_BAND_MEANING[scoreBand(result.score.value)]);
    expect(view.root.querySelector('[data-testid="score"]')?.getAttribute('aria-label')).toMatch(/^Quality score \d+ of 100: (Poor|Needs work|Good)$/);
    expect(view.root.querySelector('[data-testid="score-quality"]')?.textContent).toBe(String(result.score.categories?.quality ?? 100));
    expect(view.root.querySelector('[data-testid="score-design"]')).not.toBeNull();
    expect(view.root.querySelector('[data-testid="score-design"]')?.textContent).toBe(String(result.score.categories?.design ?? 100));
    expect(view.text()).not.toContain('penalty');
    // the DROP FIELDS statement can take focus (it scrolls) and has a copy button
    const statement = view.root.querySelector('[data-testid="unused-memory"] pre')!;
    expect((statement as HTMLElement).tabIndex).toBe(0);
    expect(view.button('Copy statement')).toBeTruthy();
  });

  it('follows the WAI-ARIA tabs pattern: one tab stop, arrows move and activate, Home and End', async () => {
    const view = await mount(<ReportView result={result} snapshot={snapshot} rules={RULES} />);
    const list = view.root.querySelector('[role="tablist"]')!;
    expect(tabs(view.root).filter((t) => t.tabIndex === 0)).toHaveLength(1);
    tabs(view.root)[0].focus();
    await key(tabs(view.root)[0], 'ArrowRight');
    expect(selectedTab(view.root)).toMatch(/^Findings/);
    expect(document.activeElement?.textContent).toMatch(/^Findings/);
    const panel = view.root.querySelector('[role="tabpanel"]')!;
    expect(panel.getAttribute('aria-labelledby')).toBe(document.activeElement?.id);
    await key(list, 'End');
    expect(selectedTab(view.root)).toBe('Script');
    await key(list, 'ArrowRight');
    expect(selectedTab(view.root)).toBe('Overview');
    await key(list, 'ArrowLeft');
    expect(selectedTab(view.root)).toBe('Script');
    await key(list, 'Home');
    expect(selectedTab(view.root)).toBe('Overview');
  });

  it('renders every view without a snapshot, saying what is missing', async () => {
    const view = await mount(<ReportView result={result} rules={RULES} />);
    const missing = 'The collected app data is not available.';
    const expected: Record<string, string> = {
      Overview: 'The collected app data is not available, so memory and timing charts cannot be shown.',
      Findings: result.findings[0].message, // the findings come from the result, not the snapshot
      'Data model': 'The data model was not collected',
      Sheets: missing,
      Expressions: missing,
      'Variables & items': missing,
      Script: missing,
    };
    const seen: string[] = [];
    for (const tab of tabs(view.root)) {
      await act(() => tab.click());
      const name = tab.textContent!.replace(/ \(\d+\)$/, '');
      seen.push(name);
      expect(view.root.querySelector('[role="tabpanel"]')?.textContent, name).toContain(expected[name]);
    }
    expect(seen).toEqual(Object.keys(expected));
    expect(result.findings.length).toBeGreaterThan(0);
  });

  it('renders every view with the snapshot', async () => {
    const view = await mount(<ReportView result={result} snapshot={snapshot} rules={RULES} />);
    await view.click('Data model');
    expect(view.root.querySelector('[data-testid="key-graph"] svg')).not.toBeNull();
    expect(view.text()).toContain('Customers ↔ Orders: CustomerID');
    await view.click('Sheets');
    expect(view.text()).toContain('مبيعات حسب المنطقة');
    await view.click('Expressions');
    expect(view.root.querySelector('[data-status="error"] mark')?.textContent).toBe('[No Such Field]');
    await view.click('Variables & items');
    expect(view.text()).toContain('Total sales');
    expect(view.text()).toContain('Not in the data model: Gone');
    await view.click('Script');
    // the section with the syntax error opens first, the error marked
    expect(view.root.querySelector('[data-testid="script-text"]')?.textContent).toContain('1 syntax error marked below.');
    expect(view.root.querySelector('.qr-script-error mark')?.textContent).toBe('bad');
  });

  it('renders hostile names as text, never as markup', async () => {
    const hostile = '<img src=x onerror="alert(1)">';
    const withHostile: AnalysisResult = {
      ...result,
      app: { id: 'a', name: hostile },
      findings: [finding({ message: hostile, target: { kind: 'object', id: 'o', name: '<script>bad()</script>' } })],
    };
    const view = await mount(<ReportView result={withHostile} snapshot={snapshot} rules={RULES} initialTab="findings" />);
    expect(view.root.querySelector('img')).toBeNull();
    expect(view.root.querySelector('script')).toBeNull();
    expect(view.text()).toContain(hostile);
    await view.click('Sheets');
    expect(view.text()).toContain('Overview <script>alert(1)</script>');
    expect(view.root.querySelector('script')).toBeNull();
    // user text takes its direction from its own content
    expect(view.root.querySelector('bdi[dir="auto"]')).not.toBeNull();
  });

  it('passes "Show in app" targets to the page', async () => {
    const onShowInApp = vi.fn();
    const view = await mount(<ReportView result={result} snapshot={snapshot} rules={RULES} initialTab="sheets" onShowInApp={onShowInApp} />);
    await view.click('Show sheet in app');
    expect(onShowInApp).toHaveBeenCalledWith(expect.objectContaining({ kind: 'sheet', id: 'sheet-1' }));
  });
});
