// The Findings view's state: filter, grouping, shown/hidden findings, what is expanded and the
// active row, as signals; the rows to render are computed from them. Grouped by rule and cause in
// sections (lib/report/sections.ts) by default; "none", "rule" and "object" give the flat lists.
import { batch, computed, signal } from '@preact/signals';
import type { Finding } from '../../../lib/analyze/result';
import type { Severity } from '../../../lib/analyze/severity';
import { EMPTY_FILTER, filterFindings, findingFacets, findingRows, type FindingFilter } from '../../../lib/report/findings';
import type { FixFirstItem } from '../../../lib/report/fix-first';
import { INITIALLY_COLLAPSED, sectionRows, type PassedRule, type SectionId, type SectionRow } from '../../../lib/report/sections';

export type Grouping = 'cause' | 'none' | 'rule' | 'object';

/** A row of the list: the section rows, or a heading of the flat lists grouped by rule or object. */
export type ListRow = SectionRow | { type: 'heading'; key: string; label: string; count: number; severity: Severity };

export interface FindingsSource {
  findings: readonly Finding[];
  suppressed: readonly Finding[];
  fixFirst?: readonly FixFirstItem[];
  passed?: readonly PassedRule[];
}

export interface FindingsModelOptions {
  /** "Q02 unknown-field": the headings of the flat list grouped by rule */
  ruleLabel?(code: string): string;
  /** the rule's one-line summary: the words of a group whose cause has none */
  ruleSummary?(code: string): string | undefined;
  rollUp?(code: string): boolean;
}

export function createFindingsModel(source: FindingsSource, options: FindingsModelOptions = {}) {
  const findings = signal(source.findings);
  const suppressed = signal(source.suppressed);
  const fixFirst = signal(source.fixFirst ?? []);
  const passed = signal(source.passed ?? []);
  const filter = signal<FindingFilter>(EMPTY_FILTER);
  const grouping = signal<Grouping>('cause');
  /** show the hidden (suppressed) findings instead of the shown ones */
  const showHidden = signal(false);
  const expanded = signal<ReadonlySet<string>>(new Set());
  const collapsed = signal<ReadonlySet<SectionId>>(INITIALLY_COLLAPSED);
  /** index of the active row in `rows` */
  const active = signal(0);

  const pool = computed(() => (showHidden.value ? suppressed.value : findings.value));
  const facets = computed(() => findingFacets(pool.value));
  const filtered = computed(() => filterFindings(pool.value, filter.value));
  const rows = computed<ListRow[]>(() => {
    if (grouping.value === 'cause' && !showHidden.value) {
      return sectionRows({
        findings: filtered.value,
        fixFirst: fixFirst.value,
        passed: passed.value,
        expanded: expanded.value,
        collapsed: collapsed.value,
        rollUp: options.rollUp,
        ruleSummary: options.ruleSummary,
      });
    }
    const flat = grouping.value === 'cause' ? 'none' : grouping.value;
    return findingRows(filtered.value, flat, options.ruleLabel).map((row) =>
      row.type === 'group'
        ? { type: 'heading', key: row.key, label: row.label, count: row.count, severity: row.severity }
        : { type: 'finding', key: row.key, finding: row.finding, nested: false },
    );
  });
  const activeRow = computed(() => rows.value[Math.min(active.value, rows.value.length - 1)]);
  const selected = computed(() => {
    const row = activeRow.value;
    return row?.type === 'finding' ? row.finding : undefined;
  });

  /** the first row with content: a finding or a group, not a section heading */
  const firstContentRow = () => Math.max(0, rows.value.findIndex((r) => r.type === 'finding' || r.type === 'group'));
  active.value = firstContentRow();

  /** a change to what is listed: the selection goes back to the first row */
  const fromFirstRow = (change: () => void) =>
    batch(() => {
      change();
      active.value = firstContentRow();
    });

  const toggle = <T>(set: ReadonlySet<T>, item: T): ReadonlySet<T> => {
    const next = new Set(set);
    if (!next.delete(item)) next.add(item);
    return next;
  };

  return {
    findings,
    suppressed,
    filter,
    grouping,
    showHidden,
    expanded,
    collapsed,
    active,
    pool,
    facets,
    filtered,
    rows,
    activeRow,
    selected,
    setFilter: (change: Partial<FindingFilter>) => fromFirstRow(() => (filter.value = { ...filter.value, ...change })),
    clearFilter: () => fromFirstRow(() => (filter.value = EMPTY_FILTER)),
    setGrouping: (next: Grouping) => fromFirstRow(() => (grouping.value = next)),
    setShowHidden: (next: boolean) => fromFirstRow(() => (showHidden.value = next)),
    /** opens or closes a group or section row; the active row stays on it */
    toggleRow(row: ListRow) {
      if (row.type === 'group') expanded.value = toggle(expanded.value, row.key);
      else if (row.type === 'section') collapsed.value = toggle(collapsed.value, row.section);
    },
    /** new findings after an analysis or a (un)suppression; keeps the selection on the same row when it is still there */
    update(next: FindingsSource) {
      const keepFinding = selected.value?.id;
      const keepKey = activeRow.value?.key;
      batch(() => {
        findings.value = next.findings;
        suppressed.value = next.suppressed;
        fixFirst.value = next.fixFirst ?? [];
        passed.value = next.passed ?? [];
        const index = rows.value.findIndex((r) => (keepFinding ? r.type === 'finding' && r.finding.id === keepFinding : r.key === keepKey));
        active.value = index >= 0 ? index : firstContentRow();
      });
    },
  };
}
