// Readers for the three app folder formats (test/sim/APP-FOLDER.md): a qlik-cli / corectl unbuild,
// one serializeapp JSON, Gitoqlik split files. Each gives the same RawApp. Pure: the files come
// through a FolderReader.
import type { z } from 'zod/mini';
import type { FieldListItem } from '../collect/engine-schemas';
import type { SourceItemKind } from '../snapshot/schema';
import { type FolderReader, type JsonPositions, displayPath, joinRel, jsonPositions, parseSimpleYaml, readJson, readJsonWithText } from './folder-reader';
import { type AppFormat, type Connection, type JsonObject, type RawApp, type StoredObject, addPropertyTree, byId, isObject, propertyKey } from './raw-app';

/** Files that are extras in any format (the simulator's and the offline analysis's), never the app itself. */
const EXTRA_FILES = new Set(['sim.json', 'tables-and-keys.json', 'metadata.json', 'reloads.json', 'evaluations.json', 'engine-behaviour.json']);
const GITOQLIK_MARKERS = ['blueprintObjectList.json', 'sheets.json', 'masterobjects.json'];

function asArray(value: unknown, file: string, what: string): JsonObject[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${file}: expected an array of ${what}, found ${typeof value}`);
  return value.filter(isObject);
}

/** A property-tree list: `[{qProperty, qChildren}]`, or plain properties (wrapped). */
function addTrees(objects: Map<string, StoredObject>, value: unknown, file: string): void {
  const entries = Array.isArray(value) ? value : isObject(value) && Object.keys(value).length > 0 ? [value] : [];
  for (const entry of entries) {
    if (!isObject(entry)) continue;
    addPropertyTree(objects, isObject(entry.qProperty) ? entry : { qProperty: entry, qChildren: [] }, file);
  }
}

function connectionsFromYaml(yaml: Record<string, unknown>): Connection[] {
  const list = isObject(yaml.connections as never) ? (yaml.connections as Record<string, unknown>) : {};
  return Object.entries(list).map(([name, value], i) => {
    const v = (isObject(value as never) ? value : {}) as Record<string, unknown>;
    const text = (x: unknown) => (typeof x === 'string' ? x : '');
    return {
      qId: `conn-${i + 1}-${name.replace(/[^A-Za-z0-9]/g, '').toLowerCase()}`,
      qName: name,
      qConnectionString: text(v.connectionstring),
      qType: text(v.type),
      ...(text(v.username) ? { qUserName: text(v.username) } : {}),
    };
  });
}

function connectionsFromList(value: unknown, file: string): Connection[] {
  return asArray(value, file, 'connections').map((c, i) => ({
    qId: typeof c.qId === 'string' ? c.qId : `conn-${i + 1}`,
    qName: typeof c.qName === 'string' ? c.qName : `Connection ${i + 1}`,
    qConnectionString: typeof c.qConnectionString === 'string' ? c.qConnectionString : '',
    qType: typeof c.qType === 'string' ? c.qType : '',
    ...(typeof c.qModifiedDate === 'string' ? { qModifiedDate: c.qModifiedDate } : {}),
  }));
}

function mediaFromList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((m) => (isObject(m) ? (m.qUrl ?? m.qUrlDef) : m)).filter((m): m is string => typeof m === 'string');
}

/** What a reader builds: a RawApp whose sources are always there. */
type ReadApp = RawApp & Required<Pick<RawApp, 'sources' | 'propertyLines'>>;

function emptyRaw(format: AppFormat): ReadApp {
  return {
    format,
    appProperties: {},
    objects: new Map(),
    measures: new Map(),
    dimensions: new Map(),
    variables: new Map(),
    bookmarks: new Map(),
    connections: [],
    media: [],
    script: '',
    notes: [],
    sources: { format, items: [] },
    propertyLines: new Map(),
  };
}

/** A file of the folder (path relative to it) and its text, to find where items sit in it. */
export interface SourceText {
  file: string;
  text: string;
  /** `jsonPositions(text)`, computed once per file */
  positions?: JsonPositions;
}

/** Records the items of `ids` as read from `source`, each at the line of its qId, and where their properties' values sit. */
function recordPlaces(raw: ReadApp, source: SourceText, ids: Iterable<string>, kindOf: (id: string) => SourceItemKind): void {
  const { lines, owners } = (source.positions ??= jsonPositions(source.text));
  for (const id of ids) {
    const kind = kindOf(id);
    // variables are known by name to rules and findings
    const key = kind === 'variable' ? String(raw.variables.get(id)?.qName ?? id) : id;
    const owner = owners.get(id);
    const line = owner === undefined ? undefined : lines.get(`${owner}/qInfo/qId`);
    raw.sources.items.push({ kind, id: key, file: source.file, ...(line !== undefined ? { line } : {}) });
    if (owner !== undefined) raw.propertyLines.set(propertyKey(kind, key), (pointer) => lines.get(`${owner}${pointer}`));
  }
}

const objectKind = (raw: RawApp) => (id: string): SourceItemKind => (raw.bookmarks.has(id) && !raw.objects.has(id) ? 'bookmark' : 'object');
const MASTER_KIND = { measures: 'measure', dimensions: 'dimension', variables: 'variable', bookmarks: 'bookmark' } as const;

/** The ids of a stored object and of everything under it. */
function treeIds(objects: Map<string, StoredObject>, id: string): string[] {
  return [id, ...(objects.get(id)?.childIds ?? []).flatMap((child) => treeIds(objects, child))];
}

/** qlik-cli / corectl unbuild: config.yml names the files; app-properties.json + objects/ otherwise. */
async function readUnbuild(reader: FolderReader): Promise<RawApp> {
  const raw = emptyRaw('unbuild');
  const config: Record<string, string> = {
    script: 'script.qvs',
    connections: 'connections.yml',
    dimensions: 'dimensions.json',
    measures: 'measures.json',
    objects: 'objects/*.json',
    variables: 'variables.json',
    bookmarks: 'bookmarks.json',
    'app-properties': 'app-properties.json',
  };
  if (await reader.exists('config.yml')) {
    for (const [key, value] of Object.entries(parseSimpleYaml(await reader.readText('config.yml'), displayPath(reader, 'config.yml')))) {
      if (typeof value === 'string' && value) config[key] = value;
    }
  }
  const file = (key: string) => joinRel(config[key] ?? '');
  const propsPath = file('app-properties');
  if (!(await reader.exists(propsPath))) throw new Error(`${displayPath(reader, propsPath)}: file not found (an unbuild folder needs app-properties.json)`);
  const props = await readJson(reader, propsPath);
  if (!isObject(props)) throw new Error(`${displayPath(reader, propsPath)}: expected a JSON object (NxAppProperties)`);
  raw.appProperties = props;
  raw.sources.app = { file: propsPath };
  for (const key of ['measures', 'dimensions', 'variables', 'bookmarks'] as const) {
    if (!(await reader.exists(file(key)))) continue;
    const shown = displayPath(reader, file(key));
    const { value, text } = await readJsonWithText(reader, file(key));
    raw[key] = byId(asArray(value, shown, key), key.slice(0, -1), shown);
    recordPlaces(raw, { file: file(key), text }, raw[key].keys(), () => MASTER_KIND[key]);
  }
  if (await reader.exists(file('script'))) {
    raw.script = await reader.readText(file('script'));
    raw.sources.script = { file: file('script'), verbatim: true };
  } else raw.notes.push('no script.qvs: empty load script');
  if (await reader.exists(file('connections'))) {
    raw.connections = connectionsFromYaml(parseSimpleYaml(await reader.readText(file('connections')), displayPath(reader, file('connections'))));
  }
  const objectsDir = joinRel((config.objects ?? '').replace(/\/?\*\.json$/, ''));
  const names = (await reader.list(objectsDir)).filter((n) => n.endsWith('.json')).sort();
  for (const name of names) {
    const path = joinRel(objectsDir, name);
    const { value: entry, text } = await readJsonWithText(reader, path);
    const shown = displayPath(reader, path);
    if (!isObject(entry)) throw new Error(`${shown}: expected a GenericObjectEntry object ({qProperty, qChildren})`);
    const stored = addPropertyTree(raw.objects, isObject(entry.qProperty) ? entry : { qProperty: entry, qChildren: [] }, shown);
    const ids = treeIds(raw.objects, stored.id);
    if (stored.type === 'bookmark') {
      raw.objects.delete(stored.id);
      raw.bookmarks.set(stored.id, stored.properties);
    }
    recordPlaces(raw, { file: path, text }, ids, objectKind(raw));
  }
  return raw;
}

const SERIALIZED_KEYS = [
  'properties',
  'loadScript',
  'sheets',
  'stories',
  'masterobjects',
  'appprops',
  'dataconnections',
  'fields',
  'embeddedmedia',
  'bookmarks',
  'snapshots',
  'dimensions',
  'measures',
  'variables',
] as const;

/**
 * serializeapp output (one JSON) and Gitoqlik (the same keys as files) share this shape.
 * `sourceOf(key)`: the file (relative to the folder) and text a key was read from, for `sources`.
 */
function fromSerialized(
  format: AppFormat,
  parts: Record<string, unknown>,
  fileOf: (key: string) => string,
  sourceOf: (key: string) => SourceText | undefined = () => undefined,
): ReadApp {
  const raw = emptyRaw(format);
  const props = parts.properties;
  if (props !== undefined && !isObject(props)) throw new Error(`${fileOf('properties')}: expected a JSON object (app properties)`);
  raw.appProperties = props ?? {};
  raw.script = typeof parts.loadScript === 'string' ? parts.loadScript : '';
  const at = (key: string) => {
    const source = sourceOf(key);
    if (!source) return undefined;
    // one JSON holds everything: the line of its top-level key; a file of its own starts at line 1
    const line = format === 'serializeapp' ? (source.positions ??= jsonPositions(source.text)).lines.get(`/${key}`) : undefined;
    return { file: source.file, ...(line !== undefined ? { line } : {}) };
  };
  const appAt = props !== undefined ? at('properties') : undefined;
  if (appAt) raw.sources.app = appAt;
  const scriptAt = typeof parts.loadScript === 'string' ? at('loadScript') : undefined;
  if (scriptAt) raw.sources.script = { ...scriptAt, verbatim: false };
  for (const key of ['sheets', 'stories', 'masterobjects', 'appprops', 'snapshots'] as const) {
    const before = new Set(raw.objects.keys());
    addTrees(raw.objects, parts[key], fileOf(key));
    const source = sourceOf(key);
    if (source) recordPlaces(raw, source, [...raw.objects.keys()].filter((id) => !before.has(id)), () => 'object');
  }
  // LoadModel, listed by GetAllInfos in every real app (blueprintObjectList.json shows it)
  if (!raw.objects.has('LoadModel')) {
    raw.objects.set('LoadModel', { id: 'LoadModel', type: 'LoadModel', properties: { qInfo: { qId: 'LoadModel', qType: 'LoadModel' }, qMetaDef: {} }, childIds: [] });
  }
  for (const key of ['measures', 'dimensions', 'variables', 'bookmarks'] as const) {
    raw[key] = byId(asArray(parts[key], fileOf(key), key).map((p) => (isObject(p.qProperty) ? p.qProperty : p)), key.slice(0, -1), fileOf(key));
    const source = sourceOf(key);
    if (source) recordPlaces(raw, source, raw[key].keys(), () => MASTER_KIND[key]);
  }
  raw.connections = connectionsFromList(parts.dataconnections, fileOf('dataconnections'));
  raw.media = mediaFromList(parts.embeddedmedia);
  if (parts.fields !== undefined) raw.fieldList = asArray(parts.fields, fileOf('fields'), 'field list items') as unknown as z.infer<typeof FieldListItem>[];
  return raw;
}

async function readGitoqlik(reader: FolderReader): Promise<RawApp> {
  const parts: Record<string, unknown> = {};
  const texts = new Map<string, string>();
  for (const key of SERIALIZED_KEYS) {
    if (key === 'loadScript') continue;
    if (!(await reader.exists(`${key}.json`))) continue;
    const { value, text } = await readJsonWithText(reader, `${key}.json`);
    parts[key] = value;
    texts.set(key, text);
  }
  if (await reader.exists('script.qvs')) parts.loadScript = await reader.readText('script.qvs');
  const sourceOf = (key: string) => {
    const text = texts.get(key);
    return text === undefined ? undefined : { file: `${key}.json`, text };
  };
  const raw = fromSerialized('gitoqlik', parts, (key) => displayPath(reader, `${key}.json`), sourceOf);
  if (parts.loadScript === undefined) raw.notes.push('no script.qvs: empty load script');
  else raw.sources.script = { file: 'script.qvs', verbatim: true };
  return raw;
}

/** A serializeapp JSON by its top-level keys: the app's `properties`. */
export const hasAppProperties = (parts: Record<string, unknown>) => 'properties' in parts;
/** Which JSON in a folder is the app's serializeapp output: `properties` plus `sheets` or `measures`. */
const isSerializeappOfFolder = (parts: Record<string, unknown>) => hasAppProperties(parts) && ('sheets' in parts || 'measures' in parts);

/** The file `name` read as one serializeapp JSON, or undefined when `isApp` says by its top-level keys that it is not one. */
export async function readSerializeappFile(reader: FolderReader, name: string, isApp: (parts: Record<string, unknown>) => boolean): Promise<ReadApp | undefined> {
  const { value, text } = await readJsonWithText(reader, name);
  if (!isObject(value) || !isApp(value)) return undefined;
  const path = displayPath(reader, name);
  const source = { file: name, text };
  return fromSerialized('serializeapp', value, (key) => `${path} (key "${key}")`, () => source);
}

/** Recognises the folder's format by its files and reads it; a clear error for anything else. */
export async function readAppFolder(reader: FolderReader): Promise<RawApp> {
  const files = await reader.list('');
  const has = (name: string) => files.includes(name);
  if ((has('config.yml') || has('app-properties.json')) && (has('objects') || has('config.yml'))) return readUnbuild(reader);
  if (GITOQLIK_MARKERS.some(has)) return readGitoqlik(reader);
  const candidates = files.filter((n) => n.endsWith('.json') && !EXTRA_FILES.has(n));
  for (const name of candidates) {
    const single = await readSerializeappFile(reader, name, isSerializeappOfFolder);
    if (single) return single;
  }
  if (has('app-properties.json')) return readUnbuild(reader);
  throw new Error(
    `${reader.root}: unknown app folder format: expected a qlik-cli unbuild (config.yml or app-properties.json + objects/), ` +
      `Gitoqlik files (blueprintObjectList.json, sheets.json …) or one serializeapp JSON (top-level "properties" and "sheets"); found ${files.join(', ') || 'an empty folder'}`,
  );
}
