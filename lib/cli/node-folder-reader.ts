// The disk side of lib/offline's FolderReader: relative paths under one folder, read with node:fs.
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { FolderReader } from '../offline/folder-reader';

export function nodeFolderReader(root: string): FolderReader {
  const abs = (rel: string) => (rel ? join(root, ...rel.split('/')) : root);
  return {
    root,
    list: async (dir) => {
      try {
        return await readdir(abs(dir));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return [];
        throw new Error(`${abs(dir)}: cannot list the folder (${code ?? (error as Error).message})`, { cause: error });
      }
    },
    exists: async (rel) => pathExists(abs(rel)),
    readText: async (rel) => readTextFile(abs(rel)),
  };
}

export async function pathExists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

/** A UTF-8 file, with a message that names the file and, when it is missing, the folder that needs it. */
export async function readTextFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${path}: file not found (${basename(dirname(path))} needs it)`, { cause: error });
    throw new Error(`${path}: cannot read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
