// The Findings tab: one line of search and a Filters button (severity, category, rule, sheet,
// grouping and hidden findings fold under it, so a narrow panel starts with findings), then a
// virtual list: Fix first, the other findings grouped by rule and cause, suggestions and passed
// rules (lib/report/sections.ts); below it the active finding or group in full, with its actions.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { CATEGORIES, type Category, type Finding, type Target } from '../../lib/analyze/result';
import { SEVERITIES } from '../../lib/analyze/severity-order';
import { type Severity } from '../../lib/analyze/severity';
import { countBy, isFilterEmpty, type FilterOption } from '../../lib/report/findings';
import { targetDisplayName } from '../../lib/report/names';
import type { FixFirstItem } from '../../lib/report/fix-first';
import { describeGain } from '../../lib/report/gain';
import type { Formatter } from '../../lib/report/format';
import type { RuleDoc } from '../../lib/report/rule-docs';
import { SECTION_TITLE, type PassedRule } from '../../lib/report/sections';
import { FindingDetails } from './FindingDetails';
import { GroupDetails } from './GroupDetails';
import { CATEGORY_NAME, SEVERITY_NAME, TARGET_KIND_LABEL } from './labels';
import { createFindingsModel, type Grouping, type ListRow } from './models/findings-model';
import { Name } from './Text';
import { VirtualList } from './VirtualList';

/** One filter facet as a select: "all", then each value with how many findings have it. */
function FacetSelect(props: { label: string; all: string; value: string; options: readonly FilterOption[]; fmt: Formatter; onChange(value: string): void }) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label} ({props.fmt.number(o.count)})
          </option>
        ))}
      </select>
    </label>
  );
}

export interface FindingsViewProps {
  findings: readonly Finding[];
  suppressed: readonly Finding[];
  /** Fix first over the shown findings (lib/report/fix-first.ts); without it, no Fix first section */
  fixFirst?: readonly FixFirstItem[];
  /** rules that ran and found nothing */
  passed?: readonly PassedRule[];
  ruleDoc(code: string): RuleDoc | undefined;
  fmt: Formatter;
  /** the name a target is shown by (default: its name or id) */
  nameOf?(target: Target): string;
  canShowInApp(target: Target): boolean;
  onShowInApp?(target: Target): void;
  onSuppress?(finding: Finding): void;
  onUnsuppress?(finding: Finding): void;
}

/** two lines of message fit: a narrow panel wraps them instead of cutting them after a few words */
export const FINDING_ROW_HEIGHT = 76;

export function FindingsView(props: FindingsViewProps) {
  const { fmt, ruleDoc } = props;
  const nameOf = props.nameOf ?? ((target: Target) => targetDisplayName(target));
  const model = useMemo(
    () =>
      createFindingsModel(
        { findings: props.findings, suppressed: props.suppressed, fixFirst: props.fixFirst, passed: props.passed },
        {
          ruleLabel: (code) => {
            const doc = ruleDoc(code);
            return doc ? `${code} ${doc.name}` : code;
          },
          rollUp: (code) => ruleDoc(code)?.rollUp === true,
          ruleSummary: (code) => ruleDoc(code)?.summary,
        },
      ),
    [],
  );
  useEffect(
    () => model.update({ findings: props.findings, suppressed: props.suppressed, fixFirst: props.fixFirst, passed: props.passed }),
    [props.findings, props.suppressed, props.fixFirst, props.passed],
  );
  const [filtersOpen, setFiltersOpen] = useState(false);
  /** in a narrow panel (CSS, max-width 480px) the details take the list's place while open */
  const [detailsOpen, setDetailsOpen] = useState(false);
  const backToList = () => {
    setDetailsOpen(false);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.qr-findings .qr-virtual')?.focus());
  };

  const filter = model.filter.value;
  const rows = model.rows.value;
  const activeRow = model.activeRow.value;
  // a group of one occurrence is that finding, with its gain
  const single = activeRow?.type === 'group' && activeRow.findings.length === 1 ? activeRow : undefined;
  const selected = model.selected.value ?? single?.findings[0];
  const pool = model.pool.value;
  const severityCounts = useMemo(() => countBy(pool, (f) => f.severity), [pool]);
  const categoryCounts = useMemo(() => countBy(pool, (f) => f.category), [pool]);
  const facets = model.facets.value;
  const hidden = model.showHidden.value;
  const activeFilters = filter.severities.length + filter.categories.length + (filter.rule ? 1 : 0) + (filter.sheet ? 1 : 0);

  const toggleSeverity = (severity: Severity) =>
    model.setFilter({ severities: filter.severities.includes(severity) ? filter.severities.filter((s) => s !== severity) : [...filter.severities, severity] });

  return (
    <section class="qr-findings" aria-labelledby="qr-findings-title" data-testid="findings-view" data-details-open={String(detailsOpen && !!selected)}>
      <h2 id="qr-findings-title" class="visually-hidden">
        {hidden ? 'Hidden findings' : 'Findings'}
      </h2>
      <div class="qr-filters" role="group" aria-label="Filter findings">
        <div class="qr-filter-line">
          <label class="qr-search">
            <span class="visually-hidden">Search</span>
            <input type="search" value={filter.text} placeholder="Search findings…" onInput={(e) => model.setFilter({ text: (e.currentTarget as HTMLInputElement).value })} />
          </label>
          <button type="button" aria-expanded={filtersOpen} aria-controls="qr-filter-panel" onClick={() => setFiltersOpen(!filtersOpen)}>
            Filters{activeFilters > 0 ? ` (${fmt.number(activeFilters)})` : ''}
          </button>
        </div>
        <div id="qr-filter-panel" class="qr-filter-panel" hidden={!filtersOpen}>
          <div class="row" role="group" aria-label="Severity">
            {SEVERITIES.map((severity) => (
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
              Category
              <select value={filter.categories[0] ?? ''} onChange={(e) => {
                const value = (e.currentTarget as HTMLSelectElement).value as Category | '';
                model.setFilter({ categories: value ? [value] : [] });
              }}>
                <option value="">All categories</option>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {CATEGORY_NAME[c]} ({fmt.number(categoryCounts.get(c) ?? 0)})
                  </option>
                ))}
              </select>
            </label>
            <FacetSelect label="Rule" all="All rules" value={filter.rule} options={facets.rules} fmt={fmt} onChange={(rule) => model.setFilter({ rule })} />
            <FacetSelect label="Sheet" all="All sheets" value={filter.sheet} options={facets.sheets} fmt={fmt} onChange={(sheet) => model.setFilter({ sheet })} />
            <label>
              Group by
              <select value={model.grouping.value} onChange={(e) => model.setGrouping((e.currentTarget as HTMLSelectElement).value as Grouping)}>
                <option value="cause">Fix first, then rule and cause</option>
                <option value="none">Nothing (one row per finding)</option>
                <option value="rule">Rule</option>
                <option value="object">Object</option>
              </select>
            </label>
          </div>
          <label class="qr-check">
            <input type="checkbox" checked={hidden} onChange={(e) => model.setShowHidden((e.currentTarget as HTMLInputElement).checked)} />
            Show hidden findings ({fmt.number(model.suppressed.value.length)})
          </label>
        </div>
      </div>
      <div class="row spread qr-count-line">
        <p role="status" class="muted" data-testid="findings-count">
          {fmt.number(model.filtered.value.length)} of {fmt.number(pool.length)} {hidden ? 'hidden findings' : 'findings'}
        </p>
        {!isFilterEmpty(filter) && (
          <button type="button" class="link" onClick={() => model.clearFilter()}>
            Clear filters
          </button>
        )}
      </div>
      {rows.length === 0 ? (
        <p class="muted">{pool.length === 0 ? (hidden ? 'No hidden findings.' : 'No findings: nothing to fix.') : 'No findings match the filters.'}</p>
      ) : (
        <VirtualList
          items={rows}
          rowHeight={FINDING_ROW_HEIGHT}
          active={model.active.value}
          onActive={(index) => (model.active.value = index)}
          onActivate={(index) => {
            const row = rows[index];
            if (row && (row.type === 'group' || row.type === 'section')) model.toggleRow(row);
            else {
              setDetailsOpen(true);
              // now where the details are already shown; again once a narrow panel has shown them
              document.getElementById('qr-details-title')?.focus();
              requestAnimationFrame(() => document.getElementById('qr-details-title')?.focus());
            }
          }}
          onRowClick={(index) => {
            const row = rows[index];
            if (row && (row.type === 'group' || row.type === 'section')) model.toggleRow(row);
            else if (row?.type === 'finding') setDetailsOpen(true);
          }}
          itemKey={(row) => row.key}
          label={hidden ? 'Hidden findings' : 'Findings'}
          idPrefix="qr-finding"
          renderRow={(row) => <RowView row={row} fmt={fmt} nameOf={nameOf} />}
        />
      )}
      {selected && detailsOpen && (
        <button type="button" class="qr-narrow-only qr-back" onClick={backToList}>
          ← Back to the findings
        </button>
      )}
      {selected && (
        <FindingDetails
          finding={selected}
          rule={ruleDoc(selected.rule)}
          hidden={hidden}
          nameOf={nameOf}
          gain={single?.gain ? describeGain(single.gain, fmt) : undefined}
          statement={single?.statement}
          canShowInApp={props.canShowInApp}
          onShowInApp={props.onShowInApp}
          onSuppress={props.onSuppress}
          onUnsuppress={props.onUnsuppress}
        />
      )}
      {activeRow?.type === 'group' && !single && <GroupDetails group={activeRow} rule={ruleDoc(activeRow.rule)} fmt={fmt} />}
    </section>
  );
}

function RowView({ row, fmt, nameOf }: { row: ListRow; fmt: Formatter; nameOf(target: Target): string }) {
  switch (row.type) {
    case 'section':
      return (
        <div class="qr-section-row" data-testid="finding-section" data-section={row.section}>
          <span aria-hidden="true" class="qr-twisty">
            {row.collapsed ? '▸' : '▾'}
          </span>
          <span>{SECTION_TITLE[row.section]}</span>
          <span class="qr-num muted">{fmt.number(row.count)}</span>
          <span class="visually-hidden">{row.collapsed ? ', collapsed: Enter opens it' : ', open: Enter closes it'}</span>
        </div>
      );
    case 'heading':
      return (
        <div class="qr-group" data-testid="finding-group">
          <Name class="qr-ellipsis">{row.label}</Name>
          <span class="qr-num muted">{fmt.number(row.count)}</span>
        </div>
      );
    case 'passed':
      return (
        <div class="qr-line qr-passed" data-testid="passed-rule">
          <span class="chip qr-pass">Passed</span>
          <span class="qr-code">{row.rule}</span>
          <span class="qr-ellipsis">{row.name}</span>
        </div>
      );
    case 'group':
      return (
        <div class="qr-finding qr-group-row" data-testid="finding-cause-group" data-severity={row.severity}>
          <div class="qr-line">
            <span aria-hidden="true" class="qr-twisty">
              {row.expanded ? '▾' : '▸'}
            </span>
            <span class={`chip sev-${row.severity}`}>{SEVERITY_NAME[row.severity]}</span>
            <span class="qr-code">{row.rule}</span>
            <Name class="qr-ellipsis">{row.label}</Name>
          </div>
          <div class="qr-line qr-indent">
            {row.gain && <strong class="qr-gain">{describeGain(row.gain, fmt)}</strong>}
            <span class="muted qr-ellipsis">
              {fmt.number(row.findings.length)} {row.findings.length === 1 ? 'place' : 'places'} · {row.name}
            </span>
            <span class="visually-hidden">{row.expanded ? ', open: Enter closes it' : ', Enter lists each place'}</span>
          </div>
        </div>
      );
    case 'finding': {
      const f = row.finding;
      return (
        <div class={row.nested ? 'qr-finding qr-nested' : 'qr-finding'} data-testid="finding-row" data-severity={f.severity}>
          <div class="qr-line">
            {!row.nested && <span class={`chip sev-${f.severity}`}>{SEVERITY_NAME[f.severity]}</span>}
            {!row.nested && <span class="qr-code">{f.rule}</span>}
            <span class="qr-ellipsis muted" title={`${TARGET_KIND_LABEL[f.target.kind]} id ${f.target.id}`}>
              <TargetName target={f.target} nameOf={nameOf} />
            </span>
          </div>
          <div class="qr-clamp-2" dir="auto" title={f.message}>
            {f.message}
          </div>
        </div>
      );
    }
  }
}

/** An object is named by its title or "Bar chart on Sales": the kind word is only added for other targets. */
function TargetName({ target, nameOf }: { target: Target; nameOf(target: Target): string }) {
  if (target.kind === 'object') return <Name>{nameOf(target)}</Name>;
  return (
    <>
      {TARGET_KIND_LABEL[target.kind]} <Name>{nameOf(target)}</Name>
    </>
  );
}
