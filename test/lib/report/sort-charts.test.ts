import { describe, expect, it } from 'vitest';
import { barChart } from '../../../lib/report/charts';
import { sortRows, toggleSort } from '../../../lib/report/sort';

describe('sortRows', () => {
  const rows = [
    { name: 'b', size: 10 },
    { name: 'A', size: undefined },
    { name: 'item 10', size: 3 },
    { name: 'item 9', size: 3 },
  ];
  const value = (row: (typeof rows)[number], key: 'name' | 'size') => row[key];

  it('sorts numbers numerically, keeps ties in order and puts missing values last', () => {
    expect(sortRows(rows, { key: 'size', direction: 'descending' }, value).map((r) => r.name)).toEqual(['b', 'item 10', 'item 9', 'A']);
    expect(sortRows(rows, { key: 'size', direction: 'ascending' }, value).map((r) => r.name)).toEqual(['item 10', 'item 9', 'b', 'A']);
  });

  it('sorts text with the locale collation, numbers inside names numerically', () => {
    expect(sortRows(rows, { key: 'name', direction: 'ascending' }, value, 'en').map((r) => r.name)).toEqual(['A', 'b', 'item 9', 'item 10']);
  });

  it('flips the direction on the same column and starts anew on another', () => {
    expect(toggleSort({ key: 'a', direction: 'ascending' }, 'a')).toEqual({ key: 'a', direction: 'descending' });
    expect(toggleSort<'a' | 'b'>({ key: 'a', direction: 'ascending' }, 'b')).toEqual({ key: 'b', direction: 'descending' });
  });
});

describe('barChart', () => {
  it('orders bars largest first, scales them to the largest and keeps small ones visible', () => {
    const { bars, max } = barChart([
      { label: 'small', value: 1 },
      { label: 'big', value: 1000 },
      { label: 'zero', value: 0 },
      { label: 'half', value: 500 },
    ]);
    expect(max).toBe(1000);
    expect(bars.map((b) => [b.label, b.length])).toEqual([
      ['big', 100],
      ['half', 50],
      ['small', 1],
      ['zero', 0],
    ]);
  });

  it('limits the number of bars and leaves out negative and non-finite values', () => {
    const { bars } = barChart(
      [
        { label: 'a', value: 3 },
        { label: 'nan', value: Number.NaN },
        { label: 'neg', value: -4 },
        { label: 'b', value: 2 },
        { label: 'c', value: 1 },
      ],
      { limit: 2 },
    );
    expect(bars.map((b) => b.label)).toEqual(['a', 'b']);
  });

  it('draws an all-zero chart without dividing by zero', () => {
    expect(barChart([{ label: 'a', value: 0 }]).bars[0]).toMatchObject({ ratio: 0, length: 0 });
  });
});
