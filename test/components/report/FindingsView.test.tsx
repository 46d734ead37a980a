// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FindingsView, type FindingsViewProps } from '../../../components/report/FindingsView';
import { defaultCanShowInApp } from '../../../components/report/labels';
import type { Finding } from '../../../lib/analyze/result';
import { createFormatter } from '../../../lib/report/format';
import { ruleDocLookup } from '../../../lib/report/rule-docs';
import { RULES } from '../../../lib/rules';
import { finding, manyFindings } from '../../lib/report/fixtures';
import { act, mount } from '../render';

afterEach(() => {
  document.body.innerHTML = '';
});

function props(findings: Finding[], extra: Partial<FindingsViewProps> = {}): FindingsViewProps {
  return {
    findings,
    suppressed: [],
    ruleDoc: ruleDocLookup(RULES),
    fmt: createFormatter('en-US'),
    canShowInApp: defaultCanShowInApp,
    ...extra,
  };
}

const rows = (root: Element) => [...root.querySelectorAll('[role="option"]')];
const listbox = (root: Element) => root.querySelector<HTMLElement>('[role="listbox"]')!;
const press = (target: Element, key: string) => act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })));
const count = (root: Element) => root.querySelector('[data-testid="findings-count"]')?.textContent;
async function change(element: HTMLInputElement | HTMLSelectElement, value: string, type = 'change') {
  await act(() => {
    element.value = value;
    element.dispatchEvent(new Event(type, { bubbles: true }));
  });
}
const field = <T extends Element>(root: Element, label: string) => {
  const found = [...root.querySelectorAll('label')].find((l) => l.textContent?.startsWith(label))?.querySelector('input, select');
  if (!found) throw new Error(`no field ${label}`);
  return found as unknown as T;
};

/** one row per finding, as before grouping became the default */
const ungrouped = (root: Element) => change(field<HTMLSelectElement>(root, 'Group by'), 'none');

describe('FindingsView', () => {
  it('renders only a window of 10,000 findings and says how many there are', async () => {
    const view = await mount(<FindingsView {...props(manyFindings(10_000))} />);
    await ungrouped(view.root);
    expect(count(view.root)).toBe('10,000 of 10,000 findings');
    const shown = rows(view.root);
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(40);
    expect(shown[0].getAttribute('aria-setsize')).toBe('10000');
  });

  it('moves through the list with the keyboard and shows the active finding in full', async () => {
    const view = await mount(<FindingsView {...props(manyFindings(500))} />);
    await ungrouped(view.root);
    const list = listbox(view.root);
    expect(list.tabIndex).toBe(0);
    expect(list.getAttribute('aria-activedescendant')).toBe('qr-finding-row-0');
    await press(list, 'ArrowDown');
    await press(list, 'ArrowDown');
    expect(list.getAttribute('aria-activedescendant')).toBe('qr-finding-row-2');
    await press(list, 'End');
    expect(list.getAttribute('aria-activedescendant')).toBe('qr-finding-row-499');
    // the last row is rendered after jumping there (the window followed)
    expect(view.root.querySelector('#qr-finding-row-499')?.getAttribute('aria-selected')).toBe('true');
    const details = view.root.querySelector('[data-testid="finding-details"]')!;
    const last = view.root.querySelector('#qr-finding-row-499')!.textContent!;
    expect(last).toContain(details.querySelector('p')!.textContent!.slice(0, 20));
    await press(list, 'Home');
    expect(list.getAttribute('aria-activedescendant')).toBe('qr-finding-row-0');
    // Enter takes the keyboard to the details, where the actions are
    await press(list, 'Enter');
    expect(document.activeElement?.id).toBe('qr-details-title');
  });

  it('filters by severity, rule, sheet and text, and clears the filters', async () => {
    const view = await mount(<FindingsView {...props(manyFindings(300))} />);
    await ungrouped(view.root);
    await view.click(/^Warning/);
    expect(count(view.root)).toBe('100 of 300 findings');
    expect(rows(view.root).every((r) => r.querySelector('[data-severity="warning"]'))).toBe(true);
    await view.click(/^Warning/);
    await change(field<HTMLSelectElement>(view.root, 'Rule'), 'D08');
    expect(count(view.root)).toBe('100 of 300 findings');
    await change(field<HTMLSelectElement>(view.root, 'Sheet'), 'sheet-3');
    const onSheet = Number(count(view.root)?.split(' ')[0]);
    expect(onSheet).toBeGreaterThan(0);
    expect(onSheet).toBeLessThan(100);
    await change(field<HTMLInputElement>(view.root, 'Search'), 'object 5', 'input');
    expect(Number(count(view.root)?.split(' ')[0])).toBeLessThan(onSheet);
    await view.click('Clear filters');
    expect(count(view.root)).toBe('300 of 300 findings');
  });

  it('groups by rule with a header per rule', async () => {
    const view = await mount(<FindingsView {...props(manyFindings(9))} />);
    await change(field<HTMLSelectElement>(view.root, 'Group by'), 'rule');
    const headers = [...view.root.querySelectorAll('[data-testid="finding-group"]')].map((h) => h.textContent);
    expect(headers).toEqual(['Q02 unknown-field3', 'P01 slow-object3', 'D08 missing-object-title3']);
  });

  it('shows why and how to fix from the rule, the marked expression, and the actions', async () => {
    const onShowInApp = vi.fn();
    const onSuppress = vi.fn();
    const f = finding({ rule: 'Q02', expression: { text: 'Sum([Nope])', from: 4, to: 10 } });
    const view = await mount(<FindingsView {...props([f], { onShowInApp, onSuppress })} />);
    const details = view.root.querySelector('[data-testid="finding-details"]')!;
    const rule = RULES.find((r) => r.code === 'Q02')!;
    expect(details.textContent).toContain(rule.why.text);
    expect(details.textContent).toContain(rule.howToFix);
    expect(details.querySelector('mark')?.textContent).toBe('[Nope]');
    for (const link of details.querySelectorAll('a')) expect(link.getAttribute('href')).toMatch(/^https?:/);
    await view.click('Show in app');
    expect(onShowInApp).toHaveBeenCalledWith(f.target);
    await view.click('Hide this finding');
    expect(onSuppress).toHaveBeenCalledWith(f);
  });

  it('shows hidden findings on request, each with Unhide', async () => {
    const onUnsuppress = vi.fn();
    const hidden = finding({ message: 'A hidden one' });
    const view = await mount(<FindingsView {...props([finding()], { suppressed: [hidden], onUnsuppress })} />);
    const checkbox = [...view.root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')][0];
    await act(() => {
      checkbox.checked = true;
      checkbox.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(count(view.root)).toBe('1 of 1 hidden findings');
    expect(view.text()).toContain('A hidden one');
    await view.click('Unhide');
    expect(onUnsuppress).toHaveBeenCalledWith(hidden);
  });

  it('keeps the selection on the same finding when the findings change', async () => {
    const list = manyFindings(20);
    const { rerender, root } = await mountWith(list);
    await ungrouped(root);
    await press(listbox(root), 'ArrowDown');
    await press(listbox(root), 'ArrowDown');
    const chosen = root.querySelector('[data-testid="finding-details"] p')?.textContent;
    await rerender(list.slice(1));
    expect(root.querySelector('[data-testid="finding-details"] p')?.textContent).toBe(chosen);
  });

  it('groups by default: Fix first with its gain, one row per cause that opens into its places, style rules as one row, suggestions and passed rules collapsed', async () => {
    const { fixFirst } = await import('../../../lib/report/fix-first');
    const { analysedSalesApp } = await import('../../lib/report/fixtures');
    const gone = ['a', 'b', 'c'].map((id) => finding({ rule: 'Q02', data: { field: 'Gone' }, message: `Field "Gone" in ${id}`, target: { kind: 'object', id, name: 'barchart', sheet: { id: 's', name: 'Sales' } } }));
    const colours = Array.from({ length: 400 }, (_, i) => finding({ rule: 'D09', name: 'hard-coded-colour', severity: 'info', category: 'design', expression: { text: `RGB(${i},1,1)`, from: 0, to: 3 } }));
    const findings = [...gone, ...colours];
    const { result } = analysedSalesApp();
    const items = fixFirst({ ...result, findings, rules: [] });
    const onShowInApp = vi.fn();
    const view = await mount(<FindingsView {...props(findings, { fixFirst: items, passed: [{ rule: 'Q03', name: 'unknown-set-identifier' }], onShowInApp })} />);
    const sections = () => [...view.root.querySelectorAll('[data-testid="finding-section"]')].map((s) => s.getAttribute('data-section'));
    expect(sections()).toEqual(['fix-first', 'suggestions', 'passed']);
    const groups = () => [...view.root.querySelectorAll('[data-testid="finding-cause-group"]')];
    expect(groups()).toHaveLength(1);
    expect(groups()[0].textContent).toContain('Fixes 3 broken items');
    // the first group is active and its details say what fixing it gains
    expect(view.root.querySelector('[data-testid="group-details"]')?.textContent).toContain('Fixes 3 broken items');
    // Enter opens it into its three places, each named by type and sheet, each with its own details and Show in app
    const list = listbox(view.root);
    await press(list, 'Enter');
    const places = [...view.root.querySelectorAll('[data-testid="finding-row"]')];
    expect(places).toHaveLength(3);
    expect(places[0].textContent).toContain('Bar chart on Sales');
    await press(list, 'ArrowDown');
    await view.click('Show in app');
    expect(onShowInApp).toHaveBeenCalledWith(gone[0].target);
    // suggestions open into one row for the 400 colours (D09 rolls up)
    const suggestions = [...view.root.querySelectorAll('[role="option"]')].findIndex((o) => o.querySelector('[data-section="suggestions"]'));
    await act(() => (view.root.querySelectorAll<HTMLElement>('[role="option"]')[suggestions]).click());
    expect(groups().filter((g) => g.textContent?.includes('D09'))).toHaveLength(1);
    expect(groups().find((g) => g.textContent?.includes('D09'))?.textContent).toContain('400 places');
  });

  it('starts with the findings: search and one Filters button, the other filters folded', async () => {
    const view = await mount(<FindingsView {...props(manyFindings(30))} />);
    const toggle = view.button('Filters');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    expect(view.root.querySelector<HTMLElement>('#qr-filter-panel')?.hidden).toBe(true);
    await view.click('Filters');
    expect(view.root.querySelector<HTMLElement>('#qr-filter-panel')?.hidden).toBe(false);
    await view.click(/^Warning/);
    expect(view.button(/^Filters \(1\)/)).toBeTruthy();
  });

  it('says so when nothing matches', async () => {
    const view = await mount(<FindingsView {...props([])} />);
    expect(view.text()).toContain('No findings: nothing to fix.');
  });
});

async function mountWith(findings: Finding[]) {
  const { render } = await import('preact');
  const root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<FindingsView {...props(findings)} />, root));
  return { root, rerender: (next: Finding[]) => act(() => render(<FindingsView {...props(next)} />, root)) };
}

describe('FindingsView in a narrow panel', () => {
  it('marks the details open after Enter or a click on a finding, and Back closes them', async () => {
    const view = await mount(<FindingsView {...props(manyFindings(6))} />);
    await change(field<HTMLSelectElement>(view.root, 'Group by'), 'none');
    const section = view.root.querySelector('[data-testid="findings-view"]')!;
    expect(section.getAttribute('data-details-open')).toBe('false');
    await act(() => view.root.querySelectorAll<HTMLElement>('[role="option"]')[1].click());
    expect(section.getAttribute('data-details-open')).toBe('true');
    await view.click(/Back to the findings/);
    expect(section.getAttribute('data-details-open')).toBe('false');
    await press(listbox(view.root), 'Enter');
    expect(section.getAttribute('data-details-open')).toBe('true');
  });
});
