// loadAppFolder / loadAppsDir: one folder → one SimApp (formats in test/sim/APP-FOLDER.md).
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { SimApp } from '../types';
import { dataModelFromFieldList, dataModelFromTablesAndKeys, emptyDataModel, type DataModel, type TablesAndKeys } from '../data/data-model';
import { isObject, type AppModel, type JsonObject } from './app-model';
import { deriveDataMetadata, deriveReload } from './derive-rest';
import { noBehaviour, parseEngineBehaviour } from './engine-behaviour';
import { nodeFolderReader, pathExists, readTextFile } from '../../../lib/cli/node-folder-reader';
import { readAppFolder } from '../../../lib/offline/formats';
import type { RawApp } from '../../../lib/offline/raw-app';
import { readJson } from './read-files';

/** A stable UUID (version-5 layout) made from a name, so an app keeps its id across runs. */
export function stableUuid(name: string): string {
  const h = createHash('sha1').update(`qlarity-sim:${name}`).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const readFormat = (dir: string): Promise<RawApp> => readAppFolder(nodeFolderReader(dir));

function asTablesAndKeys(value: unknown, file: string): TablesAndKeys {
  if (!isObject(value) || !Array.isArray(value.qtr) || !Array.isArray(value.qk)) {
    throw new Error(`${file}: expected a GetTablesAndKeys result {"qtr": [...], "qk": [...]}`);
  }
  value.qtr.forEach((t, i) => {
    if (!isObject(t) || typeof t.qName !== 'string' || !Array.isArray(t.qFields)) throw new Error(`${file}: qtr[${i}] needs qName and qFields`);
  });
  return value as unknown as TablesAndKeys;
}

/** Where an extra file is read from: the overlay folder first (when it has the file), then the app folder. */
type ExtraPath = (name: string) => Promise<string>;

function extraPaths(dir: string, overlay: string | undefined): ExtraPath {
  return async (name) => {
    if (overlay && (await pathExists(join(overlay, name)))) return join(overlay, name);
    return join(dir, name);
  };
}

async function loadDataModel(extra: ExtraPath, raw: RawApp, notes: string[]): Promise<DataModel> {
  const tkPath = await extra('tables-and-keys.json');
  if (await pathExists(tkPath)) return dataModelFromTablesAndKeys(asTablesAndKeys(await readJson(tkPath), tkPath));
  if (raw.fieldList) {
    notes.push('no tables-and-keys.json: data model built from the field list (fields.json); row counts are estimates');
    return dataModelFromFieldList(raw.fieldList);
  }
  notes.push('no data model file (tables-and-keys.json or fields.json): empty data model, every field reference is unknown');
  return emptyDataModel();
}

async function optionalArray(extra: ExtraPath, name: string): Promise<unknown[] | undefined> {
  const path = await extra(name);
  if (!(await pathExists(path))) return undefined;
  const value = await readJson(path);
  if (!Array.isArray(value)) throw new Error(`${path}: expected a JSON array`);
  return value;
}

async function readPerReloadFiles(dir: string, sub: string, ext: string, read: (path: string) => Promise<unknown>): Promise<Record<string, unknown>> {
  const folder = join(dir, sub);
  if (!(await pathExists(folder))) return {};
  const out: Record<string, unknown> = {};
  for (const name of (await readdir(folder)).filter((n) => n.endsWith(ext))) out[name.slice(0, -ext.length)] = await read(join(folder, name));
  return out;
}

/** sim.json `sheets` (or `objects`): `{ "<qId>": { "published": true, "approved": true, "owner": "developer" } }`. */
function objectMetaFrom(sim: JsonObject, file: string): Map<string, JsonObject> {
  const meta = new Map<string, JsonObject>();
  for (const key of ['sheets', 'objects']) {
    const value = sim[key];
    if (value === undefined) continue;
    if (!isObject(value)) throw new Error(`${file}: "${key}" must map object ids to {published, approved, owner}`);
    for (const [id, m] of Object.entries(value)) if (isObject(m)) meta.set(id, m);
  }
  return meta;
}

const str = (v: unknown, fallback: string) => (typeof v === 'string' && v !== '' ? v : fallback);
const bool = (v: unknown, fallback: boolean) => (typeof v === 'boolean' ? v : fallback);

export interface LoadOptions {
  /**
   * A folder of extra files for this app (same names as in the app folder: tables-and-keys.json,
   * engine-behaviour.json, sim.json …) that take precedence over the app folder's own: how the
   * project's fixtures give a read-only app (the corpus) a complete data model.
   */
  overlay?: string;
}

export async function loadAppFolder(dirIn: string, options: LoadOptions = {}): Promise<SimApp> {
  const dir = resolve(dirIn);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`${dir}: not a folder (an app folder is expected here)`);
  const raw = await readFormat(dir);
  const notes = [...raw.notes];
  const extra = extraPaths(dir, options.overlay);
  if (options.overlay) notes.push(`extra files from ${options.overlay} take precedence`);
  const simPath = await extra('sim.json');
  const simRaw = (await pathExists(simPath)) ? await readJson(simPath) : {};
  if (!isObject(simRaw)) throw new Error(`${simPath}: expected a JSON object`);
  const sim: JsonObject = simRaw;
  const { qStateNames, ...props } = raw.appProperties;
  const stateNames = Array.isArray(qStateNames) ? qStateNames.filter((n): n is string => typeof n === 'string' && n !== '') : [];
  const id = str(sim.id, stableUuid(basename(dir)));
  const name = str(sim.name, str(props.qTitle, basename(dir)));
  const dataModel = await loadDataModel(extra, raw, notes);
  const behaviourPath = await extra('engine-behaviour.json');
  const behaviour = (await pathExists(behaviourPath)) ? parseEngineBehaviour(await readJson(behaviourPath), behaviourPath) : noBehaviour();
  const lastReloadTime = str(props.qLastReloadTime, '2026-01-05T06:00:00.000Z');
  const owner = str(sim.owner, 'developer');
  const usage = str(sim.usage, str(props.qUsage, 'ANALYTICS'));
  const sectionAccess = bool(sim.sectionAccess, bool(props.hassectionaccess, bool(props.qHasSectionAccess, false)));
  const directQuery = bool(sim.directQuery, false);
  const thumbnail = isObject(props.qThumbnail) && typeof props.qThumbnail.qUrl === 'string' ? props.qThumbnail.qUrl.replace('<appId>', id) : '';
  const attributes: Record<string, unknown> = {
    id,
    name,
    description: str(sim.description, str(props.description, '')),
    thumbnail: str(sim.thumbnail, thumbnail),
    lastReloadTime,
    createdDate: str(props.createdDate, lastReloadTime),
    modifiedDate: str(props.modifiedDate, lastReloadTime),
    owner,
    ownerId: owner,
    dynamicColor: '',
    published: bool(sim.published, bool(props.published, false)),
    publishTime: '',
    custom: {},
    hasSectionAccess: sectionAccess,
    encrypted: true,
    originAppId: '',
    isDirectQueryMode: directQuery,
    usage,
    spaceId: typeof sim.spaceId === 'string' ? sim.spaceId : undefined,
    _resourcetype: 'app',
  };
  if (attributes.spaceId === undefined) delete attributes.spaceId;

  const metadataPath = await extra('metadata.json');
  const dataMetadata = (await pathExists(metadataPath))
    ? await readJson(metadataPath)
    : deriveDataMetadata(dataModel, { hasSectionAccess: sectionAccess, directQuery, usage });
  const derived = deriveReload(id, owner, lastReloadTime, raw.script, dataModel);
  const reloads = (await optionalArray(extra, 'reloads.json')) ?? [derived.record];
  const reloadMetadata = await readPerReloadFiles(dir, 'reload-metadata', '.json', readJson);
  const reloadLogs = (await readPerReloadFiles(dir, 'reload-logs', '.log', readTextFile)) as Record<string, string>;
  for (const reload of reloads) {
    const reloadId = isObject(reload) && typeof reload.id === 'string' ? reload.id : undefined;
    if (!reloadId) continue;
    if (reloadMetadata[reloadId] === undefined) reloadMetadata[reloadId] = { data: [{ ...(derived.metadata.data as object[])[0], reloadId }] };
    if (reloadLogs[reloadId] === undefined) reloadLogs[reloadId] = derived.log;
  }
  const evaluations = (await optionalArray(extra, 'evaluations.json')) ?? [];

  const model: AppModel = {
    format: raw.format,
    appProperties: props,
    objects: raw.objects,
    measures: raw.measures,
    dimensions: raw.dimensions,
    variables: raw.variables,
    bookmarks: raw.bookmarks,
    connections: raw.connections,
    media: raw.media,
    dataModel,
    behaviour,
    script: raw.script,
    stateNames,
    objectMeta: objectMetaFrom(sim, simPath),
    revision: 0,
  };
  pristine.set(model, structuredClone(model));
  return { id, name, source: dir, notes, attributes, model, dataMetadata, reloads, reloadLogs, reloadMetadata, evaluations, script: raw.script };
}

/** The model as loaded, so a simulator reset can undo what engine calls changed in memory. */
const pristine = new WeakMap<AppModel, AppModel>();

/** Puts the app's engine state back to how it was loaded (same object, so sessions keep their reference). */
export function resetAppModel(app: SimApp): void {
  const model = appModelOf(app);
  const original = pristine.get(model);
  if (!original) return;
  Object.assign(model, structuredClone(original), { revision: model.revision + 1 });
}

/**
 * Every sub-folder of `dir` is one app; an error names the folder that failed. `overlays`: a folder
 * whose sub-folder of the same name (when there is one) supplies extra files for that app.
 */
export async function loadAppsDir(dirIn: string, options: { overlays?: string } = {}): Promise<SimApp[]> {
  const dir = resolve(dirIn);
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${dir}: cannot list the apps folder (${error.code ?? error.message})`);
  });
  const apps: SimApp[] = [];
  for (const entry of entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name))) {
    const overlay = options.overlays ? join(resolve(options.overlays), entry.name) : undefined;
    apps.push(await loadAppFolder(join(dir, entry.name), overlay && (await pathExists(overlay)) ? { overlay } : {}));
  }
  const ids = new Map<string, string>();
  for (const app of apps) {
    const other = ids.get(app.id);
    if (other) throw new Error(`${app.source}: app id ${app.id} is already used by ${other}`);
    ids.set(app.id, app.source);
  }
  return apps;
}

/** The engine state of a loaded app (SimApp.model is typed `unknown` in the shared contract). */
export function appModelOf(app: SimApp): AppModel {
  const model = app.model as AppModel | undefined;
  if (!model || !(model.objects instanceof Map)) throw new Error(`app ${app.id}: model was not made by loadAppFolder`);
  return model;
}
