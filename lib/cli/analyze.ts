// `npm run analyze`: collect an app (or read a saved snapshot), run the rules, print or write the
// result. Exit codes: 0 done, 1 findings at --fail-on level, 2 usage error, 3 connection/collection failed.
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { AnalysisResult } from '../analyze/result.ts';
import { parseSnapshot, type AppSnapshot } from '../snapshot/schema.ts';
import { type CliOptions, USAGE, UsageError, parseCliArgs } from './args.ts';
import { collectFromTenant, readCookieFile } from './collect-node.ts';
import { exitCodeFor, formatText, toCliOutput } from './output.ts';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
}

type Analyse = (snapshot: AppSnapshot) => AnalysisResult;

/** The rules are loaded at run time, so the CLI still collects (and says so) when they are missing. */
async function loadAnalyse(): Promise<{ analyse?: Analyse; error?: string }> {
  try {
    const mod = (await import('../analyze/runner.ts')) as { analyse?: unknown };
    return typeof mod.analyse === 'function' ? { analyse: mod.analyse as Analyse } : { error: 'lib/analyze/runner.ts exports no analyse()' };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv, io.env);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }

  let snapshot: AppSnapshot;
  try {
    snapshot = options.snapshot ? parseSnapshot(JSON.parse(await readFile(options.snapshot, 'utf8'))) : await collect(options, io);
  } catch (error) {
    io.stderr(`${error instanceof UsageError ? '' : 'Failed: '}${(error as Error).message}\n`);
    return error instanceof UsageError ? 2 : 3;
  }
  if (options.saveSnapshot) await writeFile(options.saveSnapshot, JSON.stringify(snapshot, null, 2));

  const { analyse, error } = await loadAnalyse();
  let result: AnalysisResult | undefined;
  let rulesError = error;
  if (analyse) {
    try {
      result = analyse(snapshot);
    } catch (e) {
      rulesError = `the analysis failed: ${(e as Error).message}`;
    }
  }
  const output = toCliOutput(snapshot, result, rulesError);
  const text = options.format === 'json' ? `${JSON.stringify(output, null, 2)}\n` : formatText(output);
  if (options.out) await writeFile(options.out, text);
  else io.stdout(text);
  return exitCodeFor(output, options.failOn);
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const code = await runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    signal: controller.signal,
  });
  process.exitCode = code;
}
