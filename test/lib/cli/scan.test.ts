// `qlarity scan` against the simulated tenant: several copies of the demo app in one space, listed
// through the items API (paged), analysed a few at a time. The estimate comes before any app is
// opened; over the threshold a non-interactive scan needs --yes; apps unchanged since their saved
// result are skipped (--force overrides, --resume keeps what is written); one app's failure is
// recorded and the scan goes on (exit 4); the summary table and summary.json list every app.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQlarity } from '../../../lib/cli/main';
import { loadAppFolder } from '../../sim/app/index';
import { type SimApp, type Simulator, startSimulator } from '../../sim/index';
import { type Run, captureRun } from './sim-tenant';

const DEMO = fileURLToPath(new URL('../../sim/apps/demo', import.meta.url));
const BIN = fileURLToPath(new URL('../../../bin/qlarity.mjs', import.meta.url));
const SPACE = 'scan0space0000000000001';

let sim: Simulator;
let dir: string;
let apps: SimApp[];

async function demoCopy(n: number, name = `Scan app ${n}`): Promise<SimApp> {
  const app = await loadAppFolder(DEMO);
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return { ...app, id, name, attributes: { ...app.attributes, id, name, spaceId: SPACE } };
}

beforeAll(async () => {
  apps = [await demoCopy(1), await demoCopy(2, 'Evil \u001b[2J\u001b]0;owned\u0007 app'), await demoCopy(3)];
  sim = await startSimulator({ http: true, apps });
  dir = await mkdtemp(join(tmpdir(), 'qlarity-scan-'));
}, 60_000);
afterAll(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const scan = (args: string[], io: { interactive?: boolean; confirm?: () => Promise<boolean> } = {}): Promise<Run> =>
  captureRun((output) => runQlarity(['scan', '--host', sim.url, '--api-key', sim.apiKey, ...args], { ...output, env: {}, isTTY: false, ...io }));

const opened = (): string[] => [...new Set(sim.calls().filter((c) => c.method === 'OpenDoc').map((c) => c.appId))];

describe('qlarity scan', () => {
  it('estimates before opening anything, and refuses more than --confirm-above apps without --yes when nobody can answer', async () => {
    sim.reset();
    const out = join(dir, 'refused');
    const run = await scan(['--space', SPACE, '--out', out, '--confirm-above', '2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Scan: 3 apps listed, 3 apps to open.');
    expect(run.stderr).toMatch(/at least one six-minute unit per app for the scanning user, so this scan uses at least 3 units \(18 minutes of analyzer capacity\)/);
    expect(run.stderr).toContain('analyzer-capacity-consumption.htm');
    expect(run.stderr).toMatch(/would open 3 apps, more than 2 \(--confirm-above\): run it again with --yes/);
    expect(opened()).toEqual([]);
    // in a terminal it asks instead, and "no" opens nothing
    const asked = await scan(['--space', SPACE, '--out', out, '--confirm-above', '2'], { interactive: true, confirm: async () => false });
    expect(asked.code).toBe(0);
    expect(asked.stderr).toContain('no app was opened');
    expect(opened()).toEqual([]);
  });

  it('analyses every app of the space: one file each, a summary table, the count of opened apps', async () => {
    sim.reset();
    const out = join(dir, 'space');
    const run = await scan(['--space', SPACE, '--out', out, '--yes', '--concurrency', '2']);
    expect(run.stderr).toContain('Scan: 3 apps listed, 3 apps to open.');
    expect(run.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([...apps.map((a) => `${a.id}.json`), 'summary.json'].sort());
    const result = JSON.parse(await readFile(join(out, `${apps[0]?.id}.json`), 'utf8')) as { app: { id: string }; findings: unknown[] };
    expect(result.app.id).toBe(apps[0]?.id);
    expect(result.findings.length).toBeGreaterThan(0);
    // progress: plain lines when stderr is not a terminal
    expect(run.stderr).toMatch(/^\[1\/3\] .+: score \d+, \d+ errors, \d+ warnings$/m);
    expect(run.stderr).toContain('Opened 3 apps');
    // the table: a header, a rule, one row per app; app content cannot drive the terminal
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^app\s+space\s+score\s+errors\s+warnings\s+memory\s+unused memory\s+status$/);
    expect(lines).toHaveLength(5);
    expect(run.stdout.includes('\u001b') || run.stdout.includes('\u0007')).toBe(false);
    expect(run.stdout).toContain('Evil \\x1b[2J\\x1b]0;owned\\x07 app');
    expect(lines.slice(2).every((l) => l.includes(SPACE) && / ok$/.test(l))).toBe(true);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')) as { opened: number; analysed: number; failed: number; apps: { status: string; memoryBytes?: number }[] };
    expect(summary).toMatchObject({ opened: 3, analysed: 3, failed: 0 });
    expect(summary.apps.every((a) => a.status === 'analysed' && typeof a.memoryBytes === 'number')).toBe(true);
    // the timing pass is off in scans: no object was timed
    expect(sim.calls().filter((c) => c.method === 'GetHyperCubeData')).toEqual([]);
  }, 120_000);

  it('skips apps unchanged since their saved result, re-analyses a changed one, and --force opens them all', async () => {
    const out = join(dir, 'space');
    sim.reset();
    const again = await scan(['--space', SPACE, '--out', out]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Scan: 3 apps listed, 0 apps to open, 3 unchanged since their saved result skipped.');
    expect(again.stderr).toContain('Nothing to open.');
    expect(opened()).toEqual([]);
    expect(again.stderr).toContain('Opened 0 apps');

    // a saved result older than the app's last reload: analysed again
    const reload = Date.parse(String(apps[1]?.attributes.lastReloadTime));
    await utimes(join(out, `${apps[1]?.id}.json`), new Date(reload - 60_000), new Date(reload - 60_000));
    sim.reset();
    const changed = await scan(['--space', SPACE, '--out', out]);
    expect(changed.stderr).toContain('1 app to open, 2 unchanged since their saved result skipped');
    expect(opened()).toEqual([apps[1]?.id]);

    sim.reset();
    const forced = await scan(['--space', SPACE, '--out', out, '--force', '--yes']);
    expect(forced.stderr).toContain('3 apps to open');
    expect(opened().sort()).toEqual(apps.map((a) => a.id).sort());
  }, 120_000);

  it('--resume opens only the apps without a result; --apps picks apps by id and names the ones it cannot see', async () => {
    const out = join(dir, 'resume');
    const first = await scan(['--apps', `${apps[0]?.id}`, '--out', out]);
    expect(first.code).toBe(0);
    sim.reset();
    const resumed = await scan(['--apps', `${apps[0]?.id},${apps[2]?.id},not-an-app`, '--out', out, '--resume']);
    expect(resumed.stderr).toContain('2 apps listed, 1 app to open, 1 already written (--resume) skipped');
    expect(resumed.stderr).toContain('Not found (or not visible to you): app not-an-app');
    expect(opened()).toEqual([apps[2]?.id]);
    expect(resumed.code).toBe(4);
    expect(resumed.stdout).toMatch(/not-an-app .*failed: not found or not visible/);
  }, 120_000);

  it('an app that fails is recorded and the scan goes on (exit 4); when every app fails, exit 3', async () => {
    const broken: SimApp = { ...(await demoCopy(9, 'Broken app')), model: undefined };
    const local = await startSimulator({ http: true, apps: [await demoCopy(8), broken] });
    try {
      let stdout = '';
      let stderr = '';
      const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), env: {} };
      const code = await runQlarity(['scan', '--host', local.url, '--api-key', local.apiKey, '--all', '--out', join(dir, 'partial'), '--quiet'], io);
      expect(code).toBe(4);
      expect(stdout).toMatch(/Broken app \(.*\).*failed: /);
      expect(stdout).toMatch(/Scan app 8 .* ok/);
      // the same through the bin, as a pipeline sees it
      const spawned = await new Promise<{ code: number; stdout: string }>((resolve) =>
        execFile(process.execPath, [BIN, 'scan', '--host', local.url, '--all', '--out', join(dir, 'partial-bin'), '--quiet'], { env: { ...process.env, QLIK_API_KEY: local.apiKey } }, (error, out) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout: out }),
        ),
      );
      expect(spawned.code).toBe(4);
      expect(spawned.stdout).toMatch(/Broken app \(.*\).*failed: /);
      stdout = '';
      const onlyBroken = await runQlarity(['scan', '--host', local.url, '--api-key', local.apiKey, '--apps', broken.id, '--out', join(dir, 'all-failed'), '--quiet'], io);
      expect(onlyBroken).toBe(3);
    } finally {
      await local.close();
    }
  }, 120_000);

  it('a 429 from the items API is waited out (Retry-After) and the scan goes on', async () => {
    sim.reset();
    sim.faults.set({ rateLimit: [{ pathPrefix: '/api/v1/items', retryAfterSeconds: 1, times: 1 }] });
    const started = Date.now();
    const run = await scan(['--space', SPACE, '--out', join(dir, 'space')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Scan: 3 apps listed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    // the first listing was answered 429 and asked again after the Retry-After second
    const listings = sim.requests().filter((r) => new URL(r.url).pathname === '/api/v1/items' && new URL(r.url).searchParams.has('spaceId'));
    expect(listings).toHaveLength(2);
  });

  it('Ctrl+C stops the scan: apps not started are not opened, and --resume goes on from there', async () => {
    sim.reset();
    const out = join(dir, 'cancelled');
    const controller = new AbortController();
    let stderr = '';
    let stdout = '';
    const code = await runQlarity(['scan', '--host', sim.url, '--api-key', sim.apiKey, '--space', SPACE, '--out', out, '--concurrency', '1'], {
      stdout: (t) => (stdout += t),
      stderr: (t) => {
        stderr += t;
        if (t.startsWith('[1/3]')) controller.abort(); // after the first app
      },
      env: {},
      signal: controller.signal,
    });
    expect(code).toBe(4);
    expect(opened()).toHaveLength(1);
    expect(stderr).toContain('Scan cancelled: the apps not started were not opened');
    expect(stdout.match(/skipped: cancelled/g)).toHaveLength(2);
    sim.reset();
    const resumed = await scan(['--space', SPACE, '--out', out, '--resume']);
    expect(resumed.code).toBe(0);
    expect(opened()).toHaveLength(2);
  }, 120_000);

  it('usage errors exit 2: no selection, two selections, no --out', async () => {
    expect((await scan(['--out', dir])).code).toBe(2);
    expect((await scan(['--all', '--space', SPACE, '--out', dir])).stderr).toMatch(/exactly one of --space/);
    expect((await scan(['--all'])).stderr).toMatch(/--out DIR is required/);
  });

  it('usage errors exit 2: no apps at once, no requests a minute, a count that is not a whole number', async () => {
    for (const [option, value, message] of [
      ['--concurrency', '0', /--concurrency must be a whole number from 1 to/],
      ['--rest-rate', '0', /--rest-rate must be a whole number from 1 to/],
      ['--confirm-above', '-1', /--confirm-above must be a whole number from 0 to/],
      ['--confirm-above', '2.5', /--confirm-above must be a whole number from 0 to .*got "2\.5"/],
    ] as const) {
      const run = await scan(['--all', '--out', dir, `${option}=${value}`]);
      expect(run.code, `${option} ${value}`).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });
});
