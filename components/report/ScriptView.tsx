// The Script and reloads tab: last reloads, statements by duration and rows, warnings from the
// last reload log, and the script with the engine's syntax errors marked.
import { useMemo, useState } from 'preact/hooks';
import type { Formatter } from '../../lib/report/format';
import { lastReloads, logWarnings, reloadStatusWords, scriptTabs, statementRows, type StatementRow } from '../../lib/report/script';
import type { AppSnapshot } from '../../lib/snapshot/schema';
import { SortableTable, type Column } from './SortableTable';
import { Name, TableWrap } from './Text';

export function ScriptView({ snapshot, fmt }: { snapshot?: AppSnapshot; fmt: Formatter }) {
  if (!snapshot) {
    return (
      <section aria-labelledby="qr-script-title">
        <h2 id="qr-script-title">Script and reloads</h2>
        <p class="muted">The collected app data is not available.</p>
      </section>
    );
  }
  const reloads = lastReloads(snapshot);
  const warnings = logWarnings(snapshot);
  const statementColumns: Column<StatementRow, 'label' | 'duration' | 'rows' | 'bytes'>[] = [
    { key: 'label', label: 'Statement', value: (s) => s.label, render: (s) => <Name>{s.label}</Name> },
    { key: 'duration', label: 'Duration', value: (s) => s.durationMs, render: (s) => (s.durationMs === undefined ? '–' : fmt.duration(s.durationMs)), numeric: true },
    { key: 'rows', label: 'Rows', value: (s) => s.rows, render: (s) => (s.rows === undefined ? '–' : fmt.number(s.rows)), numeric: true },
    { key: 'bytes', label: 'Size', value: (s) => s.bytes, render: (s) => (s.bytes === undefined ? '–' : fmt.bytes(s.bytes)), numeric: true },
  ];
  return (
    <section aria-labelledby="qr-script-title" data-testid="script-view">
      <h2 id="qr-script-title">Script and reloads</h2>
      <TableWrap label="Last reloads">
        <table class="qr-table">
          <caption>Last reloads</caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Status</th>
              <th scope="col" class="qr-num">Duration</th>
            </tr>
          </thead>
          <tbody>
            {reloads.length === 0 ? (
              <tr>
                <td colSpan={3} class="muted">No reloads were collected.</td>
              </tr>
            ) : (
              reloads.map((r) => (
                <tr key={r.id}>
                  <td>{r.startTime ? fmt.dateTime(r.startTime) : r.creationTime ? fmt.dateTime(r.creationTime) : '–'}</td>
                  <td class="qr-wrap">
                    <Name>{reloadStatusWords(r.status)}</Name>
                    {r.partial && ' (partial)'}
                    {r.errorMessage && <div class="alert qr-small" dir="auto">{r.errorMessage}</div>}
                  </td>
                  <td class="qr-num">{r.durationMs === undefined ? '–' : fmt.duration(r.durationMs)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </TableWrap>
      <SortableTable caption="Statements of the last reload" columns={statementColumns} rows={statementRows(snapshot)} rowKey={(s) => String(s.index)} initialSort={{ key: 'duration', direction: 'descending' }} locale={fmt.locale} pageSize={50} />
      <h3>Reload log warnings</h3>
      {!snapshot.reloads?.lastLog ? (
        <p class="muted">The reload log was not collected.</p>
      ) : warnings.length === 0 ? (
        <p class="muted">No warnings or errors in the last reload log.</p>
      ) : (
        <ul class="qr-plain qr-log">
          {warnings.map((w) => (
            <li key={w.line} class={w.level === 'error' ? 'alert' : undefined}>
              <span class="muted">Line {fmt.number(w.line)}:</span> <code dir="auto">{w.text}</code>
            </li>
          ))}
        </ul>
      )}
      <h3>Load script</h3>
      {snapshot.script ? <ScriptText script={snapshot.script} fmt={fmt} /> : <p class="muted">The load script could not be read (no rights to read it, or the app has none).</p>}
    </section>
  );
}

function ScriptText({ script, fmt }: { script: NonNullable<AppSnapshot['script']>; fmt: Formatter }) {
  const tabs = useMemo(() => scriptTabs(script), [script]);
  const firstWithError = Math.max(0, tabs.findIndex((t) => t.errorCount > 0));
  const [tab, setTab] = useState(firstWithError);
  const current = tabs[Math.min(tab, tabs.length - 1)];
  if (!current) return <p class="muted">The script is empty.</p>;
  const errors = tabs.reduce((n, t) => n + t.errorCount, 0);
  return (
    <div data-testid="script-text">
      {script.syntaxErrors === undefined ? (
        <p class="muted">The syntax check could not run.</p>
      ) : (
        <p class={errors ? 'alert' : 'ok'}>{errors ? `${fmt.number(errors)} syntax error${errors === 1 ? '' : 's'} marked below.` : 'No syntax errors.'}</p>
      )}
      <label>
        Script section
        <select value={String(tabs.indexOf(current))} onChange={(e) => setTab(Number((e.currentTarget as HTMLSelectElement).value))}>
          {tabs.map((t, i) => (
            <option key={i} value={String(i)}>
              {t.name}
              {t.errorCount ? ` (${t.errorCount} error${t.errorCount === 1 ? '' : 's'})` : ''}
            </option>
          ))}
        </select>
      </label>
      <pre class="qr-script" dir="ltr" tabIndex={0} aria-label={`Script section ${current.name}`}>
        {current.lines.map((line) => (
          <span key={line.number} class={line.error ? 'qr-script-line qr-script-error' : 'qr-script-line'}>
            <span class="qr-line-no" aria-hidden="true">{line.number}</span>
            {line.error ? (
              <code>
                {line.text.slice(0, line.error.from)}
                <mark title="Syntax error">{line.text.slice(line.error.from, line.error.to) || ' '}</mark>
                {line.text.slice(line.error.to)}
                <span class="visually-hidden"> (syntax error on line {line.number})</span>
              </code>
            ) : (
              <code>{line.text}</code>
            )}
          </span>
        ))}
      </pre>
    </div>
  );
}
