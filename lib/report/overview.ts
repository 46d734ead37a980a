// What the Overview tab shows: counts by category and severity, memory by table and field, the
// slowest objects and sheets, and the memory of unused fields (R01's own summary when it ran).
import { CATEGORIES, type AnalysisResult, type Category, type Finding } from '../analyze/result';
import { type Severity } from '../analyze/severity';
import { runSummaryOf } from '../analyze/run-summary';
import { UNUSED_FIELD_SUMMARY, type UnusedFieldSummary } from '../rules/shared/unused-field-summary';
import type { AppSnapshot } from '../snapshot/schema';
import { sheetCalcTotals } from '../snapshot/timings';
import type { BarInput } from './charts';
import { objectLookupOf, targetDisplayName } from './names';
import { dropFieldsOf, type ReadyStatement } from './ready-statement';

export interface CategoryCounts {
  category: Category;
  counts: Record<Severity, number>;
  total: number;
}

export function countsByCategory(findings: readonly Finding[]): CategoryCounts[] {
  const rows = new Map<Category, CategoryCounts>(CATEGORIES.map((category) => [category, { category, counts: { error: 0, warning: 0, info: 0 }, total: 0 }]));
  for (const f of findings) {
    const row = rows.get(f.category);
    if (!row) continue;
    row.counts[f.severity]++;
    row.total++;
  }
  return [...rows.values()];
}

/** Table memory from REST metadata (`byte_size`); absent when the metadata was not collected. */
export function memoryByTable(snapshot: AppSnapshot | undefined): BarInput[] {
  return (snapshot?.dataModel?.tables ?? [])
    .filter((t) => t.byteSize !== undefined)
    .map((t) => ({ label: t.name, value: t.byteSize ?? 0, key: t.name }));
}

export function memoryByField(snapshot: AppSnapshot | undefined): BarInput[] {
  return (snapshot?.dataModel?.fields ?? [])
    .filter((f) => f.byteSize !== undefined && !f.isSystem)
    .map((f) => ({ label: f.name, value: f.byteSize ?? 0, key: f.name }));
}

/** Objects by first calculation time (ms); an untitled object named by its type and sheet ("Bar chart on Sales"). */
export function slowestObjects(snapshot: AppSnapshot | undefined): BarInput[] {
  const lookup = objectLookupOf(snapshot);
  const sheets = new Map((snapshot?.sheets ?? []).map((s) => [s.id, s.title]));
  return (snapshot?.timings?.objects ?? []).map((t) => {
    const facts = lookup(t.objectId);
    const sheet = t.sheetId ? { id: t.sheetId, ...(sheets.has(t.sheetId) ? { name: sheets.get(t.sheetId) } : {}) } : undefined;
    const label = facts?.title ?? facts?.shownTitle ?? targetDisplayName({ kind: 'object', id: t.objectId, name: facts?.type ?? t.objectType, ...(sheet ? { sheet } : {}) });
    return { label, value: t.firstMs, key: t.objectId };
  });
}

/** Sheets by the sum of their objects' first calculation times (ms), as rule P02 measures them. */
export function slowestSheets(snapshot: AppSnapshot | undefined): BarInput[] {
  const totals = sheetCalcTotals(snapshot);
  const titles = new Map((snapshot?.sheets ?? []).map((s) => [s.id, s.title]));
  return [...totals].map(([id, ms]) => ({ label: titles.get(id) || id, value: ms, key: id }));
}

export interface UnusedFieldsMemory extends UnusedFieldSummary {
  /** the largest unused fields */
  fields: BarInput[];
  /** the DROP FIELDS statement to paste, with its caveat */
  statement?: ReadyStatement;
}

/** From rule R01 (unused-field): its run summary and its findings; undefined when R01 did not run or found nothing. */
export function unusedFieldsMemory(result: AnalysisResult, snapshot: AppSnapshot | undefined): UnusedFieldsMemory | undefined {
  const summary = runSummaryOf(result, UNUSED_FIELD_SUMMARY);
  if (!summary) return undefined;
  const bytes = new Map((snapshot?.dataModel?.fields ?? []).map((f) => [f.name, f.byteSize]));
  const fields = result.findings
    .filter((f) => f.rule === UNUSED_FIELD_SUMMARY.rule && f.target.kind === 'field')
    .map((f) => ({ label: f.target.id, value: bytes.get(f.target.id) ?? 0, key: f.target.id }));
  const statement = dropFieldsOf(summary);
  return { ...summary, fields, ...(statement ? { statement } : {}) };
}
