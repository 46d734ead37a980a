// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { DataModelView } from '../../../components/report/DataModelView';
import { createFormatter } from '../../../lib/report/format';
import { salesApp } from '../../lib/report/fixtures';
import { act, mount } from '../render';

afterEach(() => {
  document.body.innerHTML = '';
});

const fieldNames = (root: Element) =>
  [...[...root.querySelectorAll('table')][1].querySelectorAll('tbody tr:not(.qr-subrow)')].map((tr) => tr.querySelector('td bdi')?.textContent);

describe('DataModelView', () => {
  it('sorts fields by a column, both ways, and says so with aria-sort', async () => {
    const view = await mount(<DataModelView snapshot={salesApp()} fmt={createFormatter('en-US')} />);
    expect(fieldNames(view.root).slice(0, 2)).toEqual(['Comment', 'Sales']); // largest first
    const header = () => [...view.root.querySelectorAll('table')][1].querySelector('th:first-child')!;
    await act(() => header().querySelector('button')!.click());
    expect(header().getAttribute('aria-sort')).toBe('ascending');
    expect(fieldNames(view.root)).toEqual(['Comment', 'Customer', 'CustomerID', 'OrderID', 'Region', 'Sales']);
    await act(() => header().querySelector('button')!.click());
    expect(header().getAttribute('aria-sort')).toBe('descending');
    expect(fieldNames(view.root)[0]).toBe('Sales');
  });

  it('filters to unused fields and shows where a field is used', async () => {
    const view = await mount(<DataModelView snapshot={salesApp()} fmt={createFormatter('en-US')} />);
    expect(view.text()).toContain('Where Region is used');
    expect(view.text()).toContain('bookmark in bookmark East only');
    const select = [...view.root.querySelectorAll('select')].find((s) => s.closest('label')?.textContent?.startsWith('Show'))!;
    await act(() => {
      select.value = 'unused';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(fieldNames(view.root)).toEqual(['Comment']);
  });

  it('says why there is nothing to show without a data model', async () => {
    const view = await mount(<DataModelView snapshot={{ ...salesApp(), dataModel: undefined }} fmt={createFormatter('en-US')} />);
    expect(view.text()).toContain('The data model was not collected');
  });
});

describe('KeyGraph', () => {
  const viewBox = (root: Element) => root.querySelector('[data-testid="key-graph-svg"]')?.getAttribute('viewBox');
  const press = (target: Element, key: string) => act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })));

  it('draws each table as a box sized to its name, the keys as lines, and lists the links as text', async () => {
    const view = await mount(<DataModelView snapshot={salesApp()} fmt={createFormatter('en-US')} />);
    const graph = view.root.querySelector('[data-testid="key-graph"]')!;
    expect(graph.querySelectorAll('rect')).toHaveLength(2);
    expect(graph.querySelectorAll('polyline')).toHaveLength(1);
    expect(graph.querySelector('[aria-label="Key links"]')?.textContent).toBe('Customers ↔ Orders: CustomerID');
  });

  it('zooms and pans by buttons and keys, and fits again', async () => {
    const view = await mount(<DataModelView snapshot={salesApp()} fmt={createFormatter('en-US')} />);
    const whole = viewBox(view.root);
    await view.click('Zoom in');
    const zoomed = viewBox(view.root);
    expect(Number(zoomed?.split(' ')[2])).toBeLessThan(Number(whole?.split(' ')[2]));
    const frame = view.root.querySelector<HTMLElement>('.qr-graph-frame')!;
    expect(frame.tabIndex).toBe(0);
    await press(frame, 'ArrowRight');
    expect(Number(viewBox(view.root)?.split(' ')[0])).toBeGreaterThan(Number(zoomed?.split(' ')[0]));
    await press(frame, '0');
    expect(viewBox(view.root)).toBe(whole);
    await view.click('Zoom out');
    expect(Number(viewBox(view.root)?.split(' ')[2])).toBeGreaterThan(Number(whole?.split(' ')[2]));
    await view.click('Fit');
    expect(viewBox(view.root)).toBe(whole);
  });
});
