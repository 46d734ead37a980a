// The app's analyses, newest first: when, score, counts, connection mode, kept in full or as a
// summary, imported or not. Each can be opened; two can be ticked for a comparison.
import type { HistoryEntry } from '../../../lib/extension/history-store';
import type { Formatter } from '../../../lib/report/format';
import { CONNECTION_MODE_LABEL } from '../../../lib/report/labels';

interface Props {
  entries: readonly HistoryEntry[];
  /** the entry on screen */
  viewingId: string | null;
  picked: readonly string[];
  fmt: Formatter;
  onOpen(entry: HistoryEntry): void;
  onPick(id: string, picked: boolean): void;
}

export function HistoryList({ entries, viewingId, picked, fmt, onOpen, onPick }: Props) {
  return (
    <div class="qr-table-wrap">
      <table class="qr-table" data-testid="history-list">
        <caption>Analyses of this app, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Compare</th>
            <th scope="col">Analysed</th>
            <th scope="col" class="qr-num">Score</th>
            <th scope="col">Findings</th>
            <th scope="col">Connection</th>
            <th scope="col">Kept</th>
            <th scope="col">
              <span class="qx-visually-hidden">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e, index) => {
            const when = fmt.dateTime(new Date(e.at).toISOString());
            return (
              <tr key={e.id} aria-current={e.id === viewingId ? 'true' : undefined} data-testid="history-entry">
                <td>
                  <input
                    type="checkbox"
                    checked={picked.includes(e.id)}
                    aria-label={`Compare the analysis of ${when}`}
                    onChange={(event) => onPick(e.id, (event.currentTarget as HTMLInputElement).checked)}
                  />
                </td>
                <td>
                  {when}
                  {index === 0 && <span class="qx-tag">latest</span>}
                </td>
                <td class="qr-num">{fmt.number(Math.round(e.score))}</td>
                <td>
                  <span class="chip sev-error">{fmt.number(e.counts.error)}</span> <span class="chip sev-warning">{fmt.number(e.counts.warning)}</span>{' '}
                  <span class="chip sev-info">{fmt.number(e.counts.info)}</span>
                  {e.hidden > 0 && <span class="muted"> +{fmt.number(e.hidden)} hidden</span>}
                </td>
                <td>{e.connectionMode ? (CONNECTION_MODE_LABEL[e.connectionMode] ?? e.connectionMode) : <span class="muted">unknown</span>}</td>
                <td>
                  {e.full ? 'Full report' : 'Summary'}
                  {e.imported && <span class="qx-tag">imported</span>}
                </td>
                <td>
                  <button type="button" onClick={() => onOpen(e)} disabled={e.id === viewingId} aria-label={`Open the analysis of ${when}`}>
                    {e.id === viewingId ? 'Shown' : 'Open'}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
