// Two analyses side by side: the one-line change, the deltas (score, counts, memory, fields, unused
// memory), the objects whose calculation time moved beyond the noise margin, and the new and fixed
// findings. Findings are matched by their stable fingerprint (docs: lib/export/fingerprint.ts).
import { SEVERITIES } from '../../../lib/analyze/severity-order';
import { describeChange, type ComparedFinding, type Comparison, type NumberDelta } from '../../../lib/export/compare';
import type { Formatter } from '../../../lib/report/format';
import { SEVERITY_NAME, SEVERITY_PLURAL } from '../../../lib/report/labels';
import { Name } from '../Text';
import { CopyButton } from '../export/CopyButton';

const LIST_LIMIT = 50;

function signed(delta: number, format: (value: number) => string): string {
  if (delta === 0) return '±0';
  return `${delta > 0 ? '+' : '−'}${format(Math.abs(delta))}`;
}

function DeltaRow({ label, delta, format, better }: { label: string; delta?: NumberDelta; format(v: number): string; better: 'up' | 'down' }) {
  if (!delta) return null;
  const good = delta.delta === 0 ? '' : (delta.delta > 0) === (better === 'up') ? 'qx-better' : 'qx-worse';
  return (
    <tr>
      <th scope="row">{label}</th>
      <td class="qr-num">{format(delta.before)}</td>
      <td class="qr-num">{format(delta.after)}</td>
      <td class={`qr-num ${good}`}>{signed(delta.delta, format)}</td>
    </tr>
  );
}

/** The head of a before / after table: what the rows are, then the two values and the change. */
function DeltaHead({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col" class="qr-num">Before</th>
        <th scope="col" class="qr-num">After</th>
        <th scope="col" class="qr-num">Change</th>
      </tr>
    </thead>
  );
}

function FindingLines({ title, entries, testId }: { title: string; entries: readonly ComparedFinding[]; testId: string }) {
  const shown = entries.filter((e) => !e.hidden);
  return (
    <section data-testid={testId}>
      <h4>
        {title} ({shown.length})
      </h4>
      {shown.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <ul class="qx-finding-lines">
          {shown.slice(0, LIST_LIMIT).map((e) => (
            <li key={e.fingerprint}>
              <span class={`chip sev-${e.finding.severity}`}>{SEVERITY_NAME[e.finding.severity]}</span> <code>{e.finding.rule}</code>{' '}
              <span dir="auto">{e.finding.message}</span>
            </li>
          ))}
        </ul>
      )}
      {shown.length > LIST_LIMIT && <p class="muted">… and {shown.length - LIST_LIMIT} more.</p>}
    </section>
  );
}

export function CompareView({ comparison, fmt }: { comparison: Comparison; fmt: Formatter }) {
  const c = comparison;
  const line = describeChange(c, fmt.dateTime);
  return (
    <section class="card qx-compare" aria-labelledby="qx-compare-title" data-testid="compare-view">
      <h3 id="qx-compare-title">
        {fmt.dateTime(c.before.analysedAt)} → {fmt.dateTime(c.after.analysedAt)}
      </h3>
      <p data-testid="compare-line">{line}</p>
      <table class="qr-table">
        <caption>What moved</caption>
        <DeltaHead first="Measure" />
        <tbody>
          <DeltaRow label="Score" delta={c.score} format={(v) => fmt.number(Math.round(v))} better="up" />
          {SEVERITIES.map((s) => (
            <DeltaRow key={s} label={SEVERITY_PLURAL[s]} delta={c.bySeverity[s]} format={fmt.number} better="down" />
          ))}
          <DeltaRow label="App memory" delta={c.appMemoryBytes} format={fmt.bytes} better="down" />
          <DeltaRow label="Fields" delta={c.fieldCount} format={fmt.number} better="down" />
          <DeltaRow label="Unused fields' memory" delta={c.unusedBytes} format={fmt.bytes} better="down" />
        </tbody>
      </table>
      <h4>Calculation time</h4>
      <p class="muted">
        {c.objectsTimedInBoth === 0
          ? 'No object was timed in both analyses.'
          : `${fmt.number(c.objectsTimedInBoth)} objects timed in both; ${fmt.number(c.objectTimes.length)} moved beyond the noise margin (${c.noiseRule}).`}
      </p>
      {c.objectTimes.length > 0 && (
        <table class="qr-table" data-testid="compare-times">
          <caption>Objects whose time changed</caption>
          <DeltaHead first="Object" />
          <tbody>
            {c.objectTimes.slice(0, 20).map((o) => (
              <tr key={o.objectId}>
                <th scope="row">
                  <Name>{o.name}</Name> <code>{o.objectId}</code> <CopyButton text={o.objectId} what={`the object id ${o.objectId}`} />
                </th>
                <td class="qr-num">{fmt.duration(o.before)}</td>
                <td class="qr-num">{fmt.duration(o.after)}</td>
                <td class={`qr-num ${o.delta > 0 ? 'qx-worse' : 'qx-better'}`}>{signed(o.delta, fmt.duration)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FindingLines title="New" entries={c.newFindings} testId="compare-new" />
      <FindingLines title="Fixed" entries={c.fixedFindings} testId="compare-fixed" />
      <p class="muted">Unchanged: {fmt.number(c.counts.unchanged)}. Findings are matched by rule, target, property and expression, whatever their wording.</p>
    </section>
  );
}
