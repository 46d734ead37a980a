// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { DataModelView } from '@/components/report/DataModelView';
import { createFormatter } from '@/lib/report/format';
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
