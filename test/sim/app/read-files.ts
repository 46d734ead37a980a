// JSON reading for the simulator's extra files (sim.json, tables-and-keys.json …), with messages that
// name the file and the problem: the product's own node-side reading (lib/cli/node-folder-reader.ts)
// and lib/offline's JSON parsing, shared with the app readers.
import { readTextFile } from '../../../lib/cli/node-folder-reader';
import { parseJson } from '../../../lib/offline/folder-reader';

export async function readJson(path: string): Promise<unknown> {
  return parseJson(await readTextFile(path), path);
}
