// collectRestOnly: the AppSnapshot parts the REST APIs give, when the engine cannot be reached
// (API-key mode in Chromium: its declarativeNetRequest header rule does not apply to the
// WebSocket handshake, lib/extension/connection/api-key-rule.ts). No engine call is made.
// REST gives: the app's attributes and privileges (GET /api/v1/apps/{id}), the user, the data
// metadata, reloads with their metadata and logs, the newest evaluation, the items entry, the
// space, themes, extensions (rest-parts.ts), and the load script (apps.json
// GET /api/v1/apps/{appId}/scripts/{id} with id `current`, access control `read`).
// Everything only the engine gives (sheets, objects, master items, variables, bookmarks, stories,
// the data model's tables and keys, the script syntax check, expression checks, timings) is
// listed in collectionIssues with the reason, so the rules needing it report "could not run".
import { emptySnapshotParts } from '../snapshot/empty-parts';
import type { SnapshotPart } from '../snapshot/parts';
import { AppSnapshot, SNAPSHOT_SCHEMA_VERSION, type Script, type SnapshotSource } from '../snapshot/schema';
import type { QixDoc } from '../qlik/engine/types';
import { RestError, type RestClient } from '../qlik/rest/client';
import { getApp, getCurrentScript, getMe } from '../qlik/rest/endpoints';
import { buildAccess, buildAppInfo, type AppParts } from './app';
import { CollectionAborted, type CollectContext, type CollectProgress, addIssue, attempt, restCall } from './context';
import { createLimiter } from './limiter';
import { collectRestParts } from './rest-parts';
import { scriptTabs } from './script';
import { ENGINE_UNAVAILABLE } from '../snapshot/engine-unavailable';

/** The parts only the engine gives or completes (`script`: its syntax check; `expressions`: their engine checks). */
export const ENGINE_ONLY_PARTS: readonly SnapshotPart[] = [
  'sheets', 'objects', 'masterMeasures', 'masterDimensions', 'masterVisualizations', 'variables', 'bookmarks',
  'stories', 'dataModel', 'script', 'expressions', 'timings',
];

export interface CollectRestOnlyOptions {
  rest: RestClient;
  appId: string;
  source: Omit<SnapshotSource, 'appId' | 'engineVersion'>;
  /** why the engine was not used, shown with every part left out (e.g. "… use 'My Qlik session' mode …") */
  engineUnavailable: string;
  onProgress?: (progress: CollectProgress) => void;
  signal?: AbortSignal;
}

/** Any use of it is a bug: this collection makes no engine call. */
const NO_ENGINE = new Proxy({} as QixDoc, {
  get: (_target, key) => {
    throw new Error(`REST-only collection: no engine (${String(key)})`);
  },
});

const now = (): number => globalThis.performance.now();

export async function collectRestOnly(options: CollectRestOnlyOptions): Promise<AppSnapshot> {
  const started = now();
  const { signal } = options;
  const ctx: CollectContext = {
    doc: NO_ENGINE,
    rest: options.rest,
    appId: options.appId,
    issues: [],
    engineLimit: () => Promise.reject(new Error('REST-only collection: no engine')),
    releases: [],
    restLimit: createLimiter(6),
    ...(signal ? { signal } : {}),
    sessionFailure: () => undefined,
    progress: (phase, done, total) => options.onProgress?.({ phase, done, total }),
  };
  if (signal?.aborted) throw new CollectionAborted();
  const total = 4;
  let done = 0;
  const step = <T>(p: Promise<T>): Promise<T> => p.finally(() => ctx.progress('rest', ++done, total));
  ctx.progress('rest', 0, total);

  // without the app itself (401 revoked key, 403, 404) there is nothing to analyse: that error ends the run
  const restApp = step(restCall(ctx, (rest) => getApp(rest, ctx.appId)));
  const [app, me, script, restParts] = await Promise.all([
    restApp,
    step(attempt(ctx, 'access', () => restCall(ctx, (rest) => getMe(rest)))),
    step(restScript(ctx)),
    step(restApp.then((a) => collectRestParts(ctx, typeof a.attributes.spaceId === 'string' ? a.attributes.spaceId : undefined))),
  ]);
  if (signal?.aborted) throw new CollectionAborted();
  for (const part of ENGINE_ONLY_PARTS) addIssue(ctx, part, ENGINE_UNAVAILABLE, options.engineUnavailable);

  const parts: AppParts = {
    layout: {},
    properties: {},
    attributes: app.attributes,
    ...(app.privileges ? { privileges: app.privileges } : {}),
    ...(me ? { user: { id: me.id, ...(me.name ? { name: me.name } : {}) } } : {}),
  };
  ctx.progress('done', 1, 1);
  return AppSnapshot.parse({
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    collectedAt: new Date().toISOString(),
    collectionMs: now() - started,
    source: { ...options.source, appId: options.appId },
    access: buildAccess(parts, script !== undefined),
    app: buildAppInfo(parts, options.appId),
    ...emptySnapshotParts(),
    ...(restParts.extensions ? { extensions: restParts.extensions } : {}),
    ...(restParts.themes ? { themes: restParts.themes } : {}),
    ...(restParts.metadata ? { metadata: restParts.metadata } : {}),
    ...(restParts.reloads ? { reloads: restParts.reloads } : {}),
    ...(script ? { script } : {}),
    ...(restParts.evaluation ? { evaluation: restParts.evaluation } : {}),
    ...(restParts.item ? { item: restParts.item } : {}),
    ...(restParts.space ? { space: restParts.space } : {}),
    collectionIssues: ctx.issues,
  });
}

/** The current script over REST; a 403 (no edit rights in practice) is recorded as NO_SCRIPT_RIGHTS, like GetScript's. */
async function restScript(ctx: CollectContext): Promise<Script | undefined> {
  try {
    const { script } = await restCall(ctx, (rest) => getCurrentScript(rest, ctx.appId));
    return { text: script, tabs: scriptTabs(script) };
  } catch (error) {
    if (error instanceof CollectionAborted) throw error;
    const denied = error instanceof RestError && error.status === 403;
    addIssue(
      ctx,
      'script',
      denied ? 'NO_SCRIPT_RIGHTS' : error instanceof RestError ? `HTTP_${error.status}` : 'ERROR',
      denied ? 'The load script cannot be read with your rights on this app (needs edit/reload access).' : error instanceof Error ? error.message : String(error),
    );
    return undefined;
  }
}
