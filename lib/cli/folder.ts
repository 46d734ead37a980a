// `qlarity analyze --folder DIR`: an app folder (qlik-cli unbuild, serializeapp JSON, Gitoqlik split
// files) read from disk into an AppSnapshot, no tenant involved (lib/offline does the parsing).
// Files next to the app that only a test tenant reads (tables-and-keys.json, metadata.json …) are
// not taken as the app's data model: nothing guarantees they match the app's script. The user
// may name a saved GetTablesAndKeys result for the app (`--tables-and-keys FILE`).
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { hasAppProperties, readAppFolder, readSerializeappFile } from '../offline/formats';
import { readJson } from '../offline/folder-reader';
import { snapshotFromRawApp } from '../offline/snapshot';
import type { AppSnapshot } from '../snapshot/schema';
import { nodeFolderReader } from './node-folder-reader';
import { sourceFolderOf } from './source-folder';

/** A folder in one of the three formats, or a serializeapp JSON file itself. */
export async function snapshotFromFolder(path: string, tablesAndKeysFile?: string): Promise<AppSnapshot> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new Error(`${path}: no such folder or file`);
  let raw;
  let name: string;
  if (info.isFile()) {
    raw = await readSerializeappFile(nodeFolderReader(dirname(path)), basename(path), hasAppProperties);
    if (!raw) throw new Error(`${path}: not a serializeapp JSON (top-level "properties", "sheets" …); give the app's folder for an unbuild or Gitoqlik app`);
    name = basename(path).replace(/\.json$/i, '');
  } else {
    raw = await readAppFolder(nodeFolderReader(path));
    name = basename(resolve(path));
  }
  const folder = await sourceFolderOf(info.isFile() ? dirname(path) : path);
  const tablesAndKeys = tablesAndKeysFile ? await readJson(nodeFolderReader(dirname(tablesAndKeysFile)), basename(tablesAndKeysFile)) : undefined;
  return snapshotFromRawApp({ raw, appId: name, fallbackName: name, collectedAt: new Date().toISOString(), folder, ...(tablesAndKeys !== undefined ? { tablesAndKeys } : {}) });
}
