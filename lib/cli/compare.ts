// `qlarity compare A.json B.json`: two JSON results of the same app (before, after), as written by
// `--format json` or the side panel's Export → JSON, compared by lib/export's compareAnalyses:
// findings matched by fingerprint into new, fixed and unchanged, plus score and memory deltas.
import { readFile } from 'node:fs/promises';
import type { Finding } from '../analyze/result';
import { type Comparison, compareAnalyses, parseJsonExport } from '../export/index';
import { type FailOn, UsageError, parseFailOn, parseOrUsage } from './args';
import { EXIT, EXIT_CODES_TEXT } from './exit-codes';
import { exitCodeFor } from './output';
import { SEVERITY_LETTER } from '../report/labels';
import { formatBytes } from '../format/bytes';
import { terminalSafe } from './terminal-safe';
import type { CliIo } from './analyze';

const COMPARE_USAGE = `Usage:
  qlarity compare BEFORE.json AFTER.json [--format text|json] [--fail-on LEVEL]

Compares two JSON results (\`qlarity analyze --format json\`, a scan's files, or the extension's
Export → JSON) and prints the findings that are new in AFTER, fixed since BEFORE, and unchanged,
matched by fingerprint, with the change in score and memory.

  --format text|json    default text
  --fail-on LEVEL       exit 1 when a new finding of this severity or worse exists (default none)
  -h, --help            this text

${EXIT_CODES_TEXT}`;

function line(mark: string, f: Finding): string {
  const where = `${f.target.kind} ${f.target.name ? `"${f.target.name}" ` : ''}(${f.target.id})`;
  return terminalSafe(`${mark} ${SEVERITY_LETTER[f.severity]} ${f.rule} ${f.name}  ${where}: ${f.message}`);
}

function formatComparison(c: Comparison, app: { id: string; name: string }): string {
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const lines = [
    `${terminalSafe(app.name)} (${terminalSafe(app.id)}), ${c.before.analysedAt} → ${c.after.analysedAt}: ` +
      `${total(c.counts.new)} new, ${total(c.counts.fixed)} fixed, ${c.counts.unchanged} unchanged`,
    `score ${Math.round(c.score.before)} → ${Math.round(c.score.after)}` +
      (c.appMemoryBytes ? `, memory ${formatBytes(c.appMemoryBytes.before)} → ${formatBytes(c.appMemoryBytes.after)}` : '') +
      (c.unusedBytes ? `, unused memory ${formatBytes(c.unusedBytes.before)} → ${formatBytes(c.unusedBytes.after)}` : ''),
    ...c.newFindings.filter((e) => !e.hidden).map((e) => line('+', e.finding)),
    ...c.fixedFindings.filter((e) => !e.hidden).map((e) => line('-', e.finding)),
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
  let analyses;
  try {
    analyses = await Promise.all(
      files.map(async (file) => {
        try {
          return parseJsonExport(await readFile(file, 'utf8'));
        } catch (error) {
          throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
        }
      }),
    );
  } catch (error) {
    io.stderr(`Failed: ${terminalSafe((error as Error).message)}\n`);
    return EXIT.failed;
  }
  const [before, after] = analyses as [(typeof analyses)[number], (typeof analyses)[number]];
  if (before.result.app.id !== after.result.app.id) {
    io.stderr(`Note: the results are of different apps (${terminalSafe(before.result.app.id)}, ${terminalSafe(after.result.app.id)}).\n`);
  }
  const comparison = compareAnalyses(before, after);
  io.stdout(format === 'json' ? `${JSON.stringify(comparison, null, 2)}\n` : formatComparison(comparison, after.result.app));
  return exitCodeFor({ findings: comparison.newFindings.filter((e) => !e.hidden).map((e) => e.finding) }, failOn);
}
