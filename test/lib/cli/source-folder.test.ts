// Where an app folder sits in its repository (lib/cli/source-folder.ts): the path SARIF and the
// other exports put before the folder's files.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot, sourceFolderOf } from '../../../lib/cli/source-folder';

describe('sourceFolderOf', () => {
  let base = '';
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'qlarity-source-folder-'));
    await mkdir(join(base, 'repo', '.git'), { recursive: true });
    await mkdir(join(base, 'repo', 'apps', 'sales'), { recursive: true });
    // a worktree or submodule has a .git file, not a folder
    await mkdir(join(base, 'worktree', 'apps', 'hr'), { recursive: true });
    await writeFile(join(base, 'worktree', '.git'), 'gitdir: /elsewhere\n');
    await mkdir(join(base, 'plain', 'apps', 'finance'), { recursive: true });
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('is the path from the repository root, whatever the working directory', async () => {
    expect(await repositoryRoot(join(base, 'repo', 'apps', 'sales'))).toBe(join(base, 'repo'));
    expect(await sourceFolderOf('apps/sales', join(base, 'repo'))).toBe('apps/sales');
    expect(await sourceFolderOf('sales', join(base, 'repo', 'apps'))).toBe('apps/sales');
    expect(await sourceFolderOf(join(base, 'worktree', 'apps', 'hr'), base)).toBe('apps/hr');
    expect(await sourceFolderOf(join(base, 'repo'), base)).toBe('');
  });

  it('outside a repository: from the working directory when the folder is under it, else the folder itself', async () => {
    const outside = join(base, 'plain', 'apps', 'finance');
    if (await repositoryRoot(outside)) return console.warn('[skip] the temporary folder lies inside a git repository');
    expect(await sourceFolderOf('apps/finance', join(base, 'plain'))).toBe('apps/finance');
    expect(await sourceFolderOf(outside, join(base, 'repo'))).toBe('');
  });
});
