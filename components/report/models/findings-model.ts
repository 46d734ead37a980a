// The Findings view's state: filter, grouping, shown/hidden findings and the selected row, as
// signals; the rows to render are computed from them.
import { batch, computed, signal } from '@preact/signals';
import type { Finding } from '@/lib/analyze/result';
import { EMPTY_FILTER, filterFindings, findingFacets, findingRows, type FindingFilter, type FindingRow, type Grouping } from '@/lib/report/findings';

export function createFindingsModel(source: { findings: readonly Finding[]; suppressed: readonly Finding[] }, ruleLabel?: (code: string) => string) {
  const findings = signal(source.findings);
  const suppressed = signal(source.suppressed);
  const filter = signal<FindingFilter>(EMPTY_FILTER);
  const grouping = signal<Grouping>('none');
  /** show the hidden (suppressed) findings instead of the shown ones */
  const showHidden = signal(false);
  /** index of the active row in `rows` */
  const active = signal(0);

  const pool = computed(() => (showHidden.value ? suppressed.value : findings.value));
  const facets = computed(() => findingFacets(pool.value));
  const filtered = computed(() => filterFindings(pool.value, filter.value));
  const rows = computed<FindingRow[]>(() => findingRows(filtered.value, grouping.value, ruleLabel));
  const selected = computed(() => {
    const row = rows.value[Math.min(active.value, rows.value.length - 1)];
    return row?.type === 'finding' ? row.finding : undefined;
  });

  /** a change to what is listed: the selection goes back to the first row */
  const fromFirstRow = (change: () => void) =>
    batch(() => {
      change();
      active.value = 0;
    });

  return {
    findings,
    suppressed,
    filter,
    grouping,
    showHidden,
    active,
    pool,
    facets,
    filtered,
    rows,
    selected,
    setFilter: (change: Partial<FindingFilter>) => fromFirstRow(() => (filter.value = { ...filter.value, ...change })),
    clearFilter: () => fromFirstRow(() => (filter.value = EMPTY_FILTER)),
    setGrouping: (next: Grouping) => fromFirstRow(() => (grouping.value = next)),
    setShowHidden: (next: boolean) => fromFirstRow(() => (showHidden.value = next)),
    /** new findings after an analysis or a (un)suppression; keeps the selection on the same finding when it is still there */
    update(next: { findings: readonly Finding[]; suppressed: readonly Finding[] }) {
      const keep = selected.value?.id;
      batch(() => {
        findings.value = next.findings;
        suppressed.value = next.suppressed;
        const index = keep ? rows.value.findIndex((r) => r.type === 'finding' && r.finding.id === keep) : -1;
        active.value = Math.max(0, index);
      });
    },
  };
}
