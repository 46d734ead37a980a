// File reading for the simulator's extra files (sim.json, tables-and-keys.json …), with messages that
// name the file and the problem; the JSON and YAML parsing is lib/offline's, shared with the app readers.
import { parseJson } from '../../../lib/offline/folder-reader.ts';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function readJson(path: string): Promise<unknown> {
  return parseJson(await readText(path), path);
}

export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${path}: file not found (${basename(dirname(path))} needs it)`, { cause: error });
    throw new Error(`${path}: cannot read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

export async function readOptionalJson(dir: string, name: string): Promise<unknown> {
  const path = join(dir, name);
  return (await exists(path)) ? readJson(path) : undefined;
}
