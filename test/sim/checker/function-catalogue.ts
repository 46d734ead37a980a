// The simulator's own function catalogue (independent of lib/expression on purpose: the simulated
// engine must not agree with Qlarity's parser because they share a table).
//
// Two sources, both Qlik's:
// 1. The engine's own function registry: every function literal of script-bnf.json (vendored in
//    test/sim/spec/vendor from ../shared/qlik), a real engine's GetBaseBNF answer (qQvFunc = function, qAggrFunc = aggregation). It holds the
//    script-and-chart functions, newer ones included (Window, JsonGet, ExtractRegEx, GeoAggrGeometry …),
//    listed by help.qlik.com under "Script and chart functions".
// 2. The chart-only functions, which a script grammar cannot list: each from its help.qlik.com page
//    (Qlik Cloud help, "Chart functions" and "Script and chart functions" lists).
//
// "Never stricter than the engine": a name the catalogue lacks is rejected only when it cannot be
// an analytic-connection (server-side extension) function, whose names carry the connection's
// prefix (`R.ScriptEval`, `Python.…`) and depend on the tenant's configuration.
import { vendorJson } from '../spec/openrpc';

const HELP = 'https://help.qlik.com/en-US/cloud-services/Subsystems/Hub/Content/Sense_Hub';
/** The alphabetical "Script and chart functions" list: where the BNF functions are documented. */
export const SCRIPT_AND_CHART_FUNCTIONS_PAGE = `${HELP}/Scripting/functions-in-scripts-chart-expressions.htm`;

export interface CatalogueEntry {
  /** as Qlik spells it */
  name: string;
  aggregation: boolean;
  /** true for functions only chart expressions know */
  chartOnly: boolean;
  page: string;
}

interface ChartOnlyGroup {
  page: string;
  aggregation?: boolean;
  names: string[];
}

/** Chart-only functions, grouped by the help page that documents them. */
const CHART_ONLY: ChartOnlyGroup[] = [
  // "Row functions … can only be used in chart expressions"; column and pivot-table functions on the same page
  {
    page: `${HELP}/ChartFunctions/InterRecordFunctions/inter-record-functions-charts.htm`,
    names: ['Above', 'Below', 'Bottom', 'Top', 'NoOfRows', 'RowNo', 'Column', 'ColumnNo', 'NoOfColumns', 'Dimensionality', 'SecondaryDimensionality', 'After', 'Before', 'First', 'Last'],
  },
  { page: `${HELP}/ChartFunctions/RelationalFunctions/rank.htm`, names: ['Rank'] },
  { page: `${HELP}/ChartFunctions/RelationalFunctions/HRank.htm`, names: ['HRank'] },
  // Aggr takes a set expression, DISTINCT/NODISTINCT and is itself the documented way to nest aggregations
  { page: `${HELP}/ChartFunctions/aggr.htm`, aggregation: true, names: ['Aggr'] },
  { page: `${HELP}/ChartFunctions/SyntheticDimensionFunctions/valuelist.htm`, names: ['ValueList'] },
  { page: `${HELP}/ChartFunctions/SyntheticDimensionFunctions/valueloop.htm`, names: ['ValueLoop'] },
  // "These functions can only be used in chart expressions"
  {
    page: `${HELP}/ChartFunctions/FieldFunctions/field-functions-charts.htm`,
    names: ['GetAlternativeCount', 'GetExcludedCount', 'GetNotSelectedCount', 'GetPossibleCount', 'GetSelectedCount', 'GetStateCounts', 'GetCurrentSelections', 'GetFieldSelections', 'GetObjectDimension', 'GetObjectField', 'GetObjectMeasure', 'GetCurrentField'],
  },
  {
    page: `${HELP}/Scripting/SystemFunctions/system-functions.htm`,
    names: ['CalcDim', 'GetRegistryString', 'GetExtendedProperty', 'GetActiveSheetId'],
  },
  { page: `${HELP}/Scripting/SystemFunctions/InObject.htm`, names: ['InObject'] },
  { page: `${HELP}/Scripting/SystemFunctions/ObjectId.htm`, names: ['ObjectId'] },
  { page: `${HELP}/Scripting/SystemFunctions/StateName.htm`, names: ['StateName'] },
];

interface BnfDef {
  qName: string;
  qQvFunc?: boolean;
  qAggrFunc?: boolean;
  qIsBnfRule?: boolean;
  /** function group, e.g. STR, DATE, RNG */
  qFG?: string;
}

/** The help page that lists the functions of a BNF group, where checked; others: the alphabetical overview. */
const GROUP_PAGES: Record<string, string> = {
  STR: `${HELP}/Scripting/StringFunctions/string-functions.htm`,
  DATE: `${HELP}/Scripting/DateAndTimeFunctions/date-time-functions.htm`,
  RNG: `${HELP}/ChartFunctions/RangeFunctions/RangeFunctionsInCharts.htm`,
  WINDOW: `${HELP}/Scripting/WindowFunctions/window-functions.htm`,
  SYS: `${HELP}/Scripting/SystemFunctions/system-functions.htm`,
};

function engineFunctions(): CatalogueEntry[] {
  const dump = vendorJson<{ result?: { qBnfDefs: BnfDef[] }; qBnfDefs?: BnfDef[] }>('script-bnf.json');
  const defs = dump.result?.qBnfDefs ?? dump.qBnfDefs ?? [];
  return defs
    .filter((d) => (d.qQvFunc || d.qAggrFunc) && !d.qIsBnfRule)
    .map((d) => ({ name: d.qName, aggregation: Boolean(d.qAggrFunc), chartOnly: false, page: GROUP_PAGES[d.qFG ?? ''] ?? SCRIPT_AND_CHART_FUNCTIONS_PAGE }));
}

let entries: Map<string, CatalogueEntry> | undefined;

/** Every function the simulated engine knows, by upper-case name. */
export function catalogue(): Map<string, CatalogueEntry> {
  if (entries) return entries;
  entries = new Map();
  for (const entry of engineFunctions()) entries.set(entry.name.toUpperCase(), entry);
  for (const group of CHART_ONLY) {
    for (const name of group.names) {
      const known = entries.get(name.toUpperCase());
      // a function the BNF already lists (RowNo, NoOfRows, GetObjectField) keeps its flags, gains the chart page
      entries.set(name.toUpperCase(), { name, aggregation: known?.aggregation ?? Boolean(group.aggregation), chartOnly: !known, page: group.page });
    }
  }
  return entries;
}

/** An analytic-connection function (`<connection>.<function>`): its existence depends on the tenant. */
export function isAnalyticConnectionName(name: string): boolean {
  return /^[\p{L}_][\p{L}\p{N}_]*\.[\p{L}_][\p{L}\p{N}_.]*$/u.test(name);
}
