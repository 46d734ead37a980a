// `npm run bench`: runs every bench/*.bench.ts and prints each measurement next to the baseline
// measured in the same run, as a ratio. Speed targets are shown here, never asserted in tests.
// `npm run bench -- --json`: the same figures as one JSON object on stdout (nothing else there).
// Other arguments select bench files by name (`npm run bench -- collect`). The browser bench
// (browser.bench.ts: real Chromium, a build and a few minutes) runs only when named: `npm run bench -- browser`.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';

const BenchResult = z.object({
  name: z.string(),
  value: z.number(),
  unit: z.string(),
  baseline: z.object({ name: z.string(), value: z.number() }).optional(),
  /** what the target is, in words, e.g. "under 1 s for 10,000 expressions" */
  target: z.string().optional(),
  /** whether the measurement meets the target */
  meetsTarget: z.boolean().optional(),
});
export type BenchResult = z.infer<typeof BenchResult>;

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.filter((a) => a !== '--json');
/** benches that run only when asked for by name */
const ON_REQUEST = new Set(['browser.bench.ts']);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => (only.length === 0 ? !ON_REQUEST.has(f) : only.some((o) => f.includes(o))))
  .sort();

let missed = 0;
const report: Record<string, (BenchResult & { ratio?: number })[]> = {};
for (const file of files) {
  const mod: { default: () => Promise<unknown> } = await import(pathToFileURL(`${here}${file}`).href);
  const results = z.array(BenchResult).parse(await mod.default());
  report[file] = results.map((r) => (r.baseline ? { ...r, ratio: r.value / r.baseline.value } : r));
  if (!json) console.log(`\n${file}`);
  for (const r of results) {
    const ratio = r.baseline ? ` (${(r.value / r.baseline.value).toFixed(2)}× ${r.baseline.name}: ${format(r.baseline.value)} ${r.unit})` : '';
    const target = r.target ? ` target ${r.target}: ${r.meetsTarget ? 'met' : 'NOT met'}` : '';
    if (r.meetsTarget === false) missed++;
    if (!json) console.log(`  ${r.name}: ${format(r.value)} ${r.unit}${ratio}${target}`);
  }
}
const peakRssMb = process.resourceUsage().maxRSS / 1024;
if (json) {
  process.stdout.write(`${JSON.stringify({ benchmarks: report, files: files.length, targetsNotMet: missed, peakRssMb, node: process.version }, null, 2)}\n`);
} else {
  console.log(`\npeak RSS of the bench process: ${format(peakRssMb)} MB`);
  console.log(`\n${files.length} benchmark files, ${missed} targets not met`);
}

function format(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3);
}
