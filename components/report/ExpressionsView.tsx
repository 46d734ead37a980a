// The Expressions tab: every expression with where it is, its status and what it references,
// filtered by status and text, shown a page at a time.
import { useMemo, useState } from 'preact/hooks';
import type { Finding } from '@/lib/analyze/result';
import { expressionRows, STATUS_LABEL, type ExpressionStatus } from '@/lib/report/expressions';
import type { Formatter } from '@/lib/report/format';
import { analysisIndexOf } from '@/lib/report/usage';
import type { AppSnapshot } from '@/lib/snapshot/schema';
import { HighlightedExpression } from './FindingDetails';
import { Name } from './Text';
import { TARGET_KIND_LABEL } from './labels';

const PAGE = 50;
const STATUSES: readonly ExpressionStatus[] = ['error', 'warning', 'info', 'ok', 'unchecked'];

export function ExpressionsView({ snapshot, findings, fmt }: { snapshot?: AppSnapshot; findings: readonly Finding[]; fmt: Formatter }) {
  const rows = useMemo(() => (snapshot ? expressionRows(snapshot, analysisIndexOf(snapshot), findings) : []), [snapshot, findings]);
  const [status, setStatus] = useState<ExpressionStatus | ''>('');
  const [text, setText] = useState('');
  const [shown, setShown] = useState(PAGE);
  const filtered = useMemo(() => {
    const needle = text.trim().toLocaleLowerCase();
    return rows.filter(
      (r) =>
        (!status || r.status === status) &&
        (!needle || r.text.toLocaleLowerCase().includes(needle) || (r.owner.name ?? r.owner.id).toLocaleLowerCase().includes(needle) || r.fields.some((f) => f.toLocaleLowerCase().includes(needle))),
    );
  }, [rows, status, text]);
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
          <input type="search" value={text} onInput={(e) => { setText((e.currentTarget as HTMLInputElement).value); setShown(PAGE); }} />
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => { setStatus((e.currentTarget as HTMLSelectElement).value as ExpressionStatus | ''); setShown(PAGE); }}>
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
      <ul class="qr-plain qr-expressions">
        {filtered.slice(0, shown).map((r) => {
          const marked = r.findings.find((f) => f.expression)?.expression;
          return (
            <li key={r.id} class="card" data-testid="expression-row" data-status={r.status}>
              <div class="row spread">
                <span class="qr-wrap">
                  {r.where} of {TARGET_KIND_LABEL[r.owner.kind].toLocaleLowerCase()} <Name>{r.owner.name || r.owner.id}</Name>
                  {r.owner.sheet && <> on sheet <Name>{r.owner.sheet.name || r.owner.sheet.id}</Name></>}
                </span>
                <span class={r.status === 'ok' || r.status === 'unchecked' ? 'chip' : `chip sev-${r.status}`}>{STATUS_LABEL[r.status]}</span>
              </div>
              {marked ? <HighlightedExpression {...marked} /> : (
                <pre dir="ltr" class="qr-code-block">
                  <code>{r.text}</code>
                </pre>
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
        })}
      </ul>
      {filtered.length > shown && (
        <button type="button" class="qr-more" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, filtered.length - shown)} more of {fmt.number(filtered.length - shown)}
        </button>
      )}
    </section>
  );
}
