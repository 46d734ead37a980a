// `qlarity compare A.json B.json`: two saved `--format json` results of the same app (before, after)
// matched by finding fingerprint: new (only in B), fixed (only in A), unchanged (in both).
import { readFile } from 'node:fs/promises';
import { type FailOn, UsageError, parseFailOn, parseOrUsage } from './args.ts';
import { type SavedFinding, parseSavedResult } from './baseline.ts';
import { EXIT, EXIT_CODES_TEXT } from './exit-codes.ts';
import { exitCodeFor } from './output.ts';
import { terminalSafe } from './terminal-safe.ts';
import type { CliIo } from './analyze.ts';

export const COMPARE_USAGE = `Usage:
  qlarity compare BEFORE.json AFTER.json [--format text|json] [--fail-on LEVEL]

Compares two results written by \`qlarity analyze --format json\` (or a scan's per-app files) and
prints the findings that are new in AFTER, fixed since BEFORE, and unchanged, matched by fingerprint.

  --format text|json    default text
  --fail-on LEVEL       exit 1 when a new finding of this severity or worse exists (default none)
  -h, --help            this text

${EXIT_CODES_TEXT}`;

export interface Comparison {
  new: SavedFinding[];
  fixed: SavedFinding[];
  unchanged: SavedFinding[];
}

/** Pure: B's findings not in A are new, A's not in B fixed, the rest unchanged (B's copy). */
export function compareResults(before: readonly SavedFinding[], after: readonly SavedFinding[]): Comparison {
  const inBefore = new Set(before.map((f) => f.fingerprint));
  const inAfter = new Set(after.map((f) => f.fingerprint));
  return {
    new: after.filter((f) => !inBefore.has(f.fingerprint)),
    fixed: before.filter((f) => !inAfter.has(f.fingerprint)),
    unchanged: after.filter((f) => inBefore.has(f.fingerprint)),
  };
}

function line(mark: string, f: SavedFinding): string {
  const target = (f.target ?? {}) as { kind?: unknown; id?: unknown; name?: unknown };
  const where = `${String(target.kind ?? '')} ${typeof target.name === 'string' ? `"${target.name}" ` : ''}(${String(target.id ?? '')})`;
  return terminalSafe(`${mark} ${f.severity[0]?.toUpperCase()} ${f.rule} ${where}: ${f.message}`);
}

export function formatComparison(c: Comparison, app: { id: string; name: string }): string {
  const lines = [
    `${terminalSafe(app.name)} (${terminalSafe(app.id)}): ${c.new.length} new, ${c.fixed.length} fixed, ${c.unchanged.length} unchanged`,
    ...c.new.map((f) => line('+', f)),
    ...c.fixed.map((f) => line('-', f)),
  ];
  return `${lines.join('\n')}\n`;
}

export async function runCompare(argv: string[], io: CliIo): Promise<number> {
  let files: string[];
  let format: string;
  let failOn: FailOn;
  let help: boolean;
  try {
    const { values, positionals } = parseOrUsage({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { format: { type: 'string' }, 'fail-on': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    help = values.help === true;
    files = positionals;
    format = values.format ?? 'text';
    failOn = parseFailOn(values['fail-on'], 'none');
    if (!help && files.length !== 2) throw new UsageError(`compare needs two result files (BEFORE AFTER), got ${files.length}`);
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got "${format}"`);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${COMPARE_USAGE}\n`);
    return EXIT.usage;
  }
  if (help) {
    io.stdout(`${COMPARE_USAGE}\n`);
    return EXIT.ok;
  }
  let results;
  try {
    results = await Promise.all(files.map(async (file) => parseSavedResult(JSON.parse(await readFile(file, 'utf8')), file)));
  } catch (error) {
    io.stderr(`Failed: ${terminalSafe((error as Error).message)}\n`);
    return EXIT.failed;
  }
  const [before, after] = results as [(typeof results)[number], (typeof results)[number]];
  if (before.app.id !== after.app.id) io.stderr(`Note: the results are of different apps (${terminalSafe(before.app.id)}, ${terminalSafe(after.app.id)}).\n`);
  const comparison = compareResults(before.findings, after.findings);
  io.stdout(
    format === 'json'
      ? `${JSON.stringify({ app: after.app, counts: { new: comparison.new.length, fixed: comparison.fixed.length, unchanged: comparison.unchanged.length }, ...comparison }, null, 2)}\n`
      : formatComparison(comparison, after.app),
  );
  return exitCodeFor({ findings: comparison.new }, failOn);
}
