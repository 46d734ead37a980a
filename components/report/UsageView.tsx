// The Variables, master items and bookmarks tab: how often each is used and where, unused first,
// searchable by name or definition; each table shows a page at a time.
import { useMemo, useState } from 'preact/hooks';
import type { Formatter } from '../../lib/report/format';
import { bookmarkRows, masterItemUsage, usageOf, variableUsage, type UsageRow } from '../../lib/report/usage';
import type { AppSnapshot } from '../../lib/snapshot/schema';
import { SortableTable, type Column } from './SortableTable';
import { Name, TableWrap } from './Text';
import { TARGET_KIND_LABEL } from './labels';
import { CopyButton } from './export/CopyButton';

export function UsageView({ snapshot, fmt }: { snapshot?: AppSnapshot; fmt: Formatter }) {
  const usage = useMemo(() => (snapshot ? usageOf(snapshot) : undefined), [snapshot]);
  const [text, setText] = useState('');
  if (!snapshot || !usage) {
    return (
      <section aria-labelledby="qr-usage-title">
        <h2 id="qr-usage-title">Variables, master items and bookmarks</h2>
        <p class="muted">The collected app data is not available.</p>
      </section>
    );
  }
  if (usage instanceof Error) {
    return (
      <section aria-labelledby="qr-usage-title">
        <h2 id="qr-usage-title">Variables, master items and bookmarks</h2>
        <p class="alert">Where items are used could not be worked out: {usage.message}</p>
      </section>
    );
  }
  const needle = text.trim().toLocaleLowerCase();
  const matches = (...parts: (string | undefined)[]) => !needle || parts.some((p) => p?.toLocaleLowerCase().includes(needle));
  const only = (rows: UsageRow[]) => rows.filter((r) => matches(r.name, r.detail));
  const masters = masterItemUsage(snapshot, usage);
  const bookmarks = bookmarkRows(snapshot).filter((b) => matches(b.title, ...b.fields));
  return (
    <section aria-labelledby="qr-usage-title" data-testid="usage-view">
      <h2 id="qr-usage-title">Variables, master items and bookmarks</h2>
      <div class="qr-filter-grid">
        <label>
          Find
          <input type="search" value={text} placeholder="Name or definition…" onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} />
        </label>
      </div>
      <UsageTable caption="Variables" rows={only(variableUsage(snapshot, usage))} fmt={fmt} />
      <UsageTable caption="Master measures" rows={only(masters.measures)} fmt={fmt} />
      <UsageTable caption="Master dimensions" rows={only(masters.dimensions)} fmt={fmt} />
      <UsageTable caption="Master visualizations" rows={only(masters.visualizations)} fmt={fmt} />
      <TableWrap label="Bookmarks">
        <table class="qr-table">
          <caption>Bookmarks ({fmt.number(bookmarks.length)})</caption>
          <thead>
            <tr>
              <th scope="col">Bookmark</th>
              <th scope="col">Sheet</th>
              <th scope="col">Selects in</th>
            </tr>
          </thead>
          <tbody>
            {bookmarks.map((b) => (
              <tr key={b.id}>
                <td><Name>{b.title}</Name></td>
                <td>{b.sheetTitle !== undefined ? <Name>{b.sheetTitle}</Name> : '–'}</td>
                <td>
                  <Name>{b.fields.join(', ') || '–'}</Name>
                  {b.unknownFields.length > 0 && (
                    <div class="alert qr-small">
                      Not in the data model: <Name>{b.unknownFields.join(', ')}</Name>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function UsageTable({ caption, rows, fmt }: { caption: string; rows: UsageRow[]; fmt: Formatter }) {
  const columns: Column<UsageRow, 'name' | 'uses' | 'places'>[] = [
    { key: 'name', label: 'Name', value: (r) => r.name, render: (r) => <><Name>{r.name}</Name>{r.detail && <div class="muted qr-small qr-code-inline" dir="ltr">{r.detail} <CopyButton text={r.detail} what={`the definition of ${r.name}`} /></div>}</> },
    { key: 'uses', label: 'Uses', value: (r) => r.uses.length, render: (r) => (r.uses.length === 0 ? 'unused' : fmt.number(r.uses.length)), numeric: true },
    {
      key: 'places',
      label: 'Where',
      value: (r) => r.places.length,
      render: (r) => (
        <ul class="qr-plain">
          {r.places.slice(0, 5).map((p) => (
            <li key={`${p.kind}:${p.id}`}>
              {TARGET_KIND_LABEL[p.kind]} <Name>{p.name || p.id}</Name>
            </li>
          ))}
          {r.places.length > 5 && <li class="muted">…and {fmt.number(r.places.length - 5)} more</li>}
        </ul>
      ),
    },
  ];
  return <SortableTable caption={`${caption} (${fmt.number(rows.length)})`} columns={columns} rows={rows} rowKey={(r) => r.key} initialSort={{ key: 'uses', direction: 'ascending' }} locale={fmt.locale} />;
}
