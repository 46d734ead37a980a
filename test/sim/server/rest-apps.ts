// App REST: `/api/v1/apps/{appId}` and its data, reload and script sub-resources, and
// `/api/v1/reloads`. Shapes per ../shared/qlik/openapi/apps.json and reloads.json
// (engine.md section 6); tests validate every answer against the specs.
import { createHash } from 'node:crypto';
import type { SimApp, SimUser } from '../types';
import { type AppAccess, appAccess, appPrivileges, canEdit, ownerOf } from './access';
import { sendError, sendJson, sendText } from './http';
import { type AnyRoute, type RouteContext, path } from './routes';
import type { Tenant } from './tenant';

type ApiContext = RouteContext & { caller: { user: SimUser } };

/**
 * The app with the caller's access, or an error sent: 404 for an unknown app, 403 when the
 * caller may not see it or lacks edit rights for `need: 'edit'` (error codes are [I]).
 */
export function appFor(ctx: ApiContext, appId: string, need: 'read' | 'edit'): { app: SimApp; access: AppAccess } | undefined {
  const app = ctx.tenant.app(appId);
  if (!app) {
    sendError(ctx.res, 404, 'HTTP-404', 'App not found', `No app with id ${appId}`);
    return undefined;
  }
  const access = appAccess(ctx.tenant, app, ctx.caller.user);
  if (access === 'none' || (need === 'edit' && !canEdit(access))) {
    sendError(ctx.res, 403, 'HTTP-403', 'Forbidden', `${ctx.caller.user.name} may not ${need === 'edit' ? 'edit' : 'open'} app ${appId}`);
    return undefined;
  }
  return { app, access };
}

/** the loader names users by role; REST answers carry user ids */
function withUserIds(tenant: Tenant, record: unknown): Record<string, unknown> {
  const copy = { ...(record as Record<string, unknown>) };
  const byRole = tenant.allUsers().find((u) => u.role === copy.userId);
  if (byRole) copy.userId = byRole.id;
  return copy;
}

function nxApp(tenant: Tenant, app: SimApp, access: AppAccess) {
  const owner = ownerOf(tenant, app);
  const editable = canEdit(access);
  return {
    attributes: { ...app.attributes, id: app.id, name: app.name, owner: owner.subject, ownerId: owner.id },
    privileges: appPrivileges(access),
    // can-view users cannot create sheets in a shared space [I]
    create: [
      { resource: 'sheet', canCreate: editable },
      { resource: 'bookmark', canCreate: true },
      { resource: 'story', canCreate: editable },
      { resource: 'dimension', canCreate: editable },
      { resource: 'measure', canCreate: editable },
      { resource: 'masterobject', canCreate: editable },
    ],
  };
}

function reloadRecords(tenant: Tenant, app: SimApp, selfOrigin: string) {
  return app.reloads.map((r) => {
    const record = withUserIds(tenant, r);
    record.tenantId = tenant.tenantId;
    record.links = { self: { href: `${selfOrigin}/api/v1/reloads/${String(record.id)}` } };
    return record;
  });
}

function durationMs(reload: Record<string, unknown>): number {
  const start = Date.parse(String(reload.startTime ?? ''));
  const end = Date.parse(String(reload.endTime ?? ''));
  return Number.isFinite(start) && Number.isFinite(end) ? end - start : 0;
}

export function scriptId(script: string): string {
  return createHash('sha1').update(script).digest('hex').slice(0, 24);
}

function visibleApps(ctx: ApiContext): SimApp[] {
  return ctx.tenant.apps.filter((a) => appAccess(ctx.tenant, a, ctx.caller.user) !== 'none');
}

export const appRoutes: AnyRoute[] = [
  {
    method: 'GET',
    pattern: path('/api/v1/apps/:appId'),
    access: 'api',
    handler: (ctx) => {
      const found = appFor(ctx, ctx.params.appId, 'read');
      if (found) sendJson(ctx.res, 200, nxApp(ctx.tenant, found.app, found.access));
    },
  },
  {
    method: 'GET',
    pattern: path('/api/v1/apps/:appId/data/metadata'),
    access: 'api',
    handler: (ctx) => {
      const found = appFor(ctx, ctx.params.appId, 'read');
      if (found) sendJson(ctx.res, 200, found.app.dataMetadata);
    },
  },
  {
    method: 'GET',
    pattern: path('/api/v1/apps/:appId/reloads/logs'),
    access: 'api',
    handler: (ctx) => {
      const found = appFor(ctx, ctx.params.appId, 'edit');
      if (!found) return;
      const data = found.app.reloads
        .map((r) => r as Record<string, unknown>)
        .filter((r) => typeof r.id === 'string' && found.app.reloadLogs[r.id] !== undefined)
        .map((r) => ({
          reloadId: String(r.id),
          endTime: String(r.endTime ?? r.creationTime),
          success: r.status === 'SUCCEEDED',
          duration: durationMs(r),
          links: { log: `${ctx.selfOrigin}/api/v1/apps/${found.app.id}/reloads/logs/${String(r.id)}` },
        }));
      sendJson(ctx.res, 200, { data });
    },
  },
  {
    // The spec types it `application/octet-stream` [V: openapi apps.json]; the body is the log text.
    method: 'GET',
    pattern: path('/api/v1/apps/:appId/reloads/logs/:reloadId'),
    access: 'api',
    handler: (ctx) => {
      const found = appFor(ctx, ctx.params.appId, 'edit');
      if (!found) return;
      const log = found.app.reloadLogs[ctx.params.reloadId];
      if (log === undefined) return sendError(ctx.res, 404, 'HTTP-404', 'Reload log not found');
      sendText(ctx.res, 200, log, 'application/octet-stream');
    },
  },
  {
    method: 'GET',
    pattern: path('/api/v1/apps/:appId/reloads/metadata/:reloadId'),
    access: 'api',
    handler: (ctx) => {
      const found = appFor(ctx, ctx.params.appId, 'read');
      if (!found) return;
      const metadata = found.app.reloadMetadata[ctx.params.reloadId];
      if (metadata === undefined) return sendError(ctx.res, 404, 'HTTP-404', 'Reload metadata not found');
      sendJson(ctx.res, 200, metadata);
    },
  },
  {
    // Reading the script needs edit rights (a viewer has no `source` privilege) [I: engine.md 7.2].
    method: 'GET',
    pattern: path('/api/v1/apps/:appId/scripts'),
    access: 'api',
    handler: (ctx) => {
      const found = appFor(ctx, ctx.params.appId, 'edit');
      if (!found) return;
      const { app } = found;
      sendJson(ctx.res, 200, {
        scripts: [
          {
            scriptId: scriptId(app.script),
            size: Buffer.byteLength(app.script),
            modifiedTime: String(app.attributes.modifiedDate ?? app.attributes.lastReloadTime ?? new Date(0).toISOString()),
            modifierId: ownerOf(ctx.tenant, app).id,
            versionMessage: '',
          },
        ],
        privileges: appPrivileges(found.access),
        links: {},
      });
    },
  },
  {
    method: 'GET',
    pattern: path('/api/v1/apps/:appId/scripts/:id'),
    access: 'api',
    handler: (ctx) => {
      const found = appFor(ctx, ctx.params.appId, 'edit');
      if (!found) return;
      const { app } = found;
      const wanted = ctx.params.id;
      if (wanted !== scriptId(app.script) && wanted !== 'current') return sendError(ctx.res, 404, 'HTTP-404', 'Script version not found');
      sendJson(ctx.res, 200, { script: app.script, versionMessage: '' });
    },
  },
  {
    method: 'GET',
    pattern: path('/api/v1/reloads'),
    access: 'api',
    handler: (ctx) => {
      const { url, res, tenant, selfOrigin } = ctx;
      const appId = url.searchParams.get('appId');
      const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 10) || 10, 1), 100);
      let apps = visibleApps(ctx);
      if (appId) {
        const found = appFor(ctx, appId, 'read');
        if (!found) return;
        apps = [found.app];
      }
      const data = apps.flatMap((a) => reloadRecords(tenant, a, selfOrigin)).slice(0, limit);
      sendJson(res, 200, { data, links: { self: { href: `${selfOrigin}${url.pathname}${url.search}` } } });
    },
  },
  {
    method: 'GET',
    pattern: path('/api/v1/reloads/:reloadId'),
    access: 'api',
    handler: (ctx) => {
      for (const app of visibleApps(ctx)) {
        const record = reloadRecords(ctx.tenant, app, ctx.selfOrigin).find((r) => r.id === ctx.params.reloadId);
        if (record) return sendJson(ctx.res, 200, record);
      }
      sendError(ctx.res, 404, 'RELOADS-404', 'Reload not found');
    },
  },
];
