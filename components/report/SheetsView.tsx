// The Sheets tab: each sheet with its objects, their type, calculation time and findings.
import { useMemo } from 'preact/hooks';
import { type Finding, type Target } from '../../lib/analyze/result';
import { SEVERITIES } from '../../lib/analyze/severity-order';
import type { Formatter } from '../../lib/report/format';
import { sheetRows } from '../../lib/report/sheets';
import type { AppSnapshot } from '../../lib/snapshot/schema';
import { Name, TableWrap } from './Text';
import { SEVERITY_NAME } from './labels';

interface Props {
  snapshot?: AppSnapshot;
  findings: readonly Finding[];
  fmt: Formatter;
  canShowInApp(target: Target): boolean;
  onShowInApp?(target: Target): void;
}

export function SheetsView({ snapshot, findings, fmt, canShowInApp, onShowInApp }: Props) {
  const sheets = useMemo(() => (snapshot ? sheetRows(snapshot, findings) : []), [snapshot, findings]);
  return (
    <section aria-labelledby="qr-sheets-title" data-testid="sheets-view">
      <h2 id="qr-sheets-title">Sheets and objects</h2>
      {!snapshot ? (
        <p class="muted">The collected app data is not available.</p>
      ) : sheets.length === 0 ? (
        <p class="muted">The app has no sheets that could be read.</p>
      ) : (
        sheets.map((sheet) => {
          const target: Target = { kind: 'sheet', id: sheet.id, name: sheet.title, sheet: { id: sheet.id, name: sheet.title } };
          return (
            <details key={sheet.id} class="card qr-sheet">
              <summary>
                <Name>{sheet.title || sheet.id}</Name>{' '}
                <span class="muted">
                  {fmt.number(sheet.objects.length)} objects{sheet.totalMs !== undefined && <>, {fmt.duration(sheet.totalMs)}</>}
                </span>{' '}
                {SEVERITIES.filter((s) => sheet.findingCounts[s] > 0).map((s) => (
                  <span key={s} class={`chip sev-${s}`}>
                    {SEVERITY_NAME[s]} {fmt.number(sheet.findingCounts[s])}
                  </span>
                ))}
              </summary>
              {onShowInApp && canShowInApp(target) && (
                <button type="button" class="link" onClick={() => onShowInApp(target)}>
                  Show sheet in app
                </button>
              )}
              {sheet.findings.map((f) => (
                <p key={f.id} class="qr-wrap" dir="auto">
                  {f.rule}: {f.message}
                </p>
              ))}
              <TableWrap label={`Objects on sheet ${sheet.title || sheet.id}`}>
                <table class="qr-table">
                  <caption class="visually-hidden">Objects on this sheet</caption>
                  <thead>
                    <tr>
                      <th scope="col">Object</th>
                      <th scope="col">Type</th>
                      <th scope="col" class="qr-num">First</th>
                      <th scope="col" class="qr-num">Cached</th>
                      <th scope="col">Findings</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sheet.objects.map((o) => (
                      <tr key={o.id}>
                        <td style={{ paddingInlineStart: `${4 + o.depth * 12}px` }}>
                          <Name>{o.title || o.id}</Name>
                        </td>
                        <td>
                          <Name>{o.type}</Name>
                        </td>
                        <td class="qr-num">{o.timing ? fmt.duration(o.timing.firstMs) : '–'}</td>
                        <td class="qr-num">{o.timing?.cachedMs !== undefined ? fmt.duration(o.timing.cachedMs) : '–'}</td>
                        <td>
                          {o.findings.length === 0 ? (
                            <span class="muted">none</span>
                          ) : (
                            <ul class="qr-plain">
                              {o.findings.map((f) => (
                                <li key={f.id} dir="auto" class="qr-wrap">
                                  <span class={`chip sev-${f.severity}`}>{f.rule}</span> {f.message}
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </details>
          );
        })
      )}
    </section>
  );
}
