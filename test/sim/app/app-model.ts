// The in-memory state of one simulated app: its saved objects with their parent/child
// links, master items, variables, bookmarks, connections and data model, indexed at load
// so that per-call work is a map lookup. One copy per simulator instance; engine calls
// that change the app mutate this copy only (the folder on disk is never written).
import type { DataModel } from '../data/data-model';
import type { EngineBehaviour } from './engine-behaviour';

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

export interface AppModel {
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
  dataModel: DataModel;
  behaviour: EngineBehaviour;
  script: string;
  /**
   * Alternate states: `NxAppLayout.qStateNames` of GetAppLayout (engine-rpc.json). They are not
   * part of `NxAppProperties`, so an app folder may give them as `qStateNames` in its app
   * properties; the loader moves them here.
   */
  stateNames: string[];
  /** per-object Cloud item meta from sim.json `sheets` / `objects` (published, approved, owner …) */
  objectMeta: Map<string, JsonObject>;
  /** bumped by every change, so caches keyed on it stay correct */
  revision: number;
}

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
