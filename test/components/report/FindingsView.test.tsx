// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FindingsView, type FindingsViewProps } from '@/components/report/FindingsView';
import { defaultCanShowInApp } from '@/components/report/labels';
import type { Finding } from '@/lib/analyze/result';
import { createFormatter } from '@/lib/report/format';
import { ruleDocLookup } from '@/lib/report/rule-docs';
import { RULES } from '@/lib/rules';
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

describe('FindingsView', () => {
  it('renders only a window of 10,000 findings and says how many there are', async () => {
    const view = await mount(<FindingsView {...props(manyFindings(10_000))} />);
    expect(count(view.root)).toBe('10,000 of 10,000 findings');
    const shown = rows(view.root);
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(40);
    expect(shown[0].getAttribute('aria-setsize')).toBe('10000');
  });

  it('moves through the list with the keyboard and shows the active finding in full', async () => {
    const view = await mount(<FindingsView {...props(manyFindings(500))} />);
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
    await press(listbox(root), 'ArrowDown');
    await press(listbox(root), 'ArrowDown');
    const chosen = root.querySelector('[data-testid="finding-details"] p')?.textContent;
    await rerender(list.slice(1));
    expect(root.querySelector('[data-testid="finding-details"] p')?.textContent).toBe(chosen);
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
