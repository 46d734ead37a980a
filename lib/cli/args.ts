// Command-line arguments of `npm run analyze`. Pure: argv in, options or a usage error out.
import { parseArgs } from 'node:util';
import { DEFAULT_CONCURRENCY } from '../collect/limiter.ts';

const MAX_CONCURRENCY = 4096;

export const USAGE = `Usage:
  npm run analyze -- --host <url> --app <id> [--api-key K | --cookie-file F] [options]
  npm run analyze -- --snapshot FILE [options]

Collects the Qlik Sense app (read-only, in its own engine session), runs the rules and prints or
writes the result.

  --host URL            tenant URL, e.g. https://acme.eu.qlikcloud.com
  --app ID              app id
  --api-key KEY         API key (or env QLIK_API_KEY)
  --cookie-file FILE    file holding a Cookie header value of a signed-in browser session
  --snapshot FILE       analyse a saved snapshot offline instead of collecting
  --save-snapshot FILE  also write the collected snapshot (JSON)
  --out FILE            write the result there instead of stdout
  --format json|text    output format (default text; json with --out *.json)
  --fail-on LEVEL       exit 1 when a finding of this severity or worse exists: error|warning|info|none (default none)
  --no-timings          skip the per-object timing pass
  --concurrency N       engine requests in flight (default ${DEFAULT_CONCURRENCY})
  --engine-timeout S    seconds the engine may stay silent while a call waits (default 60; OpenDoc and
                        calculations get 5 times that, opening the socket half): then exit 3
  --insecure            accept a self-signed TLS certificate (local simulator only)
  --quiet               no progress on stderr
  -h, --help            this text

Exit codes: 0 done (and nothing at --fail-on level), 1 findings at --fail-on level, 2 usage error,
3 connection or collection failed.`;

export type FailOn = 'error' | 'warning' | 'info' | 'none';

export interface CliOptions {
  host?: string;
  app?: string;
  apiKey?: string;
  cookieFile?: string;
  snapshot?: string;
  saveSnapshot?: string;
  out?: string;
  format: 'json' | 'text';
  failOn: FailOn;
  timings: boolean;
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

export function parseCliArgs(argv: string[], env: Record<string, string | undefined> = {}): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        app: { type: 'string' },
        'api-key': { type: 'string' },
        'cookie-file': { type: 'string' },
        snapshot: { type: 'string' },
        'save-snapshot': { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        'no-timings': { type: 'boolean' },
        concurrency: { type: 'string' },
        'engine-timeout': { type: 'string' },
        insecure: { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const help = values.help === true;
  const format = values.format ?? (values.out?.endsWith('.json') ? 'json' : 'text');
  if (format !== 'json' && format !== 'text') throw new UsageError(`--format must be json or text, got "${format}"`);
  const failOn = values['fail-on'] ?? 'none';
  if (!['error', 'warning', 'info', 'none'].includes(failOn)) throw new UsageError(`--fail-on must be error, warning, info or none, got "${failOn}"`);
  const concurrency = values.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) throw new UsageError(`--concurrency must be an integer from 1 to ${MAX_CONCURRENCY}`);
  const engineTimeout = values['engine-timeout'] === undefined ? undefined : Number(values['engine-timeout']);
  if (engineTimeout !== undefined && !(Number.isFinite(engineTimeout) && engineTimeout > 0)) throw new UsageError('--engine-timeout must be a number of seconds above 0');
  const apiKey = values['api-key'] ?? env.QLIK_API_KEY;
  const options: CliOptions = {
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values.app !== undefined ? { app: values.app } : {}),
    ...(apiKey ? { apiKey } : {}),
    ...(values['cookie-file'] !== undefined ? { cookieFile: values['cookie-file'] } : {}),
    ...(values.snapshot !== undefined ? { snapshot: values.snapshot } : {}),
    ...(values['save-snapshot'] !== undefined ? { saveSnapshot: values['save-snapshot'] } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
    format,
    failOn: failOn as FailOn,
    timings: values['no-timings'] !== true,
    concurrency,
    ...(engineTimeout !== undefined ? { engineTimeoutMs: engineTimeout * 1000 } : {}),
    insecure: values.insecure === true,
    quiet: values.quiet === true,
    help,
  };
  if (help) return options;
  if (options.snapshot) {
    if (options.host || options.app) throw new UsageError('--snapshot analyses a saved file: do not combine it with --host/--app');
    return options;
  }
  if (!options.host || !options.app) throw new UsageError('--host and --app are required (or --snapshot FILE)');
  if (!/^https?:\/\//.test(options.host)) throw new UsageError(`--host must be an http(s) URL, got "${options.host}"`);
  if (options.apiKey && options.cookieFile) throw new UsageError('give --api-key or --cookie-file, not both');
  if (!options.apiKey && !options.cookieFile) throw new UsageError('authentication required: --api-key (or QLIK_API_KEY) or --cookie-file');
  return options;
}
