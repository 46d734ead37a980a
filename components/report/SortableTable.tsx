// A table with sortable columns (a button in each header, aria-sort on the sorted one), rows shown
// a page at a time so thousands of fields or expressions stay fast.
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { TableWrap } from './Text';
import { sortRows, toggleSort, type SortState, type SortValue } from '../../lib/report/sort';

export interface Column<T, K extends string> {
  key: K;
  label: string;
  value(row: T): SortValue;
  render?(row: T): ComponentChildren;
  numeric?: boolean;
}

interface Props<T, K extends string> {
  caption: string;
  columns: readonly Column<T, K>[];
  rows: readonly T[];
  rowKey(row: T): string;
  initialSort: SortState<K>;
  locale?: string;
  pageSize?: number;
  /** a second row under each row (where used, …) */
  expand?(row: T): ComponentChildren;
}

export function SortableTable<T, K extends string>({ caption, columns, rows, rowKey, initialSort, locale, pageSize = 100, expand }: Props<T, K>) {
  const [sort, setSort] = useState(initialSort);
  const [shown, setShown] = useState(pageSize);
  const sorted = useMemo(() => {
    const byKey = new Map(columns.map((c) => [c.key, c]));
    return sortRows(rows, sort, (row, key) => byKey.get(key)?.value(row), locale);
  }, [rows, sort, columns, locale]);
  const visible = sorted.slice(0, shown);
  return (
    <TableWrap label={caption}>
      <table class="qr-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                class={c.numeric ? 'qr-num' : undefined}
                aria-sort={sort.key === c.key ? sort.direction : undefined}
              >
                <button type="button" class="qr-sort" onClick={() => setSort(toggleSort(sort, c.key, c.numeric ? 'descending' : 'ascending'))}>
                  {c.label}
                  <span aria-hidden="true">{sort.key === c.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {visible.map((row) => {
            const extra = expand?.(row);
            return [
              <tr key={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.key} class={c.numeric ? 'qr-num' : undefined}>
                    {c.render ? c.render(row) : String(c.value(row) ?? '')}
                  </td>
                ))}
              </tr>,
              extra ? (
                <tr key={`${rowKey(row)}:more`} class="qr-subrow">
                  <td colSpan={columns.length}>{extra}</td>
                </tr>
              ) : null,
            ];
          })}
        </tbody>
      </table>
      {sorted.length > shown && (
        <button type="button" class="qr-more" onClick={() => setShown(shown + pageSize)}>
          Show {Math.min(pageSize, sorted.length - shown)} more of {sorted.length - shown}
        </button>
      )}
    </TableWrap>
  );
}
