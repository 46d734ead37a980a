// The in-memory state of one simulated app: what the folder holds (lib/offline's RawApp, shared
// with the offline analysis) plus the data model, engine behaviour and meta the simulator adds,
// indexed at load so that per-call work is a map lookup. One copy per simulator instance; engine
// calls that change the app mutate this copy only (the folder on disk is never written).
import type { RawApp } from '../../../lib/offline/raw-app';
import type { DataModel } from '../data/data-model';
import type { EngineBehaviour } from './engine-behaviour';

export {
  type AppFormat,
  type Connection,
  type Json,
  type JsonObject,
  type StoredObject,
  addPropertyTree,
  byId,
  isObject,
  propertyTreeOf,
  qInfoOf,
} from '../../../lib/offline/raw-app';

export interface AppModel extends Omit<RawApp, 'fieldList' | 'notes'> {
  dataModel: DataModel;
  behaviour: EngineBehaviour;
  /**
   * Alternate states: `NxAppLayout.qStateNames` of GetAppLayout (engine-rpc.json). They are not
   * part of `NxAppProperties`, so an app folder may give them as `qStateNames` in its app
   * properties; the loader moves them here.
   */
  stateNames: string[];
  /** per-object Cloud item meta from sim.json `sheets` / `objects` (published, approved, owner …) */
  objectMeta: Map<string, import('../../../lib/offline/raw-app').JsonObject>;
  /** bumped by every change, so caches keyed on it stay correct */
  revision: number;
}
