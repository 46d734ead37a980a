// Readers for the three app folder formats (test/sim/APP-FOLDER.md). Each returns the same
// `RawApp`; load-app.ts adds the optional extras and derives what is not given.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { addPropertyTree, byId, isObject, type AppFormat, type AppModel, type Connection, type JsonObject, type StoredObject } from './app-model';
import { exists, parseSimpleYaml, readJson, readText } from './read-files';
import type { FieldListItem } from '../data/data-model';

/** What a format reader gives: the parts of the app model a folder holds, before the data model and behaviour are added. */
export type RawApp = Pick<
  AppModel,
  'format' | 'appProperties' | 'objects' | 'measures' | 'dimensions' | 'variables' | 'bookmarks' | 'connections' | 'media' | 'script'
> & {
  /** a `qFieldList` that came with the app (Gitoqlik `fields.json`, serializeapp `fields`) */
  fieldList?: FieldListItem[];
  notes: string[];
};

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

function emptyRaw(format: AppFormat): RawApp {
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
  };
}

/** qlik-cli / corectl unbuild: config.yml names the files; app-properties.json + objects/ otherwise. */
export async function readUnbuild(dir: string): Promise<RawApp> {
  const raw = emptyRaw('unbuild');
  const configPath = join(dir, 'config.yml');
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
  if (await exists(configPath)) {
    for (const [key, value] of Object.entries(parseSimpleYaml(await readText(configPath), configPath))) {
      if (typeof value === 'string' && value) config[key] = value;
    }
  }
  const file = (key: string) => join(dir, config[key]);
  const propsPath = file('app-properties');
  if (!(await exists(propsPath))) throw new Error(`${propsPath}: file not found (an unbuild folder needs app-properties.json)`);
  const props = await readJson(propsPath);
  if (!isObject(props)) throw new Error(`${propsPath}: expected a JSON object (NxAppProperties)`);
  raw.appProperties = props;
  for (const key of ['measures', 'dimensions', 'variables', 'bookmarks'] as const) {
    if (!(await exists(file(key)))) continue;
    raw[key] = byId(asArray(await readJson(file(key)), file(key), key), key.slice(0, -1), file(key));
  }
  if (await exists(file('script'))) raw.script = await readText(file('script'));
  else raw.notes.push('no script.qvs: empty load script');
  if (await exists(file('connections'))) raw.connections = connectionsFromYaml(parseSimpleYaml(await readText(file('connections')), file('connections')));
  const objectsDir = join(dir, config.objects.replace(/\/?\*\.json$/, ''));
  if (await exists(objectsDir)) {
    const names = (await readdir(objectsDir)).filter((n) => n.endsWith('.json')).sort();
    for (const name of names) {
      const path = join(objectsDir, name);
      const entry = await readJson(path);
      if (!isObject(entry)) throw new Error(`${path}: expected a GenericObjectEntry object ({qProperty, qChildren})`);
      const stored = addPropertyTree(raw.objects, isObject(entry.qProperty) ? entry : { qProperty: entry, qChildren: [] }, path);
      if (stored.type === 'bookmark') {
        raw.objects.delete(stored.id);
        raw.bookmarks.set(stored.id, stored.properties);
      }
    }
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

/** serializeapp output (one JSON) and Gitoqlik (the same keys as files) share this shape. */
export function fromSerialized(format: AppFormat, parts: Record<string, unknown>, fileOf: (key: string) => string): RawApp {
  const raw = emptyRaw(format);
  const props = parts.properties;
  if (props !== undefined && !isObject(props)) throw new Error(`${fileOf('properties')}: expected a JSON object (app properties)`);
  raw.appProperties = props ?? {};
  raw.script = typeof parts.loadScript === 'string' ? parts.loadScript : '';
  for (const key of ['sheets', 'stories', 'masterobjects', 'appprops', 'snapshots'] as const) addTrees(raw.objects, parts[key], fileOf(key));
  // LoadModel, listed by GetAllInfos in every real app (blueprintObjectList.json shows it)
  if (!raw.objects.has('LoadModel')) {
    raw.objects.set('LoadModel', { id: 'LoadModel', type: 'LoadModel', properties: { qInfo: { qId: 'LoadModel', qType: 'LoadModel' }, qMetaDef: {} }, childIds: [] });
  }
  for (const key of ['measures', 'dimensions', 'variables', 'bookmarks'] as const) {
    raw[key] = byId(asArray(parts[key], fileOf(key), key).map((p) => (isObject(p.qProperty) ? p.qProperty : p)), key.slice(0, -1), fileOf(key));
  }
  raw.connections = connectionsFromList(parts.dataconnections, fileOf('dataconnections'));
  raw.media = mediaFromList(parts.embeddedmedia);
  if (parts.fields !== undefined) raw.fieldList = asArray(parts.fields, fileOf('fields'), 'field list items') as unknown as FieldListItem[];
  return raw;
}

export async function readGitoqlik(dir: string): Promise<RawApp> {
  const parts: Record<string, unknown> = {};
  for (const key of SERIALIZED_KEYS) {
    if (key === 'loadScript') continue;
    const path = join(dir, `${key}.json`);
    if (await exists(path)) parts[key] = await readJson(path);
  }
  if (await exists(join(dir, 'script.qvs'))) parts.loadScript = await readText(join(dir, 'script.qvs'));
  const raw = fromSerialized('gitoqlik', parts, (key) => join(dir, `${key}.json`));
  if (parts.loadScript === undefined) raw.notes.push('no script.qvs: empty load script');
  return raw;
}

/** The single serializeapp JSON in `dir`, if there is one: top-level `properties` plus `sheets` or `measures`. */
export async function findSerializeappFile(dir: string, candidates: string[]): Promise<{ path: string; parts: Record<string, unknown> } | undefined> {
  for (const name of candidates) {
    const path = join(dir, name);
    const value = await readJson(path);
    if (isObject(value) && 'properties' in value && ('sheets' in value || 'measures' in value)) return { path, parts: value };
  }
  return undefined;
}
