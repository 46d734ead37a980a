// `qlarity analyze` (also `npm run analyze`): collect an app (or read a saved snapshot or an app
// folder), run the rules, print or write the result; with a baseline, only new findings fail.
// Exit codes: lib/cli/exit-codes.ts.
import { readFile, writeFile } from 'node:fs/promises';
import { type AnalysisConfigInput, AnalysisConfig } from '../analyze/config';
import type { AnalysisResult } from '../analyze/result';
import { parseSnapshot, type AppSnapshot } from '../snapshot/schema';
import { type CliOptions, USAGE, UsageError, parseCliArgs } from './args';
import { baselineFrom, newFindings, readFingerprints } from './baseline';
import { collectFromTenant, readCookieFile } from './collect-node';
import { EXIT } from './exit-codes';
import { snapshotFromFolder } from './folder';
import type { OutputFormat } from './formats';
import { writeOutput } from './out-path';
import { exitCodeFor, formatText, toCliOutput, type CliOutput } from './output';
import { renderCliOutput } from './render';
import { terminalSafe, terminalSafeLines } from './terminal-safe';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** stderr is a terminal (progress as a bar) */
  isTTY?: boolean;
  /** stdout is a terminal: a document printed there (md, csv, html) is made terminal-safe line by line */
  stdoutIsTTY?: boolean;
  /** stdin is a terminal (a person could answer a question) */
  interactive?: boolean;
}

type Analyse = (snapshot: AppSnapshot, config?: AnalysisConfigInput) => AnalysisResult;

/** Formats that carry app content as it is (text escapes it itself; JSON and SARIF escape control characters). */
const RAW_TEXT_FORMATS: ReadonlySet<OutputFormat> = new Set(['md', 'csv', 'html']);

/** The rules are loaded at run time, so the CLI still collects (and says so) when they are missing. */
async function loadAnalyse(): Promise<{ analyse?: Analyse; error?: string }> {
  try {
    const mod = (await import('../rules/analyse')) as { analyse?: unknown };
    return typeof mod.analyse === 'function' ? { analyse: mod.analyse as Analyse } : { error: 'lib/rules/analyse.ts exports no analyse()' };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** The rules over a snapshot, as the CLI's output (a failing rule run is reported in it, never thrown). */
export async function analyseSnapshot(snapshot: AppSnapshot, config?: AnalysisConfigInput): Promise<{ output: CliOutput; result?: AnalysisResult }> {
  const { analyse, error } = await loadAnalyse();
  let result: AnalysisResult | undefined;
  let rulesError = error;
  if (analyse) {
    try {
      result = analyse(snapshot, config);
    } catch (e) {
      rulesError = `the analysis failed: ${(e as Error).message}`;
    }
  }
  return { output: toCliOutput(snapshot, result, rulesError), ...(result ? { result } : {}) };
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv, io.env);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (options.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT.ok;
  }

  const configRead = await readConfigOption(options.config, io);
  if (!configRead.ok) return EXIT.usage;
  const { config } = configRead;

  let snapshot: AppSnapshot;
  try {
    snapshot = options.snapshot
      ? parseSnapshot(JSON.parse(await readFile(options.snapshot, 'utf8')))
      : options.folder
        ? await snapshotFromFolder(options.folder, options.tablesAndKeys)
        : await collect(options, io);
  } catch (error) {
    io.stderr(`${error instanceof UsageError ? '' : 'Failed: '}${terminalSafe((error as Error).message)}\n`);
    return error instanceof UsageError ? EXIT.usage : EXIT.failed;
  }
  if (options.saveSnapshot) await writeFile(options.saveSnapshot, JSON.stringify(snapshot, null, 2));

  const { output, result } = await analyseSnapshot(snapshot, config);
  // Rules that could not run analysed nothing: no baseline is written, the text format still says
  // why, and every format ends with exit 3 (a CI gate must not pass on an analysis that did not happen).
  if (!result) {
    const reason = output.errors[0]?.message ?? 'unknown reason';
    if (options.format === 'text') io.stdout(formatText(output));
    else io.stderr(`Failed: the rules could not run: ${terminalSafe(reason)}\n`);
    return EXIT.failed;
  }

  if (options.baseline && options.updateBaseline) {
    const baseline = baselineFrom(output, new Date().toISOString());
    await writeFile(options.baseline, `${JSON.stringify(baseline, null, 2)}\n`);
    if (!options.quiet) io.stderr(`Baseline written to ${options.baseline}: ${baseline.findings.length} findings.\n`);
  }
  let gate = output.findings;
  if (options.baseline && !options.updateBaseline) {
    let known: Set<string>;
    try {
      known = readFingerprints(JSON.parse(await readFile(options.baseline, 'utf8')), options.baseline);
    } catch (error) {
      io.stderr(`Failed: cannot read the baseline: ${terminalSafe((error as Error).message)}\n`);
      return EXIT.failed;
    }
    gate = newFindings(output.findings, known);
    const fresh = new Set(gate.map((f) => f.fingerprint));
    output.baseline = { file: options.baseline, known: output.findings.length - gate.length, new: gate.length };
    for (const f of output.findings) f.new = fresh.has(f.fingerprint);
  }

  const text = renderCliOutput(options.format, { output, snapshot, ...(result ? { result } : {}) });
  if (options.out) await writeOutput(options.out, text, snapshot.app.id, options.format);
  else io.stdout(io.stdoutIsTTY && RAW_TEXT_FORMATS.has(options.format) ? terminalSafeLines(text) : text);
  return options.updateBaseline ? EXIT.ok : exitCodeFor({ findings: gate }, options.failOn);
}

/** `--config FILE`: the analysis configuration (lib/analyze/config.ts), checked before anything is collected. */
async function readConfig(file: string): Promise<AnalysisConfigInput> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`--config ${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = AnalysisConfig.safeParse(value);
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`--config ${file}: not an analysis configuration: ${details.join('; ')}`);
  }
  return value as AnalysisConfigInput;
}

/** `--config` as both commands take it: absent is no configuration, a bad file is reported as a usage error. */
export async function readConfigOption(
  file: string | undefined,
  io: Pick<CliIo, 'stderr'>,
): Promise<{ ok: true; config: AnalysisConfigInput | undefined } | { ok: false }> {
  try {
    return { ok: true, config: file ? await readConfig(file) : undefined };
  } catch (error) {
    io.stderr(`${terminalSafe((error as Error).message)}\n`);
    return { ok: false };
  }
}

async function collect(options: CliOptions, io: CliIo): Promise<AppSnapshot> {
  if (options.insecure) process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // fetch: self-signed simulator only
  const cookie = options.cookieFile ? await readCookieFile(options.cookieFile) : undefined;
  let last = '';
  return collectFromTenant({
    host: options.host ?? '',
    appId: options.app ?? '',
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(cookie ? { cookie } : {}),
    insecure: options.insecure,
    timings: options.timings,
    ...(options.timingMode ? { timingMode: options.timingMode } : {}),
    concurrency: options.concurrency,
    ...(options.engineTimeoutMs ? { engineTimeoutMs: options.engineTimeoutMs } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
    onProgress: (p) => {
      if (options.quiet) return;
      const line = `${p.phase} ${p.done}/${p.total}`;
      if (line !== last && (p.done === p.total || p.done === 0)) io.stderr(`${line}\n`);
      last = line;
    },
  });
}
