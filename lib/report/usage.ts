// Where each field, variable and master item is used, from the analysis' own usage index (the same
// one rules R01, D05 and D06 read), so the report and the findings never disagree.
import { AnalysisIndex } from '../analyze/analysis-index';
import type { Target } from '../analyze/result';
import { targetKey } from '../analyze/suppression';
import type { UsageIndex, UseKind, UseSite } from '../analyze/usage-index';
import type { AppSnapshot } from '../snapshot/schema';

export type { UseKind, UseSite };

const usageCache = new WeakMap<AppSnapshot, { index: AnalysisIndex; usage: UsageIndex | Error }>();

/** The analysis index of a snapshot, built once per snapshot object. */
export function analysisIndexOf(snapshot: AppSnapshot): AnalysisIndex {
  return entry(snapshot).index;
}

/** The usage index, or the error that stopped it (a malformed snapshot must not break the report). */
export function usageOf(snapshot: AppSnapshot): UsageIndex | Error {
  return entry(snapshot).usage;
}

function entry(snapshot: AppSnapshot) {
  let cached = usageCache.get(snapshot);
  if (!cached) {
    const index = new AnalysisIndex(snapshot);
    let usage: UsageIndex | Error;
    try {
      usage = index.usage;
    } catch (error) {
      usage = error instanceof Error ? error : new Error(String(error));
    }
    cached = { index, usage };
    usageCache.set(snapshot, cached);
  }
  return cached;
}

export interface UsageRow {
  /** what is used: the item's id (master items) or name (variables) */
  key: string;
  name: string;
  detail?: string;
  uses: readonly UseSite[];
  /** distinct places (objects, sheets, items) that use it */
  places: Target[];
}

/** The distinct targets of a list of use sites, in first-seen order. */
export function placesOf(uses: readonly UseSite[]): Target[] {
  const seen = new Map<string, Target>();
  for (const use of uses) {
    const key = targetKey(use.target);
    if (!seen.has(key)) seen.set(key, use.target);
  }
  return [...seen.values()];
}

const row = (key: string, name: string, uses: readonly UseSite[] | undefined, detail?: string): UsageRow => ({
  key,
  name,
  ...(detail !== undefined ? { detail } : {}),
  uses: uses ?? [],
  places: placesOf(uses ?? []),
});

export function variableUsage(snapshot: AppSnapshot, usage: UsageIndex): UsageRow[] {
  return snapshot.variables.filter((v) => !v.isReserved).map((v) => row(v.name, v.name, usage.variableUses.get(v.name), v.definition));
}

export function masterItemUsage(snapshot: AppSnapshot, usage: UsageIndex): { measures: UsageRow[]; dimensions: UsageRow[]; visualizations: UsageRow[] } {
  return {
    measures: snapshot.masterMeasures.map((m) => row(m.id, m.label || m.title || m.id, usage.masterMeasureUses.get(m.id), m.definition)),
    dimensions: snapshot.masterDimensions.map((d) => row(d.id, d.title || d.id, usage.masterDimensionUses.get(d.id), d.fieldDefs.join(', '))),
    visualizations: snapshot.masterVisualizations.map((v) => row(v.id, v.title || v.id, usage.masterVisualizationUses.get(v.id), v.visualization)),
  };
}

export interface BookmarkRow {
  id: string;
  title: string;
  sheetTitle?: string;
  fields: string[];
  /** selected fields that the data model does not have */
  unknownFields: string[];
}

export function bookmarkRows(snapshot: AppSnapshot): BookmarkRow[] {
  const fields = new Set((snapshot.dataModel?.fields ?? []).map((f) => f.name));
  const sheets = new Map(snapshot.sheets.map((s) => [s.id, s.title]));
  return snapshot.bookmarks.map((b) => {
    const selected = [...new Set(b.selections.map((s) => s.field))];
    const sheetTitle = b.sheetId ? (sheets.get(b.sheetId) ?? b.sheetId) : undefined;
    return {
      id: b.id,
      title: b.title || b.id,
      ...(sheetTitle !== undefined ? { sheetTitle } : {}),
      fields: selected,
      unknownFields: snapshot.dataModel ? selected.filter((f) => !fields.has(f)) : [],
    };
  });
}

export const USE_KIND_LABEL: Record<UseKind, string> = {
  expression: 'expression',
  dimension: 'dimension',
  'set-modifier': 'set modifier',
  sort: 'sort',
  bookmark: 'bookmark',
  'chart-filter': 'chart filter',
  listbox: 'list box',
  key: 'key',
  'section-access': 'section access',
  'master-item': 'master item',
  variable: 'variable',
  alternative: 'alternative',
  property: 'property',
  'string-literal': 'text',
};
