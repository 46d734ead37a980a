// The Overview tab: score, counts by category and severity, memory by table and field, the
// slowest objects and sheets, and what the unused fields cost.
import { type AnalysisResult, type Category } from '../../lib/analyze/result';
import { SEVERITIES } from '../../lib/analyze/severity-order';
import { computeScore } from '../../lib/analyze/score';
import { ScoreBadge } from '../ScoreBadge';
import { FIX_FIRST_OVERVIEW_ROWS, type FixFirstItem } from '../../lib/report/fix-first';
import { describeGain } from '../../lib/report/gain';
import type { Formatter } from '../../lib/report/format';
import { countBySeverity } from '../../lib/analyze/severity-order';
import { countsByCategory, memoryByField, memoryByTable, slowestObjects, slowestSheets, unusedFieldsMemory } from '../../lib/report/overview';
import type { AppSnapshot } from '../../lib/snapshot/schema';
import { BarChart } from './BarChart';
import { Statement } from './Statement';
import { CATEGORY_NAME, SEVERITY_NAME, SEVERITY_PLURAL } from './labels';
import { Name, TableWrap } from './Text';
import { CopyButton } from './export/CopyButton';

const SCORED_CATEGORIES: readonly Category[] = ['quality', 'performance', 'resource', 'design', 'script'];

interface Props {
  result: AnalysisResult;
  snapshot?: AppSnapshot;
  fmt: Formatter;
  /** Fix first (lib/report/fix-first.ts): its first rows are shown under the score */
  fixFirst?: readonly FixFirstItem[];
  /** opens the Findings tab, where Fix first is listed in full */
  onOpenFindings?(): void;
}

export function OverviewView({ result, snapshot, fmt, fixFirst = [], onOpenFindings }: Props) {
  const severities = countBySeverity(result.findings);
  const categories = countsByCategory(result.findings);
  const unused = unusedFieldsMemory(result, snapshot);
  const categoryScores = result.score.categories ?? computeScore(result.findings).categories ?? {};
  const notRun = result.rules.filter((r) => r.status === 'could-not-run' || r.status === 'error');
  return (
    <section aria-labelledby="qr-overview-title" data-testid="overview-view">
      <h2 id="qr-overview-title">Overview</h2>
      <div class="card">
        <h3>Quality score</h3>
        <ScoreBadge value={result.score.value} fmt={fmt} label="Quality score" size="large" explain />
        <ul class="qr-category-scores" aria-label="Score by category">
          {SCORED_CATEGORIES.map((c) => (
            <li key={c}>
              <ScoreBadge value={categoryScores[c] ?? 100} fmt={fmt} label={`${CATEGORY_NAME[c]} score`} testId={`score-${c}`} />
              <span>{CATEGORY_NAME[c]}</span>
            </li>
          ))}
        </ul>
        <p class="muted qr-small">Bands: 0–49 poor, 50–89 needs work, 90–100 good. How it is calculated: the Score section of the rules documentation (docs/rules/README.md).</p>
        <ul class="chips" aria-label="Findings by severity">
          {SEVERITIES.map((s) => (
            <li key={s} class={`chip sev-${s}`}>
              {SEVERITY_PLURAL[s]}: {fmt.number(severities[s])}
            </li>
          ))}
        </ul>
        <dl class="facts" style={{ marginTop: '8px' }}>
          <dt>App</dt>
          <dd>
            <Name>{result.app.name || result.app.id}</Name>
          </dd>
          <dt>Analysed</dt>
          <dd>{fmt.dateTime(result.analysedAt)}</dd>
          <dt>Rules ran in</dt>
          <dd>{fmt.duration(result.durationMs)}</dd>
          <dt>Hidden</dt>
          <dd>{fmt.number(result.suppressedFindings.length)}</dd>
        </dl>
      </div>
      <div class="card" data-testid="overview-fix-first">
        <h3>Fix first</h3>
        {fixFirst.length === 0 ? (
          <p class="muted">Nothing is broken and no cost was measured.</p>
        ) : (
          <ol class="qr-fix-list">
            {fixFirst.slice(0, FIX_FIRST_OVERVIEW_ROWS).map((item) => (
              <li key={item.key}>
                <strong>{describeGain(item.gain, fmt)}</strong>
                <span class="muted"> · {item.rule}</span>
                <div class="qr-clamp-2">
                  <Name>{item.title}</Name>
                  {item.findings.length > 1 && <span class="muted"> · {fmt.number(item.findings.length)} places</span>}
                </div>
              </li>
            ))}
          </ol>
        )}
        {onOpenFindings && fixFirst.length > 0 && (
          <button type="button" class="link" onClick={onOpenFindings}>
            {fixFirst.length > FIX_FIRST_OVERVIEW_ROWS ? `All ${fmt.number(fixFirst.length)} in Findings` : 'Open them in Findings'}
          </button>
        )}
      </div>
      <div class="card">
        <TableWrap label="Findings by category">
        <table class="qr-table">
          <caption>Findings by category</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              {SEVERITIES.map((s) => (
                <th key={s} scope="col" class="qr-num">
                  {SEVERITY_NAME[s]}
                </th>
              ))}
              <th scope="col" class="qr-num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {categories.map((row) => (
              <tr key={row.category}>
                <th scope="row">{CATEGORY_NAME[row.category]}</th>
                {SEVERITIES.map((s) => (
                  <td key={s} class="qr-num">
                    {fmt.number(row.counts[s])}
                  </td>
                ))}
                <td class="qr-num">{fmt.number(row.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableWrap>
      </div>
      {!snapshot ? (
        <p class="muted card">The collected app data is not available, so memory and timing charts cannot be shown.</p>
      ) : (
        <div class="qr-charts">
          <div class="card">
            <BarChart title="Memory by table" items={memoryByTable(snapshot)} format={fmt.bytes} empty="No table sizes: the app's data metadata was not collected." />
          </div>
          <div class="card">
            <BarChart title="Largest fields" items={memoryByField(snapshot)} format={fmt.bytes} empty="No field sizes: the app's data metadata was not collected." />
          </div>
          <div class="card">
            <BarChart title="Slowest objects (first calculation)" items={slowestObjects(snapshot)} format={fmt.duration} empty="No object timings were collected." />
          </div>
          <div class="card">
            <BarChart title="Slowest sheets (sum of their objects)" items={slowestSheets(snapshot)} format={fmt.duration} empty="No object timings were collected." />
          </div>
        </div>
      )}
      <div class="card" data-testid="unused-memory">
        <h3>Unused fields</h3>
        {unused ? (
          <>
            <p>
              {fmt.number(unused.fieldCount)} unused {unused.fieldCount === 1 ? 'field uses' : 'fields use'} {fmt.bytes(unused.totalBytes)}
              {unused.highConfidenceBytes !== undefined && <> ({fmt.bytes(unused.highConfidenceBytes)} with high confidence)</>}.
            </p>
            <BarChart title="Largest unused fields" items={unused.fields} format={fmt.bytes} empty="No sizes known for the unused fields." />
            {unused.statement && <Statement statement={unused.statement} />}
            {unused.undecided && unused.undecided.length > 0 && (
              <details data-testid="unused-undecided" open={unused.undecided.length <= 10}>
                <summary>Could not decide ({fmt.number(unused.undecided.length)}): named in an expression that could not be fully read, never dropped</summary>
                <ul>
                  {unused.undecided.map((u) => (
                    <li key={u.field}>
                      <strong>{u.field}</strong> in {u.where.name ?? u.where.id} ({u.why}):{' '}
                      <code dir="ltr">{u.expression}</code> <CopyButton text={u.expression} what="the expression" />
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </>
        ) : (
          <p class="muted">No unused fields found (or rule R01 could not run).</p>
        )}
      </div>
      {notRun.length > 0 && (
        <div class="card">
          <h3>Not checked</h3>
          <ul>
            {notRun.map((r) => (
              <li key={r.rule} class="qr-wrap">
                {r.rule} {r.name} {r.status === 'error' ? 'failed' : 'could not run'}: {r.reason ?? 'no reason given'}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
