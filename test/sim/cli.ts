// `npm run sim -- [--apps <dir>] [--overlays <dir>] [--port N] [--latency MS] [--http] [--host <tenant host>]`
// Starts the simulated Qlik Cloud tenant and runs until Ctrl-C. The first line printed is
// `listening <url>` (scripts wait for it).
import { parseArgs } from 'node:util';
import { DEFAULT_APPS_DIR, DEFAULT_TENANT_HOST, type Simulator, startSimulator } from './index';

const USAGE = `usage: npm run sim -- [--apps <dir>] [--overlays <dir>] [--port N] [--latency MS] [--http] [--host <tenant host>]
  --apps     folder with one sub-folder per app (default ${DEFAULT_APPS_DIR})
  --overlays folder whose sub-folders (named like the apps) hold extra files that take precedence,
             e.g. --apps ../shared/corpus --overlays test/fixtures/corpus-models
  --port     port on 127.0.0.1 (default: a free one)
  --latency  delay added to every engine message, in ms
  --http     plain HTTP instead of HTTPS
  --host     tenant host name (default ${DEFAULT_TENANT_HOST})`;

function fail(message: string): never {
  console.error(`sim: ${message}`);
  process.exit(1);
}

function nonNegativeInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a whole number >= 0, got "${value}"`);
  return n;
}

function describe(sim: Simulator): string[] {
  const { developer, viewer } = sim.users;
  const lines = [
    `tenant     ${sim.tenantUrl}  (map the host to this server:)`,
    `  Chromium   --host-resolver-rules="${sim.hostResolverRules}"${sim.url.startsWith('https') ? ' --ignore-certificate-errors' : ''}`,
    `  Firefox    startConnectProxy(${sim.port}) from test/sim/index.ts as the HTTPS proxy, or`,
    `  curl       curl -k --resolve ${sim.tenantHost}:${sim.port}:127.0.0.1 ${sim.url.split(':')[0]}://${sim.tenantHost}:${sim.port}/api/v1/users/me -H "Authorization: Bearer <api key>"`,
    `qseow      ${sim.qseow.baseUrl}/hub  (Qlik Sense Enterprise on Windows: virtual proxy /${sim.qseow.prefix}, forms login; same apps and users)`,
    `users      log in at ${sim.url}/login`,
    `  developer  ${developer.email} / ${developer.password}  (edit)`,
    `  viewer     ${viewer.email} / ${viewer.password}  (read-only)`,
    `api key    (developer) ${sim.apiKey}`,
    `apps       ${sim.apps.length}${sim.apps.length === 0 ? ' (the apps folder has no app sub-folders)' : ''}`,
  ];
  for (const app of sim.apps) {
    lines.push(`  ${app.id}  ${app.name}  ${sim.url}/sense/app/${app.id}`);
    for (const note of app.notes) lines.push(`      note: ${note}`);
  }
  lines.push('Ctrl-C stops the simulator.');
  return lines;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        apps: { type: 'string' },
        overlays: { type: 'string' },
        port: { type: 'string' },
        latency: { type: 'string' },
        http: { type: 'boolean', default: false },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = nonNegativeInt(values.port, 'port');
  if (port !== undefined && port > 65535) fail(`--port must be at most 65535, got ${port}`);
  const latencyMs = nonNegativeInt(values.latency, 'latency');

  let sim: Simulator;
  try {
    sim = await startSimulator({ appsDir: values.apps, overlaysDir: values.overlays, port, latencyMs, http: values.http, tenantHost: values.host });
  } catch (error) {
    fail(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Handlers first: a script may send SIGINT as soon as it reads the last line.
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(`listening ${sim.url}`);
  for (const line of describe(sim)) console.log(line);
}

await main();
