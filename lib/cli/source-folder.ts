// Where an app folder sits in its repository, for the snapshot's `sources`: exports name the files
// relative to the repository root, the base GitHub code scanning resolves SARIF paths against
// (docs.github.com "SARIF support for code scanning": relative URIs are taken from the root of the
// checkout). The root is the nearest folder up holding `.git` (a folder, or a file in a worktree or
// submodule); outside a repository, the working directory when the app folder is under it, else
// the app folder itself.
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { pathExists } from './node-folder-reader';

export async function repositoryRoot(dir: string): Promise<string | undefined> {
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (await pathExists(resolve(at, '.git'))) return at;
    if (dirname(at) === at) return undefined;
  }
}

/** `appFolder` relative to its repository root (or `cwd`), '/'-separated; '' when it is the root or lies outside it. */
export async function sourceFolderOf(appFolder: string, cwd = process.cwd()): Promise<string> {
  const abs = resolve(cwd, appFolder);
  const root = (await repositoryRoot(abs)) ?? resolve(cwd);
  const rel = relative(root, abs);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return '';
  return rel.split(sep).join('/');
}
