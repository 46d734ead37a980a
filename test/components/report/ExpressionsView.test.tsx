// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { ExpressionsView } from '../../../components/report/ExpressionsView';
import { analyse } from '../../../lib/rules/analyse';
import { createFormatter } from '../../../lib/report/format';
import { app } from '../../fixtures/builders';
import { analysedSalesApp } from '../../lib/report/fixtures';
import { act, mount } from '../render';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('ExpressionsView', () => {
  it('lists problems first', async () => {
    const { snapshot, result } = analysedSalesApp();
    const view = await mount(<ExpressionsView snapshot={snapshot} findings={result.findings} fmt={createFormatter('en-US')} />);
    const statuses = [...view.root.querySelectorAll('[data-testid="expression-row"]')].map((r) => r.getAttribute('data-status'));
    expect(statuses[0]).toBe('error');
    const order = ['error', 'warning', 'info', 'unchecked', 'ok'];
    expect([...statuses].sort((a, b) => order.indexOf(a!) - order.indexOf(b!))).toEqual(statuses);
  });

  it('offers a copy button on every expression card, marked or not', async () => {
    const { snapshot, result } = analysedSalesApp();
    const view = await mount(<ExpressionsView snapshot={snapshot} findings={result.findings} fmt={createFormatter('en-US')} />);
    const cards = [...view.root.querySelectorAll('[data-testid="expression-row"]')];
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) expect(card.querySelectorAll('[data-testid="copy-button"]')).toHaveLength(1);
  });

  it('renders only the cards in view of a long list, and searches all of them', async () => {
    let builder = app().table('Orders', { rows: 10, fields: ['Amount'] }).sheet({ id: 's1', title: 'Many' });
    for (let i = 0; i < 600; i++) builder = builder.kpi({ id: `k${i}`, title: `KPI ${i}`, measure: { def: `Sum(Amount) * ${i}` } });
    const snapshot = builder.build();
    const result = analyse(snapshot);
    const view = await mount(<ExpressionsView snapshot={snapshot} findings={result.findings} fmt={createFormatter('en-US')} />);
    const cards = () => view.root.querySelectorAll('[data-testid="expression-row"]').length;
    expect(view.text()).toContain(`of ${snapshot.expressions.length.toLocaleString('en-US')} expressions`);
    expect(cards()).toBeGreaterThan(0);
    expect(cards()).toBeLessThan(40);
    const search = view.root.querySelector<HTMLInputElement>('input[type="search"]')!;
    await act(() => {
      search.value = '* 599';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(cards()).toBe(1);
    expect(view.root.querySelector('[data-testid="expression-row"]')?.textContent).toContain('KPI 599');
  });
});

describe('UsageView', () => {
  it('lists unused items first and finds items by name or definition', async () => {
    const { UsageView } = await import('../../../components/report/UsageView');
    const { snapshot } = analysedSalesApp();
    const view = await mount(<UsageView snapshot={snapshot} fmt={createFormatter('en-US')} />);
    const variables = () => [...view.root.querySelectorAll('table')][0];
    expect(variables().querySelector('tbody tr')?.textContent).toContain('unused');
    const search = view.root.querySelector<HTMLInputElement>('input[type="search"]')!;
    await act(() => {
      search.value = 'vtarget';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(variables().querySelector('caption')?.textContent).toBe('Variables (1)');
    expect(variables().querySelector('tbody')?.textContent).toContain('vTarget');
  });
});
