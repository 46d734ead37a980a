// Function names the checker accepts: the inqlik chart-function table (QlikView-era, so newer
// Sense functions are added below) plus the script functions of the engine's own BNF dump.
import { vendorJson } from '../spec/openrpc';

interface ChartFunction {
  name: string;
  setExpression: boolean;
  minArgs: number;
  maxArgs: number;
  distinct: boolean;
  total: boolean;
}
interface BnfDef {
  qName: string;
  qQvFunc?: boolean;
  qAggrFunc?: boolean;
}

/** Sense functions missing from the QlikView-era table (help.qlik.com chart function lists). */
const NEWER_FUNCTIONS = ['GETOBJECTFIELD', 'GETOBJECTMEASURE', 'GETOBJECTDIMENSION', 'OBJECTID', 'ISNUMERIC', 'LEVENSHTEINDIST', 'STRINGCOUNT', 'JSONGET', 'JSONSET', 'LINEST_M', 'GETALTERNATIVECOUNT', 'GETCURRENTFIELD', 'INDAY', 'DUAL', 'COLUMNNO', 'NOOFCOLUMNS', 'HRANK', 'SECONDARYDIMENSIONALITY', 'AUTONUMBER', 'HASH128', 'HASH160', 'HASH256', 'EMPTYISNULL', 'COUNTIF', 'RANGEMISSINGCOUNT', 'RANGETEXTCOUNT', 'RANGENULLCOUNT', 'RANGENUMERICCOUNT', 'MAKEWEEKDATE', 'WEEKNAME', 'FIELDINDEX', 'FIELDVALUE', 'FIELDVALUECOUNT', 'FIELDELEMNO', 'GETFIELDSELECTIONS', 'GETSELECTEDCOUNT', 'GETPOSSIBLECOUNT', 'GETEXCLUDEDCOUNT', 'GETNOTSELECTEDCOUNT', 'ONLY', 'CONCAT', 'FIRSTSORTEDVALUE', 'MODE', 'FRACTILE', 'FRACTILEEXC', 'MEDIAN', 'STDEV', 'NULLCOUNT', 'MISSINGCOUNT', 'TEXTCOUNT', 'NUMERICCOUNT', 'AGGR', 'PICK', 'MATCH', 'WILDMATCH', 'MIXMATCH', 'TODAY', 'NOW', 'REPLACE', 'DOCUMENTTITLE', 'OSUSER', 'QVUSER', 'DAYNAME', 'MONTHNAME', 'QUARTERNAME', 'YEARNAME', 'ARGB', 'RGB', 'COLORMIX1', 'COLORMIX2', 'SYSCOLOR', 'QLIKTECHBLUE', 'QLIKTECHGRAY', 'NULL', 'TRUE', 'FALSE', 'IF', 'ALT', 'CLASS', 'COALESCE'];

/** Aggregation functions the table misses or flags wrongly (they take set expressions). */
const NEWER_AGGREGATIONS = ['SUM', 'COUNT', 'AVG', 'MIN', 'MAX', 'ONLY', 'CONCAT', 'FIRSTSORTEDVALUE', 'MODE', 'FRACTILE', 'FRACTILEEXC', 'MEDIAN', 'STDEV', 'NULLCOUNT', 'MISSINGCOUNT', 'TEXTCOUNT', 'NUMERICCOUNT', 'MINSTRING', 'MAXSTRING', 'COUNTIF', 'LINEST_M', 'AGGR'];

export interface FunctionCatalogue {
  /** upper-case names */
  functions: Set<string>;
  aggregations: Set<string>;
}

let catalogue: FunctionCatalogue | undefined;

export function functionCatalogue(): FunctionCatalogue {
  if (catalogue) return catalogue;
  const chart = vendorJson<{ functions: ChartFunction[] }>('chart-functions.json').functions;
  const bnf = vendorJson<{ qBnfDefs: BnfDef[] }>('script-bnf.json').qBnfDefs;
  const functions = new Set<string>([...chart.map((f) => f.name.toUpperCase()), ...NEWER_FUNCTIONS]);
  const aggregations = new Set<string>([...chart.filter((f) => f.setExpression).map((f) => f.name.toUpperCase()), ...NEWER_AGGREGATIONS]);
  for (const def of bnf) {
    if (!def.qQvFunc) continue;
    functions.add(def.qName.toUpperCase());
    if (def.qAggrFunc) aggregations.add(def.qName.toUpperCase());
  }
  aggregations.delete('ADDYEARS'); // a row of the inqlik table that looks wrong (see shared/README.md)
  catalogue = { functions, aggregations };
  return catalogue;
}
