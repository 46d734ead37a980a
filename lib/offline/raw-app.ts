// What an app folder holds, as read from one of the three formats (lib/offline/formats.ts): saved
// objects with their parent/child links, master items, variables, bookmarks, connections, media and
// the load script, indexed by id. Shared by the offline analysis (`qlarity analyze --folder`) and the
// simulated tenant (test/sim/app), which serves apps from the same folders. Pure.
import type { z } from 'zod/mini';
import type { FieldListItem } from '../collect/engine-schemas';
import type { SnapshotSources, SourceItemKind } from '../snapshot/schema';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One saved generic object (sheet, chart, master visualization, story, slide, appprops …). */
export interface StoredObject {
  id: string;
  type: string;
  properties: JsonObject;
  parentId?: string;
  childIds: string[];
  /** `qEmbeddedSnapshotRef` of a slide item, kept as in the property tree */
  embeddedSnapshotRef?: Json;
}

export interface Connection {
  qId: string;
  qName: string;
  qConnectionString: string;
  qType: string;
  qUserName?: string;
  qModifiedDate?: string;
  qMeta?: JsonObject;
}

export type AppFormat = 'unbuild' | 'serializeapp' | 'gitoqlik';

export interface RawApp {
  format: AppFormat;
  appProperties: JsonObject;
  /** every saved generic object by qId (top-level and children) */
  objects: Map<string, StoredObject>;
  measures: Map<string, JsonObject>;
  dimensions: Map<string, JsonObject>;
  variables: Map<string, JsonObject>;
  bookmarks: Map<string, JsonObject>;
  connections: Connection[];
  media: string[];
  script: string;
  /** a `qFieldList` that came with the app (Gitoqlik `fields.json`, serializeapp `fields`) */
  fieldList?: z.infer<typeof FieldListItem>[];
  /** what the reader wants the user to know (e.g. "no script.qvs: empty load script") */
  notes: string[];
  /** the file (and line) each item was read from, relative to the folder read; the readers always fill it */
  sources?: RawSources;
  /** by `propertyKey(kind, id)`: the line of a value of the item's properties, by JSON pointer into them */
  propertyLines?: Map<string, (pointer: string) => number | undefined>;
}

export const propertyKey = (kind: SourceItemKind, id: string): string => `${kind}\u0000${id}`;

/** The snapshot's `sources` before the CLI knows where the folder sits in its repository. */
export type RawSources = Omit<SnapshotSources, 'folder'>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function qInfoOf(properties: JsonObject): { qId: string; qType: string } {
  const info = isObject(properties.qInfo) ? properties.qInfo : {};
  return { qId: typeof info.qId === 'string' ? info.qId : '', qType: typeof info.qType === 'string' ? info.qType : '' };
}

/** Flattens a `GenericObjectEntry` tree (`{qProperty, qChildren, qEmbeddedSnapshotRef}`) into `objects`. */
export function addPropertyTree(objects: Map<string, StoredObject>, entry: JsonObject, where: string, parentId?: string): StoredObject {
  const properties = entry.qProperty;
  if (!isObject(properties)) throw new Error(`${where}: object entry without qProperty`);
  const { qId, qType } = qInfoOf(properties);
  if (!qId) throw new Error(`${where}: object without qInfo.qId`);
  const stored: StoredObject = { id: qId, type: qType, properties, parentId, childIds: [] };
  if (entry.qEmbeddedSnapshotRef !== undefined) stored.embeddedSnapshotRef = entry.qEmbeddedSnapshotRef;
  objects.set(qId, stored);
  const children = Array.isArray(entry.qChildren) ? entry.qChildren : [];
  for (const child of children) {
    if (!isObject(child)) continue;
    stored.childIds.push(addPropertyTree(objects, child, where, qId).id);
  }
  return stored;
}

/** Rebuilds the `GetFullPropertyTree` entry of a stored object. */
export function propertyTreeOf(objects: Map<string, StoredObject>, id: string): JsonObject | undefined {
  const stored = objects.get(id);
  if (!stored) return undefined;
  const children: Json[] = [];
  for (const childId of stored.childIds) {
    const child = propertyTreeOf(objects, childId);
    if (child) children.push(child);
  }
  const entry: JsonObject = { qProperty: stored.properties, qChildren: children };
  if (stored.embeddedSnapshotRef !== undefined) entry.qEmbeddedSnapshotRef = stored.embeddedSnapshotRef;
  return entry;
}

export function byId(items: JsonObject[], what: string, source: string): Map<string, JsonObject> {
  const map = new Map<string, JsonObject>();
  items.forEach((item, i) => {
    const { qId } = qInfoOf(item);
    if (!qId) throw new Error(`${source}: ${what} #${i} has no qInfo.qId`);
    map.set(qId, item);
  });
  return map;
}
