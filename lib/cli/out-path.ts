// Where `--out FILE|DIR` writes: a file as given, or `<DIR>/<app id>.<ext>` when it names a folder
// (an existing one, or a path ending in a slash).
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXTENSION, type OutputFormat } from './formats';

/** An app id as a file name: anything but letters, digits, `-`, `_` and `.` becomes `_`. */
const fileSafe = (id: string): string => id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || '_';

/** `<DIR>/<app id>.<ext>`: where an app's result goes in a folder (`--out DIR`, and each app of a scan). */
export const resultFileIn = (dir: string, appId: string, format: OutputFormat): string => join(dir, `${fileSafe(appId)}.${EXTENSION[format]}`);

async function outPath(out: string, appId: string, format: OutputFormat): Promise<string> {
  const isDir = /[\\/]$/.test(out) || (await stat(out).catch(() => undefined))?.isDirectory() === true;
  if (!isDir) return out;
  await mkdir(out, { recursive: true });
  return resultFileIn(out, appId, format);
}

export async function writeOutput(out: string, text: string, appId: string, format: OutputFormat): Promise<string> {
  const path = await outPath(out, appId, format);
  await writeFile(path, text);
  return path;
}
