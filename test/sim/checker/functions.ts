// The function names the checker accepts, from the simulator's own catalogue (function-catalogue.ts:
// the engine's GetBaseBNF registry plus the chart-only functions of help.qlik.com).
import { catalogue, isAnalyticConnectionName } from './function-catalogue';

export interface FunctionCatalogue {
  /** upper-case names */
  functions: Set<string>;
  aggregations: Set<string>;
  /** whether the engine could know a function of this name (the catalogue's, or an analytic connection's) */
  mayExist(name: string): boolean;
}

let cached: FunctionCatalogue | undefined;

export function functionCatalogue(): FunctionCatalogue {
  if (cached) return cached;
  const all = catalogue();
  const functions = new Set(all.keys());
  const aggregations = new Set([...all].filter(([, e]) => e.aggregation).map(([name]) => name));
  cached = { functions, aggregations, mayExist: (name) => functions.has(name.toUpperCase()) || isAnalyticConnectionName(name) };
  return cached;
}
