import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../lib/analyze/result';
import { runCli } from '../../../lib/cli/analyze';
import { parseCliArgs, UsageError } from '../../../lib/cli/args';
import { DEFAULT_CONCURRENCY } from '../../../lib/collect/limiter';
import { exitCodeFor, formatText, toCliOutput } from '../../../lib/cli/output';
import { exportedFindings } from '../../../lib/export/input';
import { minimalSnapshot } from '../snapshot/minimal-snapshot';

describe('parseCliArgs', () => {
  it('reads a live collection with an API key from the environment', () => {
    expect(parseCliArgs(['--host', 'https://t.example', '--app', 'a1', '--format', 'json', '--fail-on', 'warning'], { QLIK_API_KEY: 'k' })).toMatchObject({
      host: 'https://t.example', app: 'a1', apiKey: 'k', format: 'json', failOn: 'warning', timings: true, concurrency: DEFAULT_CONCURRENCY,
    });
  });
  it('takes --full-timings for the full timing pass, and leaves the mode to the collector without it', () => {
    expect(parseCliArgs(['--host', 'https://t.example', '--app', 'a1', '--full-timings'], { QLIK_API_KEY: 'k' })).toMatchObject({ timings: true, timingMode: 'full' });
    expect(parseCliArgs(['--host', 'https://t.example', '--app', 'a1'], { QLIK_API_KEY: 'k' }).timingMode).toBeUndefined();
  });
  it('defaults the format from the --out extension', () => {
    expect(parseCliArgs(['--snapshot', 's.json', '--out', 'r.json']).format).toBe('json');
    expect(parseCliArgs(['--snapshot', 's.json']).format).toBe('text');
  });
  it.each([
    [[], /--host and --app are required/],
    [['--snapshot', 's', '--folder', 'd'], /not both/],
    [['--folder', 'd', '--app', 'a'], /do not combine/],
    [['--snapshot', 's', '--update-baseline'], /--update-baseline needs --baseline/],
    [['--snapshot', 's', '--tables-and-keys', 'tk.json'], /--tables-and-keys goes with --folder/],
    [['--folder', 'd', '--engine-timeout', '0'], /--engine-timeout must be a number of seconds above 0/],
    [['--host', 't', '--app', 'a', '--api-key', 'k'], /must be an http\(s\) URL/],
    [['--host', 'https://t', '--app', 'a'], /authentication required/],
    [['--host', 'https://t', '--app', 'a', '--api-key', 'k', '--cookie-file', 'f'], /not both/],
    [['--snapshot', 's', '--host', 'https://t'], /do not combine/],
    [['--snapshot', 's', '--format', 'xml'], /--format must be one of text, json, sarif, html, md, csv/],
    [['--snapshot', 's', '--fail-on', 'bad'], /--fail-on must be/],
    [['--snapshot', 's', '--concurrency', '0'], /--concurrency must be a whole number from 1 to \d+, got "0"/],
    [['--bogus'], /Unknown option/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv as string[])).toThrow(UsageError);
    expect(() => parseCliArgs(argv as string[])).toThrow(message);
  });
});

const finding = (severity: 'error' | 'warning' | 'info') => ({
  id: `f-${severity}`, rule: 'Q01', name: 'expression-syntax-error', severity, category: 'quality' as const, message: 'Broken',
  target: { kind: 'object' as const, id: 'o1', name: 'Chart', sheet: { id: 's1' } }, path: '/qHyperCubeDef', contentHash: 'h',
  expression: { text: 'Sum(', from: 0, to: 4 },
});

function result(findings: ReturnType<typeof finding>[]): AnalysisResult {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return {
    version: 1, app: { id: 'app-1', name: 'Tiny' }, analysedAt: '', durationMs: 1, findings, suppressedFindings: [],
    rules: [
      { rule: 'S01', name: 'script-syntax-error', category: 'script', severity: 'error', status: 'could-not-run', reason: 'no rights', findings: 0, suppressed: 0, durationMs: 0 },
      { rule: 'Q02', name: 'unknown-field', category: 'quality', severity: 'error', status: 'error', reason: 'boom', findings: 0, suppressed: 0, durationMs: 0 },
    ],
    summary: { total: findings.length, bySeverity: counts, byCategory: { quality: counts } as AnalysisResult['summary']['byCategory'], suppressed: 0, rulesRun: 2, rulesCouldNotRun: 1, rulesFailed: 1 },
    score: { value: 90, penalty: 1 },
    configIssues: [],
    errors: [],
  };
}

describe('CLI output contract', () => {
  it('maps findings (with their lib/export fingerprints), summary and errors to the CLI output the text format and exit codes read', () => {
    const snapshot = minimalSnapshot({ collectionIssues: [{ part: 'script', code: 'NO_SCRIPT_RIGHTS', message: 'no rights' }] });
    const out = toCliOutput(snapshot, result([finding('error')]));
    expect(out).toEqual({
      schemaVersion: 1,
      app: { id: 'app-1', name: 'Tiny' },
      summary: { bySeverity: { error: 1, warning: 0, info: 0 }, byCategory: { quality: { error: 1, warning: 0, info: 0 } } },
      findings: [{ fingerprint: expect.stringMatching(/^v1:/), rule: 'Q01', name: 'expression-syntax-error', severity: 'error', category: 'quality', message: 'Broken', target: { kind: 'object', id: 'o1', name: 'Chart', sheetId: 's1' }, path: '/qHyperCubeDef', expression: { text: 'Sum(', from: 0, to: 4 } }],
      errors: [
        { kind: 'rule-could-not-run', rule: 'S01', message: 'S01 script-syntax-error could not run: no rights' },
        { kind: 'rule-error', rule: 'Q02', message: 'Q02 unknown-field failed: boom' },
        { kind: 'collection', part: 'script', code: 'NO_SCRIPT_RIGHTS', message: 'no rights' },
      ],
    });
  });

  it('gives each finding the fingerprint the exports give it, also when a hidden finding shares its base (a saved JSON result is a baseline)', () => {
    const shown = { ...finding('error'), id: 'f-shown', path: '/qHyperCubeDef/qMeasures/1/qDef/qDef' };
    const hidden = { ...finding('error'), id: 'f-hidden', path: '/qHyperCubeDef/qMeasures/0/qDef/qDef' };
    const withHidden = { ...result([shown]), suppressedFindings: [hidden] };
    const exported = exportedFindings(withHidden).find((e) => e.finding.id === 'f-shown')?.fingerprint;
    expect(exported).toMatch(/^v1:[0-9a-f]+#2$/);
    expect(toCliOutput(minimalSnapshot(), withHidden).findings.map((f) => f.fingerprint)).toEqual([exported]);
    const plain = result([finding('error')]);
    expect(toCliOutput(minimalSnapshot(), plain).findings[0]?.fingerprint).toBe(exportedFindings(plain)[0]?.fingerprint);
  });

  it('sets the exit code from --fail-on', () => {
    const warn = toCliOutput(minimalSnapshot(), result([finding('warning')]));
    expect(exitCodeFor(warn, 'error')).toBe(0);
    expect(exitCodeFor(warn, 'warning')).toBe(1);
    expect(exitCodeFor(warn, 'info')).toBe(1);
    expect(exitCodeFor(warn, 'none')).toBe(0);
  });

  it('says when the rules are unavailable and shows what was collected', () => {
    const out = toCliOutput(minimalSnapshot(), undefined, 'module missing');
    expect(out.errors[0]).toEqual({ kind: 'rules-unavailable', message: 'Rules are not available: module missing' });
    expect(out.snapshotSummary?.sheets).toBe(0);
    expect(formatText(out)).toMatch(/Collected: 0 sheets/);
  });

  it('says the measured times as the findings do (lib/format/numbers.ts)', () => {
    const out = toCliOutput(minimalSnapshot(), undefined, 'module missing');
    const timed = { ...out, snapshotSummary: { ...out.snapshotSummary!, appOpenMs: 2340, slowestObject: { id: 'o1', sheetId: 's1', firstMs: 640.4 } } };
    expect(formatText(timed)).toContain(', app open 2.3 s, slowest object o1 640 ms.');
  });

  it('renders findings as text, worst first', () => {
    const text = formatText(toCliOutput(minimalSnapshot(), result([finding('info'), finding('error')])));
    expect(text.indexOf('E Q01')).toBeLessThan(text.indexOf('I Q01'));
    expect(text).toContain('object "Chart" (o1) on sheet s1: Broken');
  });
});

describe('runCli', () => {
  it('re-analyses a saved snapshot offline and writes JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qlarity-cli-'));
    const file = join(dir, 'snap.json');
    await writeFile(file, JSON.stringify(minimalSnapshot()));
    const out = join(dir, 'result.json');
    const stderr: string[] = [];
    const code = await runCli(['--snapshot', file, '--out', out], { stdout: () => undefined, stderr: (t) => stderr.push(t), env: {} });
    expect(stderr).toEqual([]);
    const written = JSON.parse(await readFile(out, 'utf8')) as { schemaVersion: number; app: { id: string }; findings: unknown[]; errors: unknown[] };
    expect(written).toMatchObject({ schemaVersion: 1, app: { id: 'app-1' } });
    expect(Array.isArray(written.findings)).toBe(true);
    expect(code === 0 || code === 1).toBe(true);
  });

  it('exits 2 with usage on bad arguments and 3 on an unreadable snapshot', async () => {
    const stderr: string[] = [];
    expect(await runCli(['--nope'], { stdout: () => undefined, stderr: (t) => stderr.push(t), env: {} })).toBe(2);
    expect(stderr.join('')).toMatch(/Usage:/);
    const dir = await mkdtemp(join(tmpdir(), 'qlarity-cli-'));
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ schemaVersion: 0 }));
    const errors: string[] = [];
    expect(await runCli(['--snapshot', join(dir, 'bad.json')], { stdout: () => undefined, stderr: (t) => errors.push(t), env: {} })).toBe(3);
    expect(errors.join('')).toMatch(/Unsupported snapshot schemaVersion 0/);
  });
});
