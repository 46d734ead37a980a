// The `qlarity` command as a user runs it: spawned through its bin launcher (bin/qlarity.mjs), with
// the documented exit codes (0 done, 1 findings, 2 usage, 3 nothing analysed / crash). And the
// package as `npm pack` makes it, unpacked into a fresh node_modules that holds only the declared
// runtime dependencies: the command runs from there (no dev dependency is needed at run time).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin/qlarity.mjs');
const DEMO = join(ROOT, 'test/sim/apps/demo');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], options: { bin?: string; cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [options.bin ?? BIN, ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qlarity-bin-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('qlarity through its bin launcher', () => {
  it('prints usage for every command with --help (exit 0), and exit 2 without a command or for an unknown one', async () => {
    for (const command of ['analyze', 'scan', 'compare', 'rules']) {
      const help = await run([command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toContain(`qlarity ${command}`);
      expect(help.stdout, command).toMatch(/Exit codes: 0 done; 1 findings/);
    }
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Usage: qlarity <command>/);
    const unknown = await run(['lint']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "lint"');
  }, 60_000);

  it('analyze --folder: exit 1 with --fail-on error on the demo (it has errors), 0 without; bad options exit 2', async () => {
    const failing = await run(['analyze', '--folder', DEMO, '--fail-on', 'error', '--format', 'json']);
    expect(failing.code).toBe(1);
    expect(JSON.parse(failing.stdout).summary.bySeverity.error).toBeGreaterThan(0);
    expect((await run(['analyze', '--folder', DEMO, '--quiet'])).code).toBe(0);
    const usage = await run(['analyze', '--folder', DEMO, '--fail-on', 'sometimes']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--fail-on must be/);
  }, 60_000);

  it('nothing to analyse or a crash is exit 3 with a message, never exit 1', async () => {
    const missing = await run(['analyze', '--snapshot', join(dir, 'nope.json'), '--fail-on', 'info']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^Failed: .*nope\.json/);
    const notAFolder = await run(['analyze', '--folder', join(dir, 'no-such-app'), '--fail-on', 'info']);
    expect(notAFolder.code).toBe(3);
    expect(notAFolder.stderr).toMatch(/no such folder or file/);
    // the result cannot be written (its folder does not exist): an unexpected failure after the analysis
    const unwritable = await run(['analyze', '--folder', DEMO, '--fail-on', 'error', '--out', join(dir, 'missing-dir', 'sub', 'result.json')]);
    expect(unwritable.code).toBe(3);
    expect(unwritable.stderr).toMatch(/^Failed: unexpected error: .*ENOENT/);
  }, 60_000);

  it('a baseline written with --update-baseline lets the same findings pass; compare prints new, fixed and unchanged', async () => {
    const baseline = join(dir, 'baseline.json');
    const update = await run(['analyze', '--folder', DEMO, '--baseline', baseline, '--update-baseline', '--fail-on', 'error', '--quiet']);
    expect(update.code).toBe(0);
    const written = JSON.parse(await readFile(baseline, 'utf8')) as { qlarityBaseline: number; findings: { fingerprint: string }[] };
    expect(written.qlarityBaseline).toBe(1);
    expect(written.findings.length).toBeGreaterThan(0);
    const gate = await run(['analyze', '--folder', DEMO, '--baseline', baseline, '--fail-on', 'error', '--format', 'json', '--out', join(dir, 'after.json')]);
    expect(gate.code).toBe(0);
    const after = JSON.parse(await readFile(join(dir, 'after.json'), 'utf8')) as {
      format: string;
      baseline: { new: number; known: number; newFingerprints: string[] };
      findings: { fingerprint: string }[];
    };
    expect(after.format).toBe('qlarity-analysis'); // the JSON export, with what the baseline made of it
    expect(after.baseline).toMatchObject({ new: 0, known: after.findings.length, newFingerprints: [] });

    // one accepted finding dropped from the baseline: it is new, and fails the gate
    const dropped = written.findings[0]?.fingerprint;
    await writeFile(baseline, JSON.stringify({ ...written, findings: written.findings.slice(1) }));
    const newOne = await run(['analyze', '--folder', DEMO, '--baseline', baseline, '--format', 'json']);
    expect(newOne.code).toBe(1);
    expect((JSON.parse(newOne.stdout) as typeof after).baseline.newFingerprints).toEqual([dropped]);
    const text = await run(['analyze', '--folder', DEMO, '--baseline', baseline]);
    expect(text.stdout).toMatch(/Against the baseline .*: 1 new \(marked \+\)/);
    expect(text.stdout.split('\n').filter((l) => l.startsWith('+'))).toHaveLength(1);

    // compare two JSON results: the earlier one lacked two of the findings
    const before = join(dir, 'before.json');
    await writeFile(before, JSON.stringify({ ...after, findings: after.findings.slice(2) }));
    const compare = await run(['compare', before, join(dir, 'after.json'), '--format', 'json', '--fail-on', 'info']);
    expect(compare.code).toBe(1);
    const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    const comparison = JSON.parse(compare.stdout) as { counts: { new: Record<string, number>; fixed: Record<string, number>; unchanged: number } };
    expect(sum(comparison.counts.new)).toBe(2);
    expect(sum(comparison.counts.fixed)).toBe(0);
    expect(comparison.counts.unchanged).toBe(after.findings.length - 2);
    const reversed = await run(['compare', join(dir, 'after.json'), before]);
    expect(reversed.code).toBe(0);
    expect(reversed.stdout).toMatch(/0 new, 2 fixed/);
    expect(reversed.stdout.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(2);
    const notJson = await run(['compare', baseline, before]);
    expect(notJson.code).toBe(3);
    expect(notJson.stderr).toMatch(/baseline\.json: .*not a Qlarity analysis export/);
  }, 90_000);
});

describe('analyze --folder --format sarif for code scanning', () => {
  it('points results at the folder\'s files from the repository root, whatever the working directory', async () => {
    const placesFrom = async (cwd: string, folder: string) => {
      const sarif = await run(['analyze', '--folder', folder, '--format', 'sarif'], { cwd });
      expect(sarif.code, sarif.stderr).toBe(0);
      const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }[] }[] }[] };
      return log.runs[0]?.results.map((r) => ({ rule: r.ruleId, ...r.locations[0]?.physicalLocation.artifactLocation, line: r.locations[0]?.physicalLocation.region.startLine }));
    };
    const fromRoot = await placesFrom(ROOT, 'test/fixtures/app-folders/unbuild');
    expect(fromRoot).toContainEqual({ rule: 'S07', uri: 'test/fixtures/app-folders/unbuild/script.qvs', uriBaseId: '%SRCROOT%', line: 5 });
    // from a subfolder the repository root is found by its .git (absent in an unpacked copy: then the working directory counts)
    if (existsSync(join(ROOT, '.git'))) expect(await placesFrom(join(ROOT, 'test'), 'fixtures/app-folders/unbuild')).toEqual(fromRoot);
  });
});

describe('the npm pack tarball', () => {
  it('runs `qlarity` from a node_modules that holds only the declared dependencies', async () => {
    const pack = await new Promise<string>((resolve, reject) =>
      execFile('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
    );
    const [{ filename, files }] = JSON.parse(pack) as [{ filename: string; files: { path: string }[] }];
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['bin/qlarity.mjs', 'lib/cli/main.ts', 'package.json']));
    const app = join(dir, 'consumer');
    const installed = join(app, 'node_modules', 'qlarity');
    await mkdir(installed, { recursive: true });
    await new Promise<void>((resolve, reject) =>
      execFile('tar', ['-xzf', join(dir, filename), '-C', installed, '--strip-components=1'], (error) => (error ? reject(error) : resolve())),
    );
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as { bin: Record<string, string>; dependencies: Record<string, string> };
    for (const dep of Object.keys(manifest.dependencies)) await symlink(await realpath(join(ROOT, 'node_modules', dep)), join(app, 'node_modules', dep));
    const bin = join(installed, manifest.bin.qlarity ?? '');
    const rules = await run(['rules', '--format', 'json'], { bin, cwd: app });
    expect(rules.stderr).toBe('');
    expect(rules.code).toBe(0);
    expect((JSON.parse(rules.stdout) as unknown[]).length).toBeGreaterThan(50);
    const analysed = await run(['analyze', '--folder', DEMO, '--format', 'json'], { bin, cwd: app });
    expect(analysed.code).toBe(0);
    expect(JSON.parse(analysed.stdout).app.name).toBe('Qlarity Demo – Sales');
  }, 90_000);
});

describe('--config', () => {
  it('turns a rule off and sets a severity; a configuration that is not one is exit 2 naming the file', async () => {
    const config = join(dir, 'qlarity.json');
    await writeFile(config, JSON.stringify({ rules: { Q01: 'off', D04: 'error' } }));
    const configured = await run(['analyze', '--folder', DEMO, '--config', config, '--format', 'json']);
    expect(configured.code).toBe(0);
    const out = JSON.parse(configured.stdout) as { findings: { rule: string; severity: string }[]; rules: { rule: string; status: string }[] };
    expect(out.findings.some((f) => f.rule === 'Q01')).toBe(false);
    expect(out.rules.find((r) => r.rule === 'Q01')?.status).toBe('off');
    expect(out.findings.filter((f) => f.rule === 'D04').every((f) => f.severity === 'error')).toBe(true);
    await writeFile(config, JSON.stringify({ rulez: {} }));
    const bad = await run(['analyze', '--folder', DEMO, '--config', config]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`--config ${config}: not an analysis configuration`);
  }, 60_000);
});
