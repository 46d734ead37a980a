// `npm run analyze -- --host … --app …` end to end: runCli (lib/cli) collects the demo app from the
// simulated tenant over HTTP + ws, with a cookie file from a real login (POST /login) or an API key,
// and prints the documented JSON output (lib/cli/README.md) with the documented exit codes.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../lib/cli/analyze';
import type { Simulator } from '../../sim/index';
import { type Run, captureRun, startDemoTenant } from './sim-tenant';

let sim: Simulator;
let demoId: string;
let dir: string;

beforeAll(async () => {
  ({ sim, demoId } = await startDemoTenant());
  dir = await mkdtemp(join(tmpdir(), 'qlarity-cli-tenant-'));
});
afterAll(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const cli = (argv: string[], env: Record<string, string | undefined> = {}): Promise<Run> => captureRun((io) => runCli(argv, { ...io, env }));

/** Logs in through the tenant's login form and returns the session's Cookie header value. */
async function logIn(user: { email: string; password: string }): Promise<string> {
  const res = await fetch(`${sim.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: user.email, password: user.password }).toString(),
  });
  expect(res.status).toBe(302);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  expect(cookies.length).toBeGreaterThan(0);
  return cookies.join('; ');
}

async function cookieFile(name: string, content: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

interface CliJson {
  format: string;
  schemaVersion: number;
  app: { id: string; name: string };
  summary: { bySeverity: Record<'error' | 'warning' | 'info', number>; byCategory: Record<string, Record<string, number>> };
  findings: { fingerprint: string; rule: string; name: string; severity: string; category: string; message: string; target: { kind: string; id: string } }[];
  notRun: { kind: string; message: string }[];
}

/** `--format json` is the JSON export (lib/export/json.ts, README "JSON export"): the same document as the extension's Export → JSON. */
function expectContract(out: CliJson): void {
  expect(out.format).toBe('qlarity-analysis');
  expect(out.schemaVersion).toBe(1);
  expect(out.app.id).toBe(demoId);
  expect(out.app.name).toBe('Qlarity Demo – Sales');
  expect(Object.keys(out.summary.bySeverity).sort()).toEqual(['error', 'info', 'warning']);
  const counted = { error: 0, warning: 0, info: 0 };
  for (const f of out.findings) {
    expect(f).toMatchObject({ fingerprint: expect.stringMatching(/^v1:/), rule: expect.stringMatching(/^[QPRDSG]\d\d$/), name: expect.stringMatching(/^[a-z0-9-]+$/), message: expect.any(String) });
    expect(['error', 'warning', 'info']).toContain(f.severity);
    expect(['quality', 'performance', 'resource', 'design', 'script', 'context']).toContain(f.category);
    expect(typeof f.target.kind).toBe('string');
    counted[f.severity as keyof typeof counted]++;
  }
  expect(out.summary.bySeverity).toEqual(counted);
  expect(Array.isArray(out.notRun)).toBe(true);
}

describe('analyze with --cookie-file against the simulated tenant', () => {
  it('collects the demo app with a signed-in session cookie file and prints the JSON contract (exit 0)', async () => {
    sim.reset(); // (ends login sessions too: log in after it)
    const cookie = await logIn(sim.users.developer);
    // the format the CLI documents: a Cookie header value; a `Cookie:` prefix and # comments are allowed
    const file = await cookieFile('session.txt', `# copied from the browser's request headers\nCookie: ${cookie}\n`);
    const run = await cli(['--host', sim.url, '--app', demoId, '--cookie-file', file, '--format', 'json', '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as CliJson;
    expectContract(out);
    // the demo's known broken expression (expected-findings.json) is found through this path too
    expect(out.findings.some((f) => f.rule === 'Q01' && f.target.id === 'XVgzlh')).toBe(true);
    // the engine session was the cookie user's, with the CSRF token, and read-only
    const calls = sim.calls().filter((c) => c.appId === demoId);
    expect(calls.length).toBeGreaterThan(0);
    expect(new Set(calls.map((c) => c.userId))).toEqual(new Set([sim.users.developer.id]));
    expect(calls.filter((c) => /^(Set|Apply|DoSave|DoReload)/.test(c.method))).toEqual([]);
    expect(sim.persistentChanges()).toEqual([]);
  }, 120_000);

  it('exits 1 with --fail-on error when the demo has errors, and writes --out', async () => {
    const file = await cookieFile('session-2.txt', await logIn(sim.users.developer));
    const out = join(dir, 'result.json');
    const run = await cli(['--host', sim.url, '--app', demoId, '--cookie-file', file, '--out', out, '--fail-on', 'error', '--no-timings', '--quiet']);
    expect(run.stdout).toBe('');
    const written = JSON.parse(await readFile(out, 'utf8')) as CliJson;
    expectContract(written);
    expect(written.summary.bySeverity.error).toBeGreaterThan(0);
    expect(run.code).toBe(1);
  }, 120_000);

  it('a signed-out (stale) session cookie file: exit 3 with a clear message, nothing on stdout', async () => {
    const cookie = await logIn(sim.users.developer);
    expect((await fetch(`${sim.url}/logout`, { headers: { cookie }, redirect: 'manual' })).status).toBe(302);
    const file = await cookieFile('stale.txt', cookie);
    const run = await cli(['--host', sim.url, '--app', demoId, '--cookie-file', file, '--format', 'json', '--quiet']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Failed: Could not get a CSRF token with the given cookies \(HTTP 401\): is the session still signed in\?/);
  });

  it('a cookie file without cookies or a missing one: exit 3 naming the file', async () => {
    const empty = await cookieFile('empty.txt', '# nothing here\n\n');
    const run = await cli(['--host', sim.url, '--app', demoId, '--cookie-file', empty, '--quiet']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`${empty}: no cookies found`);
    const missing = await cli(['--host', sim.url, '--app', demoId, '--cookie-file', join(dir, 'nope.txt'), '--quiet']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^Failed: .*nope\.txt/);
  });
});

describe('analyze with --api-key against the simulated tenant', () => {
  it('collects the demo app with the API key (or QLIK_API_KEY) and prints the JSON contract (exit 0)', async () => {
    sim.reset();
    const run = await cli(['--host', sim.url, '--app', demoId, '--format', 'json', '--no-timings', '--quiet'], { QLIK_API_KEY: sim.apiKey });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expectContract(JSON.parse(run.stdout) as CliJson);
    expect(new Set(sim.calls().filter((c) => c.appId === demoId).map((c) => c.userId))).toEqual(new Set([sim.users.developer.id]));
    const flag = await cli(['--host', sim.url, '--app', demoId, '--api-key', sim.apiKey, '--format', 'json', '--no-timings', '--quiet']);
    expect(flag.code).toBe(0);
    expectContract(JSON.parse(flag.stdout) as CliJson);
  }, 120_000);

  it('a wrong API key: exit 3 with a clear message, nothing on stdout', async () => {
    const run = await cli(['--host', sim.url, '--app', demoId, '--api-key', 'not-a-key', '--format', 'json', '--quiet']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Failed: .*(401|not signed in|API key|authenticat)/i);
  });
});
