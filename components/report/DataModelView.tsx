// The Data model tab: tables, fields (sortable, with rows, distinct values, bytes, key type,
// used or not and where), and the key graph beside the tables.
import { useMemo, useState } from 'preact/hooks';
import { fieldRows, KEY_TYPE_LABEL, tableRows, type FieldRow, type TableRow } from '../../lib/report/data-model';
import type { Formatter } from '../../lib/report/format';
import { targetDisplayName } from '../../lib/report/names';
import { USE_KIND_LABEL, usageOf } from '../../lib/report/usage';
import type { AppSnapshot } from '../../lib/snapshot/schema';
import { KeyGraph } from './KeyGraph';
import { SortableTable, type Column } from './SortableTable';
import { Name } from './Text';
import { TARGET_KIND_LABEL } from './labels';

type FieldFilter = 'all' | 'used' | 'unused' | 'keys';

export function DataModelView({ snapshot, fmt }: { snapshot?: AppSnapshot; fmt: Formatter }) {
  const model = snapshot?.dataModel;
  const usage = useMemo(() => (snapshot ? usageOf(snapshot) : undefined), [snapshot]);
  const fields = useMemo(() => (model ? fieldRows(model, usage instanceof Error ? undefined : usage) : []), [model, usage]);
  const [text, setText] = useState('');
  const [which, setWhich] = useState<FieldFilter>('all');
  const shownFields = useMemo(() => {
    const needle = text.trim().toLocaleLowerCase();
    return fields.filter(
      (f) =>
        (!needle || f.name.toLocaleLowerCase().includes(needle) || f.tables.some((t) => t.toLocaleLowerCase().includes(needle))) &&
        (which === 'all' || (which === 'used' && f.used === true) || (which === 'unused' && f.used === false) || (which === 'keys' && f.keyType !== 'NOT_KEY')),
    );
  }, [fields, text, which]);

  if (!model) {
    return (
      <section aria-labelledby="qr-model-title">
        <h2 id="qr-model-title">Data model</h2>
        <p class="muted">The data model was not collected (a direct query app, or the engine did not answer).</p>
      </section>
    );
  }

  const tableColumns: Column<TableRow, 'name' | 'rows' | 'fields' | 'bytes'>[] = [
    { key: 'name', label: 'Table', value: (t) => t.name, render: (t) => <><Name>{t.name}</Name>{t.isSynthetic && <span class="muted"> (synthetic)</span>}</> },
    { key: 'rows', label: 'Rows', value: (t) => t.rows, render: (t) => fmt.number(t.rows), numeric: true },
    { key: 'fields', label: 'Fields', value: (t) => t.fieldCount, render: (t) => fmt.number(t.fieldCount), numeric: true },
    { key: 'bytes', label: 'Memory', value: (t) => t.bytes, render: (t) => (t.bytes === undefined ? '–' : fmt.bytes(t.bytes)), numeric: true },
  ];
  const fieldColumns: Column<FieldRow, 'name' | 'rows' | 'distinct' | 'bytes' | 'key' | 'used'>[] = [
    { key: 'name', label: 'Field', value: (f) => f.name, render: (f) => <><Name>{f.name}</Name><br /><span class="muted qr-small"><Name>{f.tables.join(', ')}</Name></span></> },
    { key: 'rows', label: 'Rows', value: (f) => f.rows, render: (f) => fmt.number(f.rows), numeric: true },
    { key: 'distinct', label: 'Distinct', value: (f) => f.distinct, render: (f) => fmt.number(f.distinct), numeric: true },
    { key: 'bytes', label: 'Memory', value: (f) => f.bytes, render: (f) => (f.bytes === undefined ? '–' : fmt.bytes(f.bytes)), numeric: true },
    { key: 'key', label: 'Key', value: (f) => KEY_TYPE_LABEL[f.keyType] || undefined, render: (f) => KEY_TYPE_LABEL[f.keyType] },
    { key: 'used', label: 'Used', value: (f) => (f.used === undefined ? undefined : f.uses.length), render: (f) => (f.used === undefined ? '?' : f.used ? fmt.number(f.uses.length) : 'unused'), numeric: true },
  ];

  return (
    <section aria-labelledby="qr-model-title" data-testid="data-model-view">
      <h2 id="qr-model-title">Data model</h2>
      {usage instanceof Error && <p class="alert">Where fields are used could not be worked out: {usage.message}</p>}
      <div class="qr-model-top">
        <SortableTable caption={`Tables (${fmt.number(model.tables.length)})`} columns={tableColumns} rows={tableRows(model)} rowKey={(t) => t.name} initialSort={{ key: 'bytes', direction: 'descending' }} locale={fmt.locale} />
        <KeyGraph model={model} />
      </div>
      <div class="qr-filter-grid">
        <label>
          Find a field
          <input type="search" value={text} onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          Show
          <select value={which} onChange={(e) => setWhich((e.currentTarget as HTMLSelectElement).value as FieldFilter)}>
            <option value="all">All fields</option>
            <option value="used">Used fields</option>
            <option value="unused">Unused fields</option>
            <option value="keys">Keys</option>
          </select>
        </label>
      </div>
      <SortableTable
        caption={`Fields (${fmt.number(shownFields.length)} of ${fmt.number(fields.length)})`}
        columns={fieldColumns}
        rows={shownFields}
        rowKey={(f) => f.name}
        initialSort={{ key: 'bytes', direction: 'descending' }}
        locale={fmt.locale}
        expand={(f) =>
          f.uses.length > 0 ? (
            <details>
              <summary>Where <Name>{f.name}</Name> is used</summary>
              <ul class="qr-uses">
                {f.uses.slice(0, 50).map((u, i) => (
                  <li key={i}>
                    {USE_KIND_LABEL[u.kind]} in {TARGET_KIND_LABEL[u.target.kind].toLocaleLowerCase()} <Name>{targetDisplayName(u.target)}</Name>
                    {u.via && <> (via variable <Name>{u.via}</Name>)</>}
                  </li>
                ))}
                {f.uses.length > 50 && <li class="muted">…and {fmt.number(f.uses.length - 50)} more</li>}
              </ul>
            </details>
          ) : null
        }
      />
    </section>
  );
}
