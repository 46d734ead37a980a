// The Qlik function table: generated rows (function-table.ts) with manual corrections applied.
import { FUNCTION_CORRECTIONS, NOT_FUNCTIONS } from './function-corrections';
import { AGG, CHT, DEP, DST, SET, TOT, type FunctionRow } from './function-flags';
import { GENERATED_FUNCTIONS } from './function-table';

export interface FunctionInfo {
  /** canonical spelling (as Qlik's documentation writes it where known) */
  readonly name: string;
  readonly minArgs: number;
  /** 999 = unbounded */
  readonly maxArgs: number;
  readonly aggregation: boolean;
  readonly setAllowed: boolean;
  readonly distinctAllowed: boolean;
  readonly totalAllowed: boolean;
  readonly deprecated: boolean;
  /** chart-only function not in the script grammar */
  readonly chartOnly: boolean;
  /** function group from the engine BNF (DATE, STR, CLR, RNG, ...) or ours (RECORD, RANK, FIELD, SSE) */
  readonly group: string;
}

function toInfo([name, minArgs, maxArgs, flags, group]: FunctionRow): FunctionInfo {
  return {
    // the inqlik table writes names in upper case; the BNF and the corrections use Qlik's spelling
    name: (flags & CHT) !== 0 && name === name.toUpperCase() ? titleCase(name) : name,
    minArgs,
    maxArgs,
    aggregation: (flags & AGG) !== 0,
    setAllowed: (flags & SET) !== 0,
    distinctAllowed: (flags & DST) !== 0,
    totalAllowed: (flags & TOT) !== 0,
    deprecated: (flags & DEP) !== 0,
    chartOnly: (flags & CHT) !== 0,
    group,
  };
}

function titleCase(upper: string): string {
  return upper.charAt(0) + upper.slice(1).toLowerCase();
}

function build(): Map<string, FunctionInfo> {
  const map = new Map<string, FunctionInfo>();
  const excluded = new Set(NOT_FUNCTIONS);
  for (const row of GENERATED_FUNCTIONS) if (!excluded.has(row[0].toUpperCase())) map.set(row[0].toUpperCase(), toInfo(row));
  for (const row of FUNCTION_CORRECTIONS) map.set(row[0].toUpperCase(), toInfo(row));
  return map;
}

/** Every known function, keyed by upper-case name (Qlik function names are case-insensitive). */
export const FUNCTIONS: ReadonlyMap<string, FunctionInfo> = build();

// Names repeat (Sum, Count, If …): remember each spelling's answer instead of upper-casing every time.
const bySpelling = new Map<string, FunctionInfo | null>();

export function lookupFunction(name: string): FunctionInfo | undefined {
  let info = bySpelling.get(name);
  if (info === undefined) {
    info = FUNCTIONS.get(name.toUpperCase()) ?? null;
    if (bySpelling.size < 10_000) bySpelling.set(name, info);
  }
  return info ?? undefined;
}

export function isAggregationFunction(name: string): boolean {
  return lookupFunction(name)?.aggregation === true;
}
