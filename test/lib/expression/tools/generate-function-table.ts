// Regenerates lib/expression/function-table.ts from the two machine-readable Qlik function lists in
// ../shared/qlik (see research/engine.md section 5.4):
//   - script-bnf.json: the engine's GetBaseBNF dump (arity from the grammar rule, qAggrFunc, qFG group, qDepr);
//   - chart-functions.json: the inqlik_cli FuncDesc table (adds chart-only functions: Aggr, Above, Rank, ...).
// The BNF wins where both know a function (the inqlik table has odd rows such as ADDYEARS 0..999).
// Manual corrections live in lib/expression/function-corrections.ts and are applied at load time.
// Run: npx tsx test/lib/expression/tools/generate-function-table.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface BnfDef {
  qNbr: number;
  qName: string;
  qStr?: string;
  qBnf: number[];
  qIsBnfRule?: boolean;
  qQvFunc?: boolean;
  qAggrFunc?: boolean;
  qFG?: string;
  qDepr?: boolean;
}
interface ChartRow {
  name: string;
  setExpression: boolean;
  minArgs: number;
  maxArgs: number;
  distinct: boolean;
  total: boolean;
}
interface Row {
  name: string;
  minArgs: number;
  maxArgs: number;
  aggregation: boolean;
  distinct: boolean;
  total: boolean;
  set: boolean;
  group: string;
  deprecated: boolean;
  source: 'bnf' | 'inqlik';
}

// Meta entries of the BNF dump (qNbr), see QvsView.qs docs/bnf-parsing-methodology.md
const BNF_OPTIONAL_START = 9;
const BNF_OPTIONAL_END = 10;
const BNF_REPEAT_START = 14;
const BNF_REPEAT_END = 15;
const BNF_ALL_END = 17;

export const PROJECT_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const SHARED_QLIK = `${PROJECT_ROOT}../shared/qlik/`;
export const TABLE_FILE = `${PROJECT_ROOT}lib/expression/function-table.ts`;

/** The text of function-table.ts generated from the two sources. */
export function generateFunctionTable(shared = SHARED_QLIK): string {
  const defs: BnfDef[] = JSON.parse(readFileSync(`${shared}script-bnf.json`, 'utf8')).result.qBnfDefs;
  const chart: ChartRow[] = JSON.parse(readFileSync(`${shared}chart-functions.json`, 'utf8')).functions;
  const rows = bnfRows(defs);
  for (const c of chart) if (!rows.has(c.name)) rows.set(c.name, chartRow(c));
  const sorted = [...rows.values()].sort((a, b) => a.name.toUpperCase().localeCompare(b.name.toUpperCase()));
  return render(sorted);
}

/** One row per `<Name>_Func` rule of the BNF: BNF_ALL_START <type> <Name> ( BNF_ALL_END params… ) */
function bnfRows(defs: BnfDef[]): Map<string, Row> {
  const byNumber = new Map(defs.map((d) => [d.qNbr, d]));
  const text = (n: number) => byNumber.get(n)?.qStr ?? byNumber.get(n)?.qName ?? '';
  const rows = new Map<string, Row>();
  for (const rule of defs) {
    if (!rule.qIsBnfRule || !(rule.qQvFunc || rule.qAggrFunc) || !rule.qName.endsWith('_Func')) continue;
    const name = rule.qName.slice(0, -5);
    const literal = defs.find((d) => !d.qIsBnfRule && d.qQvFunc && d.qName === name);
    let min = 0;
    let max = 0;
    let optional = 0; // inside [ … ]
    let repeat = 0; // inside { … }
    let distinct = false;
    let total = false;
    for (const n of rule.qBnf.slice(rule.qBnf.indexOf(BNF_ALL_END) + 1)) {
      const t = text(n);
      if (n === BNF_OPTIONAL_START) optional++;
      else if (n === BNF_OPTIONAL_END) optional--;
      else if (n === BNF_REPEAT_START) repeat++;
      else if (n === BNF_REPEAT_END) repeat--;
      else if (t === 'DISTINCT') distinct = true;
      else if (t === 'TOTAL') total = true;
      else if (byNumber.get(n)?.qIsBnfRule) {
        // a parameter (Expression or another rule)
        if (repeat > 0) max = 999;
        else if (optional > 0) max++;
        else {
          min++;
          max++;
        }
      }
    }
    const aggregation = Boolean(rule.qAggrFunc);
    rows.set(name.toUpperCase(), {
      name,
      minArgs: min,
      maxArgs: max,
      aggregation,
      distinct,
      // in charts every aggregation takes a set expression and TOTAL (Qlik help, "Aggregation functions")
      total: total || aggregation,
      set: aggregation,
      group: literal?.qFG ?? (aggregation ? 'AGGR' : ''),
      deprecated: Boolean(literal?.qDepr),
      source: 'bnf',
    });
  }
  return rows;
}

function chartRow(c: ChartRow): Row {
  return {
    name: c.name,
    minArgs: c.minArgs,
    maxArgs: c.maxArgs,
    aggregation: false,
    distinct: c.distinct,
    total: c.total,
    set: c.setExpression,
    group: '',
    deprecated: false,
    source: 'inqlik',
  };
}

function flags(r: Row): string {
  const f: string[] = [];
  if (r.aggregation) f.push('AGG');
  if (r.set) f.push('SET');
  if (r.distinct) f.push('DST');
  if (r.total) f.push('TOT');
  if (r.deprecated) f.push('DEP');
  if (r.source === 'inqlik') f.push('CHT');
  return f.length ? f.join(' | ') : '0';
}

function render(rows: Row[]): string {
  const lines = rows.map((r) => `  [${JSON.stringify(r.name)}, ${r.minArgs}, ${r.maxArgs}, ${flags(r)}, ${JSON.stringify(r.group)}],`);
  return `// GENERATED by test/lib/expression/tools/generate-function-table.ts from ../shared/qlik/script-bnf.json
// (engine GetBaseBNF dump: arity, qAggrFunc, qFG group, qDepr) and ../shared/qlik/chart-functions.json
// (inqlik_cli FuncDesc table, MIT, for chart-only functions). Do not edit: put corrections in
// function-corrections.ts.
// Row: [name, minArgs, maxArgs, flags, BNF function group]
import { AGG, CHT, DEP, DST, SET, TOT, type FunctionRow } from './function-flags.ts';

export const GENERATED_FUNCTIONS: readonly FunctionRow[] = [
${lines.join('\n')}
];
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = generateFunctionTable();
  writeFileSync(TABLE_FILE, out);
  console.log(`${out.split('\n').filter((l) => l.startsWith('  [')).length} functions written to ${TABLE_FILE}`);
}
