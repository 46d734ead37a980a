// App evaluations (openapi apps.json `/api/v1/apps/{guid}/evaluations`,
// `/api/v1/apps/evaluations/{id}`, `…/{baseid}/actions/compare/{comparisonid}`).
// Records come from the app folder's evaluations.json; a POST starts a new one whose status goes
// queued → running → finished over EVALUATION_STEPS_MS and which then carries the result of the
// newest recorded evaluation (or a minimal one derived from the data metadata).
import type { SimApp } from '../types';
import { appFor } from './rest-apps';
import { errorBody, sendJson } from './http';
import { type AnyRoute, path } from './routes';
import { itemIdOf } from './rest-platform';
import type { StartedEvaluation, Tenant } from './tenant';

/** how long a started evaluation stays queued, then running (ms since POST) */
export const EVALUATION_STEPS_MS = { queued: 150, running: 450 };

type Evaluation = Record<string, unknown>;

function minimalResult(app: SimApp): Record<string, unknown> {
  const metadata = (app.dataMetadata ?? {}) as { static_byte_size?: number; has_section_access?: boolean; tables?: { no_of_rows?: number }[] };
  const rows = (metadata.tables ?? []).reduce((sum, t) => sum + (t.no_of_rows ?? 0), 0);
  return {
    documentSizeMiB: Math.round(((metadata.static_byte_size ?? 0) / 1048576) * 100) / 100,
    hasSectionAccess: metadata.has_section_access ?? false,
    rowCount: rows,
    sheetCount: 0,
    objectCount: 0,
    topFieldsByBytes: [],
    topTablesByBytes: [],
    objNoCache: [],
    objSlowCached: [],
    objSlowUncached: [],
    objMemoryLimit: [],
    objSingleThreaded: [],
    sheets: [],
  };
}

function startedView(tenant: Tenant, app: SimApp, started: StartedEvaluation, now: number): Evaluation {
  const elapsed = now - started.createdAt;
  const base: Evaluation = {
    id: started.id,
    appId: app.id,
    appItemId: itemIdOf(app),
    appName: app.name,
    tenantId: tenant.tenantId,
    timestamp: new Date(started.createdAt).toISOString(),
    version: 1,
  };
  if (elapsed < EVALUATION_STEPS_MS.queued) return { ...base, status: 'queued' };
  const startedAt = new Date(started.createdAt + EVALUATION_STEPS_MS.queued).toISOString();
  if (elapsed < EVALUATION_STEPS_MS.running) return { ...base, status: 'running', started: startedAt };
  const template = started.template ?? {};
  return {
    ...template,
    ...base,
    status: 'finished',
    started: startedAt,
    ended: new Date(started.createdAt + EVALUATION_STEPS_MS.running).toISOString(),
    result: template.result ?? minimalResult(app),
    events: template.events ?? [],
    details: template.details ?? { errors: [], warnings: [], objectMetrics: {}, engineHasCache: false, concurrentReload: false },
  };
}

/** `all=true` returns the full record; otherwise the per-object `details` are left out [I] */
function view(evaluation: Evaluation, all: boolean): Evaluation {
  if (all) return evaluation;
  const { details: _details, ...rest } = evaluation;
  return rest;
}

function evaluationsOf(tenant: Tenant, app: SimApp, now: number): Evaluation[] {
  const started = tenant.startedEvaluationsFor(app.id).map((s) => startedView(tenant, app, s, now));
  const recorded = app.evaluations.filter((e): e is Evaluation => typeof e === 'object' && e !== null).map((e) => ({ appId: app.id, ...e }));
  return [...started.reverse(), ...recorded];
}

function findEvaluation(tenant: Tenant, id: string, now: number): { app: SimApp; evaluation: Evaluation } | undefined {
  for (const app of tenant.apps) {
    const evaluation = evaluationsOf(tenant, app, now).find((e) => e.id === id);
    if (evaluation) return { app, evaluation };
  }
  return undefined;
}

type Num = number | undefined;
const num = (v: unknown): Num => (typeof v === 'number' ? v : undefined);

function cmp(baseline: Num, comparison: Num) {
  if (baseline === undefined || comparison === undefined) return {};
  const absoluteDiff = comparison - baseline;
  return {
    baseline,
    comparison,
    absoluteDiff,
    diff: baseline === 0 ? 0 : absoluteDiff / baseline,
    trend: absoluteDiff > 0 ? 'up' : absoluteDiff < 0 ? 'down' : 'equal',
  };
}

function comparison(base: Evaluation, other: Evaluation) {
  const a = (base.result ?? {}) as Record<string, unknown>;
  const b = (other.result ?? {}) as Record<string, unknown>;
  return {
    sheetCount: cmp(num(a.sheetCount), num(b.sheetCount)),
    objectCount: cmp(num(a.objectCount), num(b.objectCount)),
    rowCount: cmp(num(a.rowCount), num(b.rowCount)),
    documentSizeMib: cmp(num(a.documentSizeMiB), num(b.documentSizeMiB)),
  };
}

export const evaluationRoutes: AnyRoute[] = [
  {
    method: 'POST',
    pattern: path('/api/v1/apps/:guid/evaluations'),
    access: 'api',
    handler: (ctx) => {
      const app = ctx.tenant.app(ctx.params.guid);
      if (!app) return sendJson(ctx.res, 404, errorBody(404, 'HTTP-404', 'App not found'));
      const found = appFor(ctx, app.id, 'edit');
      if (!found) return;
      const started = ctx.tenant.startEvaluation(app);
      sendJson(ctx.res, 201, startedView(ctx.tenant, app, started, Date.now()));
    },
  },
  {
    method: 'GET',
    pattern: path('/api/v1/apps/:guid/evaluations'),
    access: 'api',
    handler: (ctx) => {
      const found = appFor(ctx, ctx.params.guid, 'read');
      if (!found) return;
      const all = ctx.url.searchParams.get('all') === 'true';
      const data = evaluationsOf(ctx.tenant, found.app, Date.now()).map((e) => view(e, all));
      sendJson(ctx.res, 200, { data, links: {} });
    },
  },
  {
    method: 'GET',
    pattern: path('/api/v1/apps/evaluations/:id'),
    access: 'api',
    handler: (ctx) => {
      const found = findEvaluation(ctx.tenant, ctx.params.id, Date.now());
      if (!found || !appFor(ctx, found.app.id, 'read')) {
        if (!found) sendJson(ctx.res, 404, errorBody(404, 'HTTP-404', 'Evaluation not found'));
        return;
      }
      sendJson(ctx.res, 200, view(found.evaluation, ctx.url.searchParams.get('all') === 'true'));
    },
  },
  {
    method: 'GET',
    pattern: path('/api/v1/apps/evaluations/:baseid/actions/compare/:comparisonid'),
    access: 'api',
    handler: (ctx) => {
      const now = Date.now();
      const base = findEvaluation(ctx.tenant, ctx.params.baseid, now);
      const other = findEvaluation(ctx.tenant, ctx.params.comparisonid, now);
      if (!base || !other) return sendJson(ctx.res, 404, errorBody(404, 'HTTP-404', 'Evaluation not found'));
      if (!appFor(ctx, base.app.id, 'read') || !appFor(ctx, other.app.id, 'read')) return;
      sendJson(ctx.res, 200, comparison(base.evaluation, other.evaluation));
    },
  },
];
