// Time to run every rule on a large synthetic snapshot (10,000 expressions), and how it grows
// from 1,000 to 10,000 expressions. Target: under 1 s at 10,000, near-linear growth.
import type { BenchResult } from './run';
import { parseForAnalysis } from '../lib/analyze/parsed-expression';
import { analyse } from '../lib/rules/analyse';
import type { AppSnapshot } from '../lib/snapshot/schema';
import { app } from '../test/fixtures/builders';

const FIELDS = Array.from({ length: 120 }, (_, i) => `Field ${i}`);
const TEMPLATES = [
  (f: string, g: string, n: number) => `Sum({<[${g}]={${2000 + (n % 30)}}>} [${f}])`,
  (f: string, _g: string, n: number) => `Sum([${f}]) / Count(DISTINCT [Field ${n % 7}])`,
  (f: string, g: string) => `If(GetSelectedCount([${g}]) > 0, Sum([${f}]), Avg([${f}]))`,
  (f: string, _g: string, n: number) => `Sum(If([${f}] > ${n}, [${f}]))`,
  (f: string, g: string) => `Avg(Aggr(Sum([${f}]), [${g}]))`,
  (f: string, _g: string, n: number) => `$(vMeasure${n % 20}) * ${n}`,
  (f: string, g: string, n: number) => `RangeSum(Above(Sum({<[${g}]={'${n}'}>} [${f}]), 0, 12))`,
  (f: string, _g: string, n: number) => `Num(Sum([${f}]) / ${n + 1}, '#,##0.00')`,
];

/** An app with `expressions` chart measures (plus dimensions), 120 fields in 6 tables, 20 variables. */
export function syntheticSnapshot(expressions: number): AppSnapshot {
  const builder = app({ id: `bench-${expressions}` });
  for (let t = 0; t < 6; t++) builder.table(`Table ${t}`, { rows: 100_000, fields: ['Key', ...FIELDS.slice(t * 20, t * 20 + 20)] });
  for (let v = 0; v < 20; v++) builder.variable(`vMeasure${v}`, `Sum([Field ${v}])`);
  for (let m = 0; m < 30; m++) builder.measure({ label: `Master ${m}`, def: `Sum([Field ${m}])` });
  const perObject = 8;
  let sheet = builder.sheet({ title: 'Sheet 0' });
  for (let n = 0, o = 0; n < expressions; o++) {
    if (o > 0 && o % 12 === 0) sheet = builder.sheet({ title: `Sheet ${o / 12}` });
    const measures = Array.from({ length: Math.min(perObject, expressions - n) }, (_, i) => {
      const k = n + i;
      return TEMPLATES[k % TEMPLATES.length](FIELDS[k % FIELDS.length], FIELDS[(k * 7) % FIELDS.length], k);
    });
    n += measures.length;
    sheet.table({ title: `Object ${o}`, dimension: FIELDS[o % FIELDS.length], measures });
  }
  return builder.build();
}

function timeAnalysis(snapshot: AppSnapshot): number {
  analyse(snapshot); // warm-up: JIT and module init
  analyse(snapshot);
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    analyse(snapshot);
    runs.push(performance.now() - t0);
  }
  return runs.sort((a, b) => a - b)[2];
}

/** The least work any analysis does: expanding and parsing every expression once (the machine's yardstick). */
function timeParseOnly(snapshot: AppSnapshot): number {
  const variables = new Map(snapshot.variables.map((v) => [v.name, { definition: v.definition }]));
  const runs: number[] = [];
  for (let i = 0; i < 4; i++) {
    const t0 = performance.now();
    for (const e of snapshot.expressions) parseForAnalysis(e.text, e.syntax, variables);
    runs.push(performance.now() - t0);
  }
  return runs.sort((a, b) => a - b)[1];
}

export default async (): Promise<BenchResult[]> => {
  const sizes = [1_000, 2_000, 5_000, 10_000];
  const times = new Map<number, number>();
  let parseOnly = 0;
  for (const size of sizes) {
    const snapshot = syntheticSnapshot(size);
    times.set(size, timeAnalysis(snapshot));
    if (size === 10_000) parseOnly = timeParseOnly(snapshot);
  }
  const t1k = times.get(1_000) ?? 0;
  const t10k = times.get(10_000) ?? 0;
  const growth = t10k / t1k / 10;
  return [
    ...sizes.map((size) => ({
      name: `all rules, ${size.toLocaleString('en-US')} expressions`,
      value: times.get(size) ?? 0,
      unit: 'ms',
      baseline: size === 10_000 ? { name: 'parsing the 10,000 expressions once', value: parseOnly } : size === 1_000 ? undefined : { name: '1,000 expressions', value: t1k },
      ...(size === 10_000 ? { target: 'under 1,000 ms', meetsTarget: t10k < 1_000 } : {}),
    })),
    {
      name: 'growth 1,000 → 10,000 expressions, per 10× input (1.0 = linear)',
      value: growth,
      unit: '×',
      target: 'at most 1.5 (near-linear)',
      meetsTarget: growth <= 1.5,
    },
  ];
};
