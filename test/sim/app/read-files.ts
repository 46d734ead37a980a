// File reading for the simulator's extra files (sim.json, tables-and-keys.json …), with messages that
// name the file and the problem: the product's own node-side reading (lib/cli/node-folder-reader.ts)
// and lib/offline's JSON parsing, shared with the app readers.
import { parseJson } from '../../../lib/offline/folder-reader';
import { pathExists as exists, readTextFile as readText } from '../../../lib/cli/node-folder-reader';
import { join } from 'node:path';

export { exists, readText };

export async function readJson(path: string): Promise<unknown> {
  return parseJson(await readText(path), path);
}

export async function readOptionalJson(dir: string, name: string): Promise<unknown> {
  const path = join(dir, name);
  return (await exists(path)) ? readJson(path) : undefined;
}
