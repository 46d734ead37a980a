// The Expressions tab: every expression with where it is, its status and what it references,
// problems first, filtered by status and text, in a virtual list (only the cards in view exist).
import { useMemo, useState } from 'preact/hooks';
import type { Finding } from '../../lib/analyze/result';
import { expressionRows, problemsFirst, STATUS_LABEL, type ExpressionRow, type ExpressionStatus } from '../../lib/report/expressions';
import type { Formatter } from '../../lib/report/format';
import { analysisIndexOf } from '../../lib/report/usage';
import type { AppSnapshot } from '../../lib/snapshot/schema';
import { HighlightedExpression } from './FindingDetails';
import { Name } from './Text';
import { TARGET_KIND_LABEL } from './labels';
import { useVirtualizer } from './useVirtualizer';
import { CopyButton } from './export/CopyButton';

const STATUSES: readonly ExpressionStatus[] = ['error', 'warning', 'info', 'ok', 'unchecked'];

export function ExpressionsView({ snapshot, findings, fmt }: { snapshot?: AppSnapshot; findings: readonly Finding[]; fmt: Formatter }) {
  const rows = useMemo(() => (snapshot ? problemsFirst(expressionRows(snapshot, analysisIndexOf(snapshot), findings)) : []), [snapshot, findings]);
  const [status, setStatus] = useState<ExpressionStatus | ''>('');
  const [text, setText] = useState('');
  const filtered = useMemo(() => {
    const needle = text.trim().toLocaleLowerCase();
    return rows.filter(
      (r) =>
        (!status || r.status === status) &&
        (!needle || r.text.toLocaleLowerCase().includes(needle) || (r.owner.name ?? r.owner.id).toLocaleLowerCase().includes(needle) || r.fields.some((f) => f.toLocaleLowerCase().includes(needle))),
    );
  }, [rows, status, text]);
  const { scrollRef, virtualizer } = useVirtualizer({ count: filtered.length, estimateSize: 160, getItemKey: (i) => filtered[i]?.id ?? String(i) });
  if (!snapshot) {
    return (
      <section aria-labelledby="qr-expr-title">
        <h2 id="qr-expr-title">Expressions</h2>
        <p class="muted">The collected app data is not available.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="qr-expr-title" data-testid="expressions-view">
      <h2 id="qr-expr-title">Expressions</h2>
      <div class="qr-filter-grid">
        <label>
          Find
          <input type="search" value={text} onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value as ExpressionStatus | '')}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p role="status" class="muted">
        {fmt.number(filtered.length)} of {fmt.number(rows.length)} expressions
      </p>
      {filtered.length > 0 && (
        <div ref={scrollRef} class="qr-virtual-cards" tabIndex={0} role="region" aria-label="Expressions, problems first">
          <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
            <ul class="qr-plain qr-expressions" style={{ transform: `translateY(${virtualizer.getVirtualItems()[0]?.start ?? 0}px)` }}>
              {virtualizer.getVirtualItems().map((item) => {
                const r = filtered[item.index];
                return r ? <ExpressionCard key={item.key as string} row={r} index={item.index} measure={virtualizer.measureElement} /> : null;
              })}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}

function ExpressionCard({ row: r, index, measure }: { row: ExpressionRow; index: number; measure(node: HTMLElement | null): void }) {
  const marked = r.findings.find((f) => f.expression)?.expression;
  return (
    <li ref={measure} data-index={index} class="card" data-testid="expression-row" data-status={r.status}>
      <div class="row spread">
        <span class="qr-wrap">
          {r.where} of {TARGET_KIND_LABEL[r.owner.kind].toLocaleLowerCase()} <Name>{r.owner.name || r.owner.id}</Name>
          {r.owner.sheet && <> on sheet <Name>{r.owner.sheet.name || r.owner.sheet.id}</Name></>}
        </span>
        <span class={r.status === 'ok' || r.status === 'unchecked' ? 'chip' : `chip sev-${r.status}`}>{STATUS_LABEL[r.status]}</span>
      </div>
      {marked ? <HighlightedExpression {...marked} /> : (
        <>
          <pre dir="ltr" class="qr-code-block">
            <code>{r.text}</code>
          </pre>
          <CopyButton text={r.text} what="the expression" />
        </>
      )}
      {r.engineError && <p class="alert qr-wrap">{r.engineError}</p>}
      {r.findings.map((f) => (
        <p key={f.id} class="qr-wrap qr-small" dir="auto">
          {f.rule}: {f.message}
        </p>
      ))}
      {(r.fields.length > 0 || r.variables.length > 0) && (
        <p class="muted qr-small qr-wrap">
          {r.fields.length > 0 && <>Fields: <Name>{r.fields.join(', ')}</Name>. </>}
          {r.variables.length > 0 && <>Variables: <Name>{r.variables.join(', ')}</Name>.</>}
        </p>
      )}
    </li>
  );
}
