// Calculation cost model: how long the simulated engine "computes" an object, so that
// client-side timings (cold first GetLayout, warm second) behave like a real app. Cost
// grows with the rows scanned and the size of the result; engine-behaviour.json overrides
// per object (calcMs cold, cachedCalcMs warm).
import type { DataModel } from './data-model';
import { fieldRows } from './generate';

export interface CostInput {
  fields: string[];
  /** hypercube rows (distinct dimension combinations) */
  cubeRows: number;
  measures: number;
}

const MS_PER_MILLION_ROWS = 40;
const MS_PER_THOUSAND_CELLS = 0.5;
const CACHED_FRACTION = 0.05;

export function calcCostMs(model: DataModel, input: CostInput): { calcMs: number; cachedCalcMs: number } {
  const rows = Math.max(0, ...input.fields.map((name) => {
    const f = model.fieldByName.get(name);
    return f ? fieldRows(model, f) : 0;
  }));
  const scan = (rows / 1_000_000) * MS_PER_MILLION_ROWS * Math.max(1, input.measures);
  const cells = (input.cubeRows * (input.fields.length + input.measures)) / 1000;
  const calcMs = Math.min(30_000, Math.round(scan + cells * MS_PER_THOUSAND_CELLS));
  return { calcMs, cachedCalcMs: Math.round(calcMs * CACHED_FRACTION) };
}
