// `qlarity scan`: many apps of a tenant (a space, a list, or every app the user can see), a few at
// a time, one result file per app and a summary. It says what it will open before it opens anything
// (analyzer capacity), skips apps unchanged since their saved result, paces its REST calls to the
// tenant's rate limits, and goes on when one app fails.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRestClient } from '../qlik/rest/client';
import { metricsOf } from '../export/index';
import { mapLimited } from '../collect/limiter';
import { analyseSnapshot, type CliIo, readConfigOption } from './analyze';
import { type FailOn, SHARED_OPTIONS, UsageError, checkTenant, parseEngineTimeout, parseFailOn, parseFormat, parseOptions, parseWholeNumber } from './args';
import { collectFromTenant, readCookieFile } from './collect-node';
import { EXIT, EXIT_CODES_TEXT } from './exit-codes';
import { type OutputFormat } from './formats';
import { resultFileIn } from './out-path';
import { exitCodeFor } from './output';
import { createProgress } from './progress';
import { renderCliOutput } from './render';
import { type RestCache, seedAppItems } from './rest-cache';
import { TIER1_PER_MINUTE, createPacer, pacedFetch } from './rest-pacer';
import { type ScanSelection, listScanApps } from './scan-list';
import {
  DEFAULT_CONFIRM_ABOVE,
  type ScanApp,
  type SummaryRow,
  confirmation,
  estimateText,
  formatSummaryTable,
  openedText,
  planScan,
  refusalText,
} from './scan-plan';
import { terminalSafe } from './terminal-safe';

/**
 * Apps analysed at once, chosen by `npm run bench -- scan` (README "Scale"): against the simulator
 * (10 ms latency, its engine calculating on 4 workers shared by all sessions, test/sim/engine/
 * calc-cost.ts) 4 apps in flight scanned about 1,000 apps a minute, 2.3× a sequential scan; more
 * were somewhat faster there, but a real tenant's REST limit (7 requests an app, Tier 1's 1,000 a
 * minute: about 143 apps a minute) is reached long before, and every app in flight is one more app
 * the engine holds in memory.
 */
export const DEFAULT_SCAN_CONCURRENCY = 4;
const MAX_SCAN_CONCURRENCY = 64;

const SCAN_USAGE = `Usage:
  qlarity scan --host <url> (--space ID | --apps ID,ID,… | --all) --out DIR [--api-key K | --cookie-file F] [options]

Analyses many apps, ${DEFAULT_SCAN_CONCURRENCY} at a time, and writes one result per app to DIR (<app id>.<format>) plus
summary.json; prints a summary table (app, space, score, errors, warnings, memory, unused memory).
Before opening any app it prints how many it will open: on an analyzer-capacity subscription each
opened app counts at least one six-minute unit for the scanning user.

  --host URL            tenant URL
  --api-key KEY         API key (or env QLIK_API_KEY)
  --cookie-file FILE    a Cookie header value of a signed-in browser session
  --space ID            the apps of one space
  --apps ID,ID,…        these apps
  --all                 every app you can see
  --out DIR             where the results go (required)
  --format F            each app's file: json (default), text, sarif, html, md, csv
  --fail-on LEVEL       exit 1 when an analysed app has a finding of this severity or worse (default none)
  --resume              skip apps whose result is already in DIR (an interrupted scan goes on)
  --force               analyse apps even when unchanged since their saved result
  --config FILE         analysis configuration (JSON), as for analyze
  --timings             run the per-object timing pass (off in scans: it calculates every object)
  --yes                 go ahead without asking when more than --confirm-above apps would be opened
  --confirm-above N     apps a scan opens without --yes (default ${DEFAULT_CONFIRM_ABOVE})
  --concurrency N       apps at once (default ${DEFAULT_SCAN_CONCURRENCY})
  --rest-rate N         REST requests per minute at most (default ${TIER1_PER_MINUTE}: Qlik Cloud's Tier 1 limit)
  --engine-timeout S    seconds the engine may stay silent while a call waits (default 60): that app fails
  --insecure            accept a self-signed TLS certificate (local simulator only)
  --quiet               no progress on stderr
  -h, --help            this text

An app is skipped as unchanged when its last reload and last modification (items API) are both
older than its saved result file; --force analyses it anyway.

${EXIT_CODES_TEXT}`;

export interface ScanOptions {
  host: string;
  apiKey?: string;
  cookieFile?: string;
  selection: ScanSelection;
  out: string;
  format: OutputFormat;
  failOn: FailOn;
  resume: boolean;
  force: boolean;
  timings: boolean;
  yes: boolean;
  confirmAbove: number;
  concurrency: number;
  restRate: number;
  engineTimeoutMs?: number;
  config?: string;
  insecure: boolean;
  quiet: boolean;
}

function parseScanArgs(argv: string[], env: Record<string, string | undefined>): ScanOptions | 'help' {
  const { values } = parseOptions(argv, {
    ...SHARED_OPTIONS,
    space: { type: 'string' },
    apps: { type: 'string' },
    all: { type: 'boolean' },
    resume: { type: 'boolean' },
    force: { type: 'boolean' },
    timings: { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
    'confirm-above': { type: 'string' },
    'rest-rate': { type: 'string' },
  });
  if (values.help) return 'help';
  const chosen = [values.space !== undefined, values.apps !== undefined, values.all === true].filter(Boolean).length;
  if (chosen !== 1) throw new UsageError('choose the apps with exactly one of --space ID, --apps ID,… or --all');
  const ids = (values.apps ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (values.apps !== undefined && ids.length === 0) throw new UsageError('--apps needs at least one app id');
  const selection: ScanSelection = values.all ? { kind: 'all' } : values.space !== undefined ? { kind: 'space', spaceId: values.space } : { kind: 'apps', ids };
  if (!values.out) throw new UsageError('--out DIR is required: a scan writes one file per app');
  const apiKey = values['api-key'] ?? env.QLIK_API_KEY;
  checkTenant(values.host, apiKey, values['cookie-file']);
  if (values.resume && values.force) throw new UsageError('--resume keeps saved results and --force replaces them: choose one');
  const concurrency = parseWholeNumber(values.concurrency, '--concurrency', DEFAULT_SCAN_CONCURRENCY, 1, MAX_SCAN_CONCURRENCY);
  const restRate = parseWholeNumber(values['rest-rate'], '--rest-rate', TIER1_PER_MINUTE, 1);
  const engineTimeoutMs = parseEngineTimeout(values['engine-timeout']);
  return {
    host: values.host ?? '',
    ...(apiKey ? { apiKey } : {}),
    ...(values['cookie-file'] ? { cookieFile: values['cookie-file'] } : {}),
    selection,
    out: values.out,
    format: parseFormat(values.format ?? 'json', undefined),
    failOn: parseFailOn(values['fail-on'], 'none'),
    resume: values.resume === true,
    force: values.force === true,
    timings: values.timings === true,
    yes: values.yes === true,
    // 0: every scan that opens an app asks for --yes
    confirmAbove: parseWholeNumber(values['confirm-above'], '--confirm-above', DEFAULT_CONFIRM_ABOVE, 0),
    concurrency,
    restRate,
    ...(engineTimeoutMs !== undefined ? { engineTimeoutMs } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
    insecure: values.insecure === true,
    quiet: values.quiet === true,
  };
}

export interface ScanIo extends CliIo {
  /** asks a person (only when `interactive`); default: no */
  confirm?: (question: string) => Promise<boolean>;
}

const resultFile = (options: Pick<ScanOptions, 'out' | 'format'>, appId: string): string => resultFileIn(options.out, appId, options.format);

async function savedTimes(options: ScanOptions, apps: readonly ScanApp[]): Promise<Map<string, number>> {
  const saved = new Map<string, number>();
  await Promise.all(
    apps.map(async (app) => {
      const info = await stat(resultFile(options, app.id)).catch(() => undefined);
      if (info?.isFile()) saved.set(app.id, info.mtimeMs);
    }),
  );
  return saved;
}

export async function runScan(argv: string[], io: ScanIo): Promise<number> {
  let options: ScanOptions;
  try {
    const parsed = parseScanArgs(argv, io.env);
    if (parsed === 'help') {
      io.stdout(`${SCAN_USAGE}\n`);
      return EXIT.ok;
    }
    options = parsed;
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${SCAN_USAGE}\n`);
    return EXIT.usage;
  }
  const configRead = await readConfigOption(options.config, io);
  if (!configRead.ok) return EXIT.usage;
  const { config } = configRead;
  if (options.insecure) process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // fetch: self-signed simulator only

  const fetchPaced = pacedFetch(createPacer(options.restRate));
  let cookie: string | undefined;
  let apps: ScanApp[];
  let missing: string[];
  const restCache: RestCache = new Map();
  try {
    cookie = options.cookieFile ? await readCookieFile(options.cookieFile) : undefined;
    const headers: Record<string, string> = options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : cookie ? { Cookie: cookie } : {};
    const rest = createRestClient({ baseUrl: options.host, fetch: fetchPaced, authHeaders: () => headers, ...(io.signal ? { signal: io.signal } : {}) });
    const listed = await listScanApps(rest, options.selection);
    ({ apps, missing } = listed);
    seedAppItems(restCache, listed.items);
  } catch (error) {
    io.stderr(`Failed: cannot list the apps: ${terminalSafe((error as Error).message)}\n`);
    return EXIT.failed;
  }

  if (apps.length === 0 && missing.length === 0) {
    io.stderr('Failed: no apps matched (is the space id right, and can this user see its apps?)\n');
    return EXIT.failed;
  }
  try {
    await mkdir(options.out, { recursive: true });
  } catch (error) {
    io.stderr(`Failed: cannot create ${terminalSafe(options.out)}: ${terminalSafe((error as Error).message)}\n`);
    return EXIT.failed;
  }
  const plan = planScan(apps, await savedTimes(options, apps), { resume: options.resume, force: options.force });
  io.stderr(`${estimateText(plan, apps.length)}\n`);
  for (const id of missing) io.stderr(`Not found (or not visible to you): app ${terminalSafe(id)}\n`);
  const go = confirmation(plan.open.length, options.confirmAbove, options.yes, io.interactive === true);
  if (go === 'refuse') {
    io.stderr(`${refusalText(plan.open.length, options.confirmAbove)}\n`);
    return EXIT.usage;
  }
  if (go === 'ask' && !(await (io.confirm?.(`Open ${plan.open.length} apps? [y/N] `) ?? Promise.resolve(false)))) {
    io.stderr('Scan cancelled: no app was opened.\n');
    return EXIT.ok;
  }

  const rows: SummaryRow[] = [
    ...missing.map((id): SummaryRow => ({ app: { id, name: id }, status: 'failed', reason: 'not found or not visible' })),
    ...plan.skipped.map((s): SummaryRow => ({ app: s.app, status: 'skipped', reason: s.reason === 'resume' ? 'already written' : 'unchanged', file: resultFile(options, s.app.id) })),
  ];
  let opened = 0;
  let failing = false;
  const progress = createProgress(plan.open.length, io.stderr, io.isTTY === true, options.quiet);
  const analysed = await mapLimited(plan.open, options.concurrency, async (app): Promise<SummaryRow> => {
    // Ctrl+C: the apps in flight end as cancelled, the ones not started are not opened at all
    if (io.signal?.aborted) return { app, status: 'skipped', reason: 'cancelled' };
    try {
      const snapshot = await collectFromTenant({
        host: options.host,
        appId: app.id,
        ...(options.apiKey ? { apiKey: options.apiKey } : {}),
        ...(cookie ? { cookie } : {}),
        insecure: options.insecure,
        timings: options.timings,
        ...(options.engineTimeoutMs !== undefined ? { engineTimeoutMs: options.engineTimeoutMs } : {}),
        fetch: fetchPaced,
        restCache,
        onOpened: () => void opened++,
        ...(io.signal ? { signal: io.signal } : {}),
      });
      const { output, result } = await analyseSnapshot(snapshot, config);
      const file = resultFile(options, app.id);
      await writeFile(file, renderCliOutput(options.format, { output, snapshot, ...(result ? { result } : {}) }));
      if (exitCodeFor(output, options.failOn) === EXIT.findings) failing = true;
      const metrics = result ? metricsOf(result, snapshot) : {};
      const row: SummaryRow = {
        app,
        status: 'analysed',
        ...(result ? { score: result.score.value } : {}),
        errors: output.summary.bySeverity.error,
        warnings: output.summary.bySeverity.warning,
        ...(metrics.appMemoryBytes !== undefined ? { memoryBytes: metrics.appMemoryBytes } : {}),
        ...(metrics.unusedFields ? { unusedBytes: metrics.unusedFields.bytes } : {}),
        file,
      };
      progress.done(app.name, `score ${row.score ?? '-'}, ${row.errors} errors, ${row.warnings} warnings`);
      return row;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      progress.done(app.name, `failed: ${reason}`);
      return { app, status: 'failed', reason };
    }
  });
  progress.end();
  rows.push(...analysed);

  const failed = rows.filter((r) => r.status === 'failed').length;
  const ok = analysed.filter((r) => r.status === 'analysed').length;
  await writeFile(
    join(options.out, 'summary.json'),
    `${JSON.stringify({ scannedAt: new Date().toISOString(), listed: apps.length, opened, analysed: ok, failed, skipped: plan.skipped.length, apps: rows }, null, 2)}\n`,
  ).catch((error: Error) => io.stderr(`Could not write summary.json: ${terminalSafe(error.message)}\n`));
  io.stdout(formatSummaryTable(rows));
  io.stderr(`${openedText(opened)} ${ok} analysed, ${failed} failed, ${plan.skipped.length} skipped.\n`);

  if (io.signal?.aborted) io.stderr('Scan cancelled: the apps not started were not opened; run it again with --resume to go on.\n');
  if (failed > 0 || io.signal?.aborted) return ok > 0 || plan.skipped.length > 0 ? EXIT.partial : EXIT.failed;
  return failing ? EXIT.findings : EXIT.ok;
}
