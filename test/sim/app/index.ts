export { loadAppFolder, loadAppsDir, appModelOf, resetAppModel, stableUuid } from './load-app';
export type { AppModel, StoredObject, JsonObject, Json, Connection } from './app-model';
