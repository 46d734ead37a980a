// Sorting rows by a column: numbers numerically, text with the locale's collation, missing values last.

export type SortDirection = 'ascending' | 'descending';

export interface SortState<K extends string> {
  key: K;
  direction: SortDirection;
}

export type SortValue = string | number | boolean | undefined;

export function sortRows<T, K extends string>(rows: readonly T[], sort: SortState<K>, value: (row: T, key: K) => SortValue, locale?: string): T[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: value(row, sort.key) }))
    .sort((a, b) => {
      if (a.v === undefined || b.v === undefined) return a.v === b.v ? a.index - b.index : a.v === undefined ? 1 : -1;
      const order = typeof a.v === 'string' || typeof b.v === 'string' ? collator.compare(String(a.v), String(b.v)) : Number(a.v) - Number(b.v);
      return order * sign || a.index - b.index;
    })
    .map(({ row }) => row);
}

/** Clicking a column header: the same column flips direction, another starts with `initial`. */
export function toggleSort<K extends string>(current: SortState<K>, key: K, initial: SortDirection = 'descending'): SortState<K> {
  if (current.key !== key) return { key, direction: initial };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
