// Command-line arguments of `qlarity analyze` (and `npm run analyze`). Pure: argv in, options or a usage error out.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Severity } from '../analyze/severity';
import { SEVERITIES } from '../analyze/severity-order';
import { DEFAULT_CONCURRENCY } from '../collect/limiter';
import { EXIT_CODES_TEXT } from './exit-codes';
import { FORMATS, type OutputFormat, formatFromOut } from './formats';

const MAX_CONCURRENCY = 4096;

export const USAGE = `Usage:
  qlarity analyze --host <url> --app <id> [--api-key K | --cookie-file F] [options]
  qlarity analyze --snapshot FILE [options]
  qlarity analyze --folder DIR [options]

Collects the Qlik Sense app (read-only, in its own engine session), runs the rules and prints or
writes the result.

  --host URL            tenant URL, e.g. https://acme.eu.qlikcloud.com
  --app ID              app id
  --api-key KEY         API key (or env QLIK_API_KEY)
  --cookie-file FILE    file holding a Cookie header value of a signed-in browser session
  --snapshot FILE       analyse a saved snapshot offline instead of collecting
  --folder DIR          analyse an app folder offline: a qlik-cli unbuild, a serializeapp JSON or
                        a Gitoqlik split folder (rules that need the engine say they could not run)
  --tables-and-keys FILE  with --folder: a GetTablesAndKeys result saved from the engine for this
                        app (JSON {"qtr": [...], "qk": [...]}), so the data-model rules can run offline
  --save-snapshot FILE  also write the collected snapshot (JSON)
  --out FILE|DIR        write the result there instead of stdout (a folder: <app id>.<format>)
  --format F            ${FORMATS.join('|')} (default text; from the --out extension when given)
  --fail-on LEVEL       exit 1 when a finding of this severity or worse exists: error|warning|info|none
                        (default none; with --baseline: info, i.e. any new finding)
  --config FILE         analysis configuration (JSON): severities, options and suppressions per rule,
                        category or app, e.g. {"rules": {"P01": {"options": {"firstMs": 2000}}, "D04": "off"}}
  --baseline FILE       only findings whose fingerprints are not in FILE count for --fail-on
  --update-baseline     write the current findings' fingerprints to the --baseline FILE (exit 0)
  --no-timings          skip the per-object timing pass
  --full-timings        time each object again from the engine's cache too (default: the first
                        calculation only, about half the time; rule P01's cached threshold needs it)
  --concurrency N       engine requests in flight (default ${DEFAULT_CONCURRENCY})
  --engine-timeout S    seconds the engine may stay silent while a call waits (default 60; OpenDoc and
                        calculations get 5 times that, opening the socket half): then exit 3
  --insecure            accept a self-signed TLS certificate (local simulator only)
  --quiet               no progress on stderr
  -h, --help            this text

${EXIT_CODES_TEXT}`;

/** the least severity that fails the run, or none */
export type FailOn = Severity | 'none';
const FAIL_ON_LEVELS: readonly FailOn[] = [...SEVERITIES, 'none'];

export interface CliOptions {
  host?: string;
  app?: string;
  apiKey?: string;
  cookieFile?: string;
  snapshot?: string;
  folder?: string;
  tablesAndKeys?: string;
  saveSnapshot?: string;
  out?: string;
  format: OutputFormat;
  failOn: FailOn;
  baseline?: string;
  updateBaseline: boolean;
  config?: string;
  timings: boolean;
  /** --full-timings: the full timing pass (absent: the collector's default, quick) */
  timingMode?: 'full';
  concurrency: number;
  /** --engine-timeout in ms (absent: the library's defaults) */
  engineTimeoutMs?: number;
  insecure: boolean;
  quiet: boolean;
  help: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** node:util parseArgs, its errors as usage errors. */
export function parseOrUsage<const T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Named options only (no positionals), unknown ones refused: how analyze, scan and rules read argv. */
export function parseOptions<const O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  return parseOrUsage({ args: argv, strict: true, allowPositionals: false, options });
}

export function parseFailOn(value: string | undefined, fallback: FailOn): FailOn {
  const failOn = value ?? fallback;
  if (!(FAIL_ON_LEVELS as readonly string[]).includes(failOn)) throw new UsageError(`--fail-on must be error, warning, info or none, got "${failOn}"`);
  return failOn as FailOn;
}

export function parseFormat(value: string | undefined, out: string | undefined): OutputFormat {
  const format = value ?? formatFromOut(out) ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${format}"`);
  return format as OutputFormat;
}

/** A whole-number option from `min` to `max`; absent: `fallback`. */
export function parseWholeNumber(value: string | undefined, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

/** `--engine-timeout S` in ms; absent: the library's defaults. */
export function parseEngineTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!(Number.isFinite(seconds) && seconds > 0)) throw new UsageError('--engine-timeout must be a number of seconds above 0');
  return seconds * 1000;
}

/** Host and credentials of a tenant run (analyze, scan). */
export function checkTenant(host: string | undefined, apiKey: string | undefined, cookieFile: string | undefined): void {
  if (!host) throw new UsageError('--host is required');
  if (!/^https?:\/\//.test(host)) throw new UsageError(`--host must be an http(s) URL, got "${host}"`);
  if (apiKey && cookieFile) throw new UsageError('give --api-key or --cookie-file, not both');
  if (!apiKey && !cookieFile) throw new UsageError('authentication required: --api-key (or QLIK_API_KEY) or --cookie-file');
}

/** Options `analyze` and `scan` both take, with the same meaning (see each USAGE). */
export const SHARED_OPTIONS = {
  host: { type: 'string' },
  'api-key': { type: 'string' },
  'cookie-file': { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  config: { type: 'string' },
  concurrency: { type: 'string' },
  'engine-timeout': { type: 'string' },
  insecure: { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseCliArgs(argv: string[], env: Record<string, string | undefined> = {}): CliOptions {
  const { values } = parseOptions(argv, {
    ...SHARED_OPTIONS,
    app: { type: 'string' },
    snapshot: { type: 'string' },
    folder: { type: 'string' },
    'tables-and-keys': { type: 'string' },
    'save-snapshot': { type: 'string' },
    baseline: { type: 'string' },
    'update-baseline': { type: 'boolean' },
    'no-timings': { type: 'boolean' },
    'full-timings': { type: 'boolean' },
  });
  const help = values.help === true;
  const engineTimeoutMs = parseEngineTimeout(values['engine-timeout']);
  const apiKey = values['api-key'] ?? env.QLIK_API_KEY;
  const options: CliOptions = {
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values.app !== undefined ? { app: values.app } : {}),
    ...(apiKey ? { apiKey } : {}),
    ...(values['cookie-file'] !== undefined ? { cookieFile: values['cookie-file'] } : {}),
    ...(values.snapshot !== undefined ? { snapshot: values.snapshot } : {}),
    ...(values.folder !== undefined ? { folder: values.folder } : {}),
    ...(values['tables-and-keys'] !== undefined ? { tablesAndKeys: values['tables-and-keys'] } : {}),
    ...(values['save-snapshot'] !== undefined ? { saveSnapshot: values['save-snapshot'] } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
    format: parseFormat(values.format, values.out),
    failOn: parseFailOn(values['fail-on'], values.baseline !== undefined ? 'info' : 'none'),
    updateBaseline: values['update-baseline'] === true,
    timings: values['no-timings'] !== true,
    ...(values['full-timings'] === true ? { timingMode: 'full' as const } : {}),
    concurrency: parseWholeNumber(values.concurrency, '--concurrency', DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY),
    ...(engineTimeoutMs !== undefined ? { engineTimeoutMs } : {}),
    insecure: values.insecure === true,
    quiet: values.quiet === true,
    help,
  };
  if (help) return options;
  if (options.tablesAndKeys && !options.folder) throw new UsageError('--tables-and-keys goes with --folder (a live engine gives its own data model)');
  if (options.updateBaseline && !options.baseline) throw new UsageError('--update-baseline needs --baseline FILE (where to write it)');
  const offline = [options.snapshot && '--snapshot', options.folder && '--folder'].filter(Boolean);
  if (offline.length > 1) throw new UsageError('give --snapshot or --folder, not both');
  if (offline.length === 1) {
    if (options.host || options.app) throw new UsageError(`${offline[0]} analyses saved files: do not combine it with --host/--app`);
    return options;
  }
  if (!options.host || !options.app) throw new UsageError('--host and --app are required (or --snapshot FILE, or --folder DIR)');
  checkTenant(options.host, options.apiKey, options.cookieFile);
  return options;
}
