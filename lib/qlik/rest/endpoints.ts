// The Qlik Cloud REST endpoints Qlarity reads, each with the zod schema of the part we rely on.
// Shapes: ../shared/qlik/openapi/{apps,users,reloads,items,spaces,themes,extensions}.json.
// Everything else in the bodies passes through (loose objects).
import { QlikObject } from '../../schema/qlik-object';
import { z } from '../../schema/zod';
import type { RestClient } from './client';

const enc = encodeURIComponent;

export const User = z.looseObject({ id: z.string(), name: z.optional(z.string()), email: z.optional(z.string()) });
export const NxApp = z.looseObject({
  attributes: z.looseObject({ id: z.optional(z.string()), name: z.optional(z.string()) }),
  privileges: z.optional(z.array(z.string())),
});
export const DataMetadata = z.looseObject({
  static_byte_size: z.optional(z.number()),
  has_section_access: z.optional(z.boolean()),
  is_direct_query_mode: z.optional(z.boolean()),
  fields: z.optional(z.array(z.looseObject({ name: z.string(), byte_size: z.optional(z.number()), hash: z.optional(z.string()) }))),
  tables: z.optional(z.array(z.looseObject({ name: z.string(), byte_size: z.optional(z.number()) }))),
  reload_meta: z.optional(QlikObject),
});
export const ReloadItem = z.looseObject({
  id: z.string(),
  status: z.string(),
  type: z.optional(z.string()),
  partial: z.optional(z.boolean()),
  creationTime: z.optional(z.string()),
  startTime: z.optional(z.string()),
  endTime: z.optional(z.string()),
  engineTime: z.optional(z.string()),
  errorCode: z.optional(z.string()),
  errorMessage: z.optional(z.string()),
});
export const ReloadList = z.looseObject({ data: z.array(ReloadItem) });
export const ReloadMetadataList = z.looseObject({
  data: z.array(z.looseObject({ reloadId: z.optional(z.string()), statements: z.optional(z.array(QlikObject)) })),
});
export const EvaluationList = z.looseObject({ data: z.array(z.looseObject({ id: z.optional(z.string()), status: z.optional(z.string()) })) });
export const ItemList = z.looseObject({ data: z.array(QlikObject) });
export const Space = z.looseObject({ id: z.string(), type: z.optional(z.string()) });
export const ListOf = z.looseObject({ data: z.array(QlikObject) });
/** apps.json `ScriptVersion` (only `script` is read) */
export const ScriptVersion = z.looseObject({ script: z.string() });

export const getMe = (rest: RestClient) => rest.getJson('/api/v1/users/me', User);
export const getApp = (rest: RestClient, appId: string) => rest.getJson(`/api/v1/apps/${enc(appId)}`, NxApp);
export const getDataMetadata = (rest: RestClient, appId: string) => rest.getJson(`/api/v1/apps/${enc(appId)}/data/metadata`, DataMetadata);
export const getReloads = (rest: RestClient, appId: string, limit = 10) =>
  rest.getJson(`/api/v1/reloads?appId=${enc(appId)}&limit=${limit}`, ReloadList);
export const getReloadMetadata = (rest: RestClient, appId: string, reloadId: string) =>
  rest.getJson(`/api/v1/apps/${enc(appId)}/reloads/metadata/${enc(reloadId)}`, ReloadMetadataList);
export const getReloadLog = (rest: RestClient, appId: string, reloadId: string, maxChars?: number) =>
  rest.getText(`/api/v1/apps/${enc(appId)}/reloads/logs/${enc(reloadId)}`, maxChars);
export const getEvaluations = (rest: RestClient, appId: string) =>
  rest.getJson(`/api/v1/apps/${enc(appId)}/evaluations?all=true&sort=-ended&limit=5`, EvaluationList);
/** Where an app's items entry is asked for (a scan seeds its answer from its own listing: lib/cli/rest-cache.ts). */
export const appItemPath = (appId: string) => `/api/v1/items?resourceType=app&resourceId=${enc(appId)}`;
export const getAppItem = (rest: RestClient, appId: string) => rest.getJson(appItemPath(appId), ItemList);
/** The app's current load script (apps.json `GET /api/v1/apps/{appId}/scripts/{id}`, id `current`). */
export const getCurrentScript = (rest: RestClient, appId: string) =>
  rest.getJson(`/api/v1/apps/${enc(appId)}/scripts/current`, ScriptVersion);
export const getSpace = (rest: RestClient, spaceId: string) => rest.getJson(`/api/v1/spaces/${enc(spaceId)}`, Space);
export const getThemes = (rest: RestClient) => rest.getJson('/api/v1/themes', ListOf);
export const getExtensions = (rest: RestClient) => rest.getJson('/api/v1/extensions', ListOf);
