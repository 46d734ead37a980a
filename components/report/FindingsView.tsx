// The Findings tab: filters (severity, category, rule, sheet, text), grouping by rule or object,
// a virtual list of the findings, and the selected finding's details with its actions.
import { useEffect, useMemo } from 'preact/hooks';
import type { Category, Finding, Severity, Target } from '@/lib/analyze/result';
import { CATEGORY_ORDER, SEVERITY_ORDER, countBy, isFilterEmpty, targetName, type FindingRow, type Grouping } from '@/lib/report/findings';
import type { Formatter } from '@/lib/report/format';
import type { RuleDoc } from '@/lib/report/rule-docs';
import { FindingDetails } from './FindingDetails';
import { CATEGORY_NAME, SEVERITY_NAME, TARGET_KIND_LABEL } from './labels';
import { createFindingsModel } from './models/findings-model';
import { Name } from './Text';
import { VirtualList } from './VirtualList';

export interface FindingsViewProps {
  findings: readonly Finding[];
  suppressed: readonly Finding[];
  ruleDoc(code: string): RuleDoc | undefined;
  fmt: Formatter;
  canShowInApp(target: Target): boolean;
  onShowInApp?(target: Target): void;
  onSuppress?(finding: Finding): void;
  onUnsuppress?(finding: Finding): void;
}

export const FINDING_ROW_HEIGHT = 64;

export function FindingsView(props: FindingsViewProps) {
  const { fmt, ruleDoc } = props;
  const model = useMemo(
    () => createFindingsModel({ findings: props.findings, suppressed: props.suppressed }, (code) => {
      const doc = ruleDoc(code);
      return doc ? `${code} ${doc.name}` : code;
    }),
    [],
  );
  useEffect(() => model.update({ findings: props.findings, suppressed: props.suppressed }), [props.findings, props.suppressed]);

  const filter = model.filter.value;
  const rows = model.rows.value;
  const selected = model.selected.value;
  const pool = model.pool.value;
  const severityCounts = useMemo(() => countBy(pool, (f) => f.severity), [pool]);
  const categoryCounts = useMemo(() => countBy(pool, (f) => f.category), [pool]);
  const facets = model.facets.value;
  const hidden = model.showHidden.value;

  const toggleSeverity = (severity: Severity) =>
    model.setFilter({ severities: filter.severities.includes(severity) ? filter.severities.filter((s) => s !== severity) : [...filter.severities, severity] });

  return (
    <section aria-labelledby="qr-findings-title" data-testid="findings-view">
      <h2 id="qr-findings-title">{hidden ? 'Hidden findings' : 'Findings'}</h2>
      <div class="qr-filters" role="group" aria-label="Filter findings">
        <div class="row" role="group" aria-label="Severity">
          {SEVERITY_ORDER.map((severity) => (
            <button
              key={severity}
              type="button"
              class={`chip sev-${severity} qr-toggle`}
              aria-pressed={filter.severities.includes(severity)}
              onClick={() => toggleSeverity(severity)}
            >
              {SEVERITY_NAME[severity]} {fmt.number(severityCounts.get(severity) ?? 0)}
            </button>
          ))}
        </div>
        <div class="qr-filter-grid">
          <label>
            Search
            <input type="search" value={filter.text} placeholder="Message, name, expression…" onInput={(e) => model.setFilter({ text: (e.currentTarget as HTMLInputElement).value })} />
          </label>
          <label>
            Category
            <select value={filter.categories[0] ?? ''} onChange={(e) => {
              const value = (e.currentTarget as HTMLSelectElement).value as Category | '';
              model.setFilter({ categories: value ? [value] : [] });
            }}>
              <option value="">All categories</option>
              {CATEGORY_ORDER.map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_NAME[c]} ({fmt.number(categoryCounts.get(c) ?? 0)})
                </option>
              ))}
            </select>
          </label>
          <label>
            Rule
            <select value={filter.rule} onChange={(e) => model.setFilter({ rule: (e.currentTarget as HTMLSelectElement).value })}>
              <option value="">All rules</option>
              {facets.rules.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label} ({fmt.number(r.count)})
                </option>
              ))}
            </select>
          </label>
          <label>
            Sheet
            <select value={filter.sheet} onChange={(e) => model.setFilter({ sheet: (e.currentTarget as HTMLSelectElement).value })}>
              <option value="">All sheets</option>
              {facets.sheets.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label} ({fmt.number(s.count)})
                </option>
              ))}
            </select>
          </label>
          <label>
            Group by
            <select value={model.grouping.value} onChange={(e) => model.setGrouping((e.currentTarget as HTMLSelectElement).value as Grouping)}>
              <option value="none">Nothing</option>
              <option value="rule">Rule</option>
              <option value="object">Object</option>
            </select>
          </label>
        </div>
        <div class="row spread">
          <label class="qr-check">
            <input type="checkbox" checked={hidden} onChange={(e) => model.setShowHidden((e.currentTarget as HTMLInputElement).checked)} />
            Show hidden findings ({fmt.number(model.suppressed.value.length)})
          </label>
          {!isFilterEmpty(filter) && (
            <button type="button" class="link" onClick={() => model.clearFilter()}>
              Clear filters
            </button>
          )}
        </div>
      </div>
      <p role="status" class="muted" data-testid="findings-count">
        {fmt.number(model.filtered.value.length)} of {fmt.number(pool.length)} {hidden ? 'hidden findings' : 'findings'}
      </p>
      {rows.length === 0 ? (
        <p class="muted">{pool.length === 0 ? (hidden ? 'No hidden findings.' : 'No findings: nothing to fix.') : 'No findings match the filters.'}</p>
      ) : (
        <VirtualList
          items={rows}
          rowHeight={FINDING_ROW_HEIGHT}
          active={model.active.value}
          onActive={(index) => (model.active.value = index)}
          onActivate={() => document.getElementById('qr-details-title')?.focus()}
          itemKey={(row) => row.key}
          label={hidden ? 'Hidden findings' : 'Findings'}
          idPrefix="qr-finding"
          renderRow={(row) => <FindingRowView row={row} fmt={fmt} />}
        />
      )}
      {selected && (
        <FindingDetails
          finding={selected}
          rule={ruleDoc(selected.rule)}
          hidden={hidden}
          canShowInApp={props.canShowInApp}
          onShowInApp={props.onShowInApp}
          onSuppress={props.onSuppress}
          onUnsuppress={props.onUnsuppress}
        />
      )}
    </section>
  );
}

function FindingRowView({ row, fmt }: { row: FindingRow; fmt: Formatter }) {
  if (row.type === 'group') {
    return (
      <div class="qr-group" data-testid="finding-group">
        <Name class="qr-ellipsis">{row.label}</Name>
        <span class="qr-num muted">{fmt.number(row.count)}</span>
      </div>
    );
  }
  const f = row.finding;
  return (
    <div class="qr-finding" data-testid="finding-row" data-severity={f.severity}>
      <div class="qr-line">
        <span class={`chip sev-${f.severity}`}>{SEVERITY_NAME[f.severity]}</span>
        <span class="qr-code">{f.rule}</span>
        <span class="qr-ellipsis muted">
          {TARGET_KIND_LABEL[f.target.kind]} <Name>{targetName(f.target)}</Name>
        </span>
      </div>
      <div class="qr-ellipsis" dir="auto">
        {f.message}
      </div>
    </div>
  );
}
