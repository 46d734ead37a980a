// When the rules cannot run, `qlarity analyze` must not pass a CI gate: every format ends with exit 3
// ("nothing could be analysed"), the text format after saying why.
import { access, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../lib/cli/analyze';
import { EXIT } from '../../../lib/cli/exit-codes';
import { minimalSnapshot } from '../snapshot/minimal-snapshot';

vi.mock('../../../lib/rules/analyse', () => ({
  analyse: () => {
    throw new Error('a rule module is broken');
  },
}));

describe('rules that cannot run', () => {
  it.each(['text', 'json', 'sarif'])('--format %s ends with exit 3, never 0', async (format) => {
    const dir = await mkdtemp(join(tmpdir(), 'qlarity-cli-'));
    const file = join(dir, 'snap.json');
    await writeFile(file, JSON.stringify(minimalSnapshot()));
    const out: string[] = [];
    const code = await runCli(['--snapshot', file, '--format', format], { stdout: (t) => out.push(t), stderr: (t) => out.push(t), env: {} });
    expect(code).toBe(EXIT.failed);
    expect(out.join('')).toContain('a rule module is broken');
  });

  it('--update-baseline writes no baseline: an empty one would wave every finding through later', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qlarity-cli-'));
    const file = join(dir, 'snap.json');
    const baseline = join(dir, 'baseline.json');
    await writeFile(file, JSON.stringify(minimalSnapshot()));
    const code = await runCli(['--snapshot', file, '--baseline', baseline, '--update-baseline'], { stdout: () => undefined, stderr: () => undefined, env: {} });
    expect(code).toBe(EXIT.failed);
    await expect(access(baseline)).rejects.toThrow();
  });
});
