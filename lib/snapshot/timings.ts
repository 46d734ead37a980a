// Per-sheet calculation time from the collected object timings: the sum of the sheet's objects'
// first calculation, the one figure rule P02 judges and the overview charts.
import type { AppSnapshot } from './schema';

/** sheet id → sum of its objects' `firstMs`, in timing order */
export function sheetCalcTotals(snapshot: AppSnapshot | undefined): Map<string, number> {
  const totals = new Map<string, number>();
  for (const t of snapshot?.timings?.objects ?? []) if (t.sheetId) totals.set(t.sheetId, (totals.get(t.sheetId) ?? 0) + t.firstMs);
  return totals;
}
