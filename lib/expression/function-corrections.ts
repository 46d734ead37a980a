// Corrections to the generated function table (function-table.ts). Each row replaces or adds the
// function of that name. Sources: Qlik Cloud help, "Chart functions" and its sub-pages
// (https://help.qlik.com/en-US/cloud-services/Subsystems/Hub/Content/Sense_Hub/ChartFunctions/functions-in-charts.htm).
import { AGG, CHT, DST, SET, TOT, type FunctionRow } from './function-flags';

export const FUNCTION_CORRECTIONS: readonly FunctionRow[] = [
  // Aggr({set} [DISTINCT|NODISTINCT] expr, dim {, dim}): the inqlik row lacks DISTINCT/NODISTINCT.
  ['Aggr', 2, 999, SET | DST | CHT, 'AGGR'],
  // Inter-record chart functions take TOTAL; arity per the help pages (Above(TOTAL expr [, offset [, count]])).
  ['Above', 1, 3, TOT | CHT, 'RECORD'],
  ['Below', 1, 3, TOT | CHT, 'RECORD'],
  ['Before', 1, 3, TOT | CHT, 'RECORD'],
  ['After', 1, 3, TOT | CHT, 'RECORD'],
  ['Top', 1, 3, TOT | CHT, 'RECORD'],
  ['Bottom', 1, 3, TOT | CHT, 'RECORD'],
  ['First', 1, 3, TOT | CHT, 'RECORD'],
  ['Last', 1, 3, TOT | CHT, 'RECORD'],
  ['Column', 1, 1, CHT, 'RECORD'],
  ['ColumnNo', 0, 1, TOT | CHT, 'RECORD'],
  ['RowNo', 0, 1, TOT | CHT, 'RECORD'],
  ['NoOfRows', 0, 1, TOT | CHT, 'RECORD'],
  ['NoOfColumns', 0, 1, TOT | CHT, 'RECORD'],
  ['Dimensionality', 0, 0, CHT, 'RECORD'],
  ['SecondaryDimensionality', 0, 0, CHT, 'RECORD'],
  ['Rank', 1, 3, TOT | CHT, 'RANK'],
  ['HRank', 1, 3, TOT | CHT, 'RANK'],
  ['VRank', 1, 3, TOT | CHT, 'RANK'],
  // Field and selection functions: the inqlik rows are QlikView-era or missing.
  ['GetFieldSelections', 1, 4, CHT, 'FIELD'],
  ['GetCurrentSelections', 0, 5, CHT, 'FIELD'],
  ['GetSelectedCount', 1, 3, CHT, 'FIELD'],
  ['GetPossibleCount', 1, 2, CHT, 'FIELD'],
  ['GetAlternativeCount', 1, 2, CHT, 'FIELD'],
  ['GetExcludedCount', 1, 2, CHT, 'FIELD'],
  ['GetNotSelectedCount', 1, 3, CHT, 'FIELD'],
  ['GetObjectField', 0, 1, CHT, 'FIELD'],
  ['GetObjectDimension', 0, 1, CHT, 'FIELD'],
  ['GetObjectMeasure', 0, 1, CHT, 'FIELD'],
  ['GetActiveSheetId', 0, 0, CHT, 'SYS'],
  ['GetExtendedProperty', 1, 2, CHT, 'SYS'],
  ['StateName', 0, 0, CHT, 'SYS'],
  ['ObjectId', 0, 1, CHT, 'SYS'],
  // InObject(id): containers and tabbed objects (Qlik Cloud 2023+); used by real apps (reload-analyzer).
  ['InObject', 1, 1, CHT, 'SYS'],
  ['ValueList', 1, 999, CHT, 'SYNTH'],
  ['ValueLoop', 1, 3, CHT, 'SYNTH'],
  // Colour functions: named colours take an optional alpha; ColorMix2 takes 3 to 5 arguments.
  ['ColorMix2', 3, 5, CHT, 'CLR'],
  ['ColorMapHue', 1, 2, CHT, 'CLR'],
  ['ColorMapJet', 1, 2, CHT, 'CLR'],
  ['Color', 1, 2, CHT, 'CLR'],
  // Server-side extension functions (analytic connections).
  ['ScriptEval', 1, 999, CHT, 'SSE'],
  ['ScriptEvalStr', 1, 999, CHT, 'SSE'],
  ['ScriptEvalEx', 2, 999, CHT, 'SSE'],
  ['ScriptEvalExStr', 2, 999, CHT, 'SSE'],
  ['ScriptAggr', 1, 999, SET | TOT | CHT, 'SSE'],
  ['ScriptAggrStr', 1, 999, SET | TOT | CHT, 'SSE'],
  ['ScriptAggrEx', 2, 999, SET | TOT | CHT, 'SSE'],
  ['ScriptAggrExStr', 2, 999, SET | TOT | CHT, 'SSE'],
  // Chart aggregations accept a set, TOTAL and (mostly) DISTINCT even where the script BNF omits them.
  ['Only', 1, 1, AGG | SET | DST | TOT, 'AGGR'],
  ['Mode', 1, 1, AGG | SET | DST | TOT, 'AGGR'],
  // Geo functions that aggregate geometries over the chart's rows take a set in charts, e.g.
  // GeoReduceGeometry({1}[Area]) in the reload-analyzer app.
  ['GeoAggrGeometry', 1, 1, SET | TOT | CHT, 'GEO'],
  ['GeoReduceGeometry', 1, 2, SET | TOT | CHT, 'GEO'],
  ['GeoBoundingBox', 1, 1, SET | TOT | CHT, 'GEO'],
  ['GeoCountVertex', 1, 1, SET | TOT | CHT, 'GEO'],
];

/** Names in the inqlik table that are script table transformations, not functions. */
export const NOT_FUNCTIONS: readonly string[] = [
  'FILTERS', 'REMOVE', 'ROWCND', 'STRCND', 'POS', 'COLXTR', 'UNWRAP', 'ROTATE', 'TRANSPOSE', 'SELECT', 'WILDMATCH5',
];
