// Pages that look like the Qlik Sense client (no JavaScript): the hub, app overview, sheet
// (analysis/edit), data load editor, data model viewer and /single. They are what the extension's
// content script runs on and what "Show in app" navigates to. URL patterns per connectivity.md 7
// ([V] for /sense/app/<id>/sheet/<id>/state/analysis; the other views are [I]).
import type { SimApp, SimUser } from '../types';
import { appAccess, canEdit } from './access';
import { type SheetView, objectSummary, sheetsOf } from './app-view';
import { escapeHtml as h, redirect, sendHtml } from './http';
import { type AnyRoute, type RouteContext, path } from './routes';

type PageContext = RouteContext & { caller: { user: SimUser } };

function page(title: string, body: string, user: SimUser, base = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${h(title)}</title>
<style>
body{font-family:"Source Sans Pro",Arial,sans-serif;margin:0;background:#f2f2f2;color:#404040}
header.qs-toolbar{display:flex;gap:1rem;align-items:center;background:#fff;border-bottom:1px solid #d9d9d9;padding:.5rem 1rem}
main{padding:1rem}
.qv-grid{display:grid;gap:4px;min-height:70vh}
.qv-object{background:#fff;border:1px solid #d9d9d9;padding:.5rem;overflow:hidden}
.qv-object h3{margin:0;font-size:1rem}
</style></head>
<body>
<header class="qs-toolbar"><a href="${h(base)}/hub">Qlik Sense</a><span class="qs-user" data-user-id="${h(user.id)}">${h(user.name)}</span></header>
<main>${body}</main>
</body></html>`;
}

function messagePage(ctx: PageContext, status: number, title: string, message: string): void {
  sendHtml(ctx.res, status, page(`${title} - Qlik Sense`, `<h1>${h(title)}</h1><p>${h(message)}</p>`, ctx.caller.user, ctx.basePath));
}

/** the app, or an error page (404 unknown, 403 not visible / not editable) */
function appForPage(ctx: PageContext, appId: string, needEdit = false): SimApp | undefined {
  const app = ctx.tenant.app(appId);
  if (!app) {
    messagePage(ctx, 404, 'App not found', `There is no app with id ${appId}.`);
    return undefined;
  }
  const access = appAccess(ctx.tenant, app, ctx.caller.user);
  if (access === 'none' || (needEdit && !canEdit(access))) {
    messagePage(ctx, 403, 'Access denied', `${ctx.caller.user.name} cannot ${needEdit ? 'edit' : 'open'} ${app.name}.`);
    return undefined;
  }
  return app;
}

function sheetGrid(sheet: SheetView): string {
  const objects = sheet.cells
    .map(
      (c) =>
        `<article class="qv-object" data-qid="${h(c.objectId)}" data-type="${h(c.type)}" style="grid-column:${c.col + 1} / span ${c.colspan};grid-row:${c.row + 1} / span ${c.rowspan}">` +
        `<h3 class="qv-object-title">${h(c.title)}</h3><span class="qv-object-type">${h(c.type)}</span></article>`,
    )
    .join('\n');
  return `<div class="qv-grid" data-sheet-id="${h(sheet.id)}" style="grid-template-columns:repeat(${sheet.columns},1fr);grid-template-rows:repeat(${sheet.rows},minmax(2rem,auto))">\n${objects}\n</div>`;
}

function sheetList(app: SimApp, sheets: SheetView[], base = ''): string {
  const items = sheets.map((s) => `<li data-sheet-id="${h(s.id)}"><a href="${h(base)}/sense/app/${encodeURIComponent(app.id)}/sheet/${encodeURIComponent(s.id)}/state/analysis">${h(s.title)}</a></li>`);
  return `<ul class="sheet-list">${items.join('')}</ul>`;
}

function appOverview(ctx: PageContext, appId: string): void {
  const app = appForPage(ctx, appId);
  if (!app) return;
  const sheets = sheetsOf(app, ctx.caller.user);
  const body = `<h1 class="app-title" data-app-id="${h(app.id)}">${h(app.name)}</h1><h2>Sheets</h2>${sheetList(app, sheets, ctx.basePath)}`;
  sendHtml(ctx.res, 200, page(`${app.name} | Sheets - Qlik Sense`, body, ctx.caller.user, ctx.basePath));
}

function sheetPage(ctx: PageContext, appId: string, sheetId: string, state: 'analysis' | 'edit'): void {
  const app = appForPage(ctx, appId, state === 'edit');
  if (!app) return;
  const sheet = sheetsOf(app, ctx.caller.user).find((s) => s.id === sheetId);
  if (!sheet) return messagePage(ctx, 404, 'Sheet not found', `${app.name} has no sheet ${sheetId}.`);
  const body =
    `<h1 class="app-title" data-app-id="${h(app.id)}">${h(app.name)}</h1>` +
    `<h2 class="sheet-title" data-sheet-id="${h(sheet.id)}" data-state="${state}">${h(sheet.title)}</h2>${sheetGrid(sheet)}`;
  sendHtml(ctx.res, 200, page(`${app.name} - ${sheet.title} | Sheets - Qlik Sense`, body, ctx.caller.user, ctx.basePath));
}

function dataLoadEditor(ctx: PageContext, appId: string): void {
  const app = appForPage(ctx, appId, true);
  if (!app) return;
  const body = `<h1 class="app-title" data-app-id="${h(app.id)}">${h(app.name)}</h1><h2>Data load editor</h2><pre id="script-editor">${h(app.script)}</pre>`;
  sendHtml(ctx.res, 200, page(`${app.name} - Data load editor - Qlik Sense`, body, ctx.caller.user, ctx.basePath));
}

function dataModelViewer(ctx: PageContext, appId: string): void {
  const app = appForPage(ctx, appId);
  if (!app) return;
  const metadata = (app.dataMetadata ?? {}) as { tables?: { name?: string; no_of_rows?: number }[] };
  const tables = (metadata.tables ?? []).map((t) => `<li class="dmv-table">${h(String(t.name ?? ''))} (${Number(t.no_of_rows ?? 0)} rows)</li>`).join('');
  const body = `<h1 class="app-title" data-app-id="${h(app.id)}">${h(app.name)}</h1><h2>Data model viewer</h2><ul>${tables}</ul>`;
  sendHtml(ctx.res, 200, page(`${app.name} - Data model viewer - Qlik Sense`, body, ctx.caller.user, ctx.basePath));
}

function single(ctx: PageContext): void {
  const appId = ctx.url.searchParams.get('appid');
  if (!appId) return messagePage(ctx, 400, 'Missing appid', '/single/ needs ?appid=<app id>.');
  const app = appForPage(ctx, appId);
  if (!app) return;
  const sheetId = ctx.url.searchParams.get('sheet');
  const objectId = ctx.url.searchParams.get('obj');
  if (objectId) {
    const summary = objectSummary(app, objectId);
    if (!summary) return messagePage(ctx, 404, 'Object not found', `${app.name} has no object ${objectId}.`);
    const body = `<article class="qv-object" data-qid="${h(objectId)}" data-type="${h(summary.type)}"><h3 class="qv-object-title">${h(summary.title)}</h3></article>`;
    return sendHtml(ctx.res, 200, page(`${app.name} - Qlik Sense`, body, ctx.caller.user, ctx.basePath));
  }
  const sheets = sheetsOf(app, ctx.caller.user);
  const sheet = sheets.find((s) => s.id === sheetId) ?? sheets[0];
  const body = sheet ? sheetGrid(sheet) : '<p>No sheets</p>';
  sendHtml(ctx.res, 200, page(`${app.name} - Qlik Sense`, body, ctx.caller.user, ctx.basePath));
}

function hub(ctx: PageContext): void {
  const apps = ctx.tenant.apps.filter((a) => appAccess(ctx.tenant, a, ctx.caller.user) !== 'none');
  const items = apps.map((a) => `<li class="hub-app" data-app-id="${h(a.id)}"><a href="${h(ctx.basePath ?? '')}/sense/app/${encodeURIComponent(a.id)}">${h(a.name)}</a></li>`).join('');
  sendHtml(ctx.res, 200, page('Home - Qlik Sense', `<h1>Home</h1><ul class="hub-apps">${items}</ul>`, ctx.caller.user, ctx.basePath));
}

const SHEET = /^\/sense\/app\/(?<appId>[^/]+)\/sheet\/(?<sheetId>[^/]+)(?:\/state\/(?<state>analysis|edit))?(?:\/.*)?$/;
const APP = /^\/sense\/app\/(?<appId>[^/]+)(?:\/(?:overview|datamanager)(?:\/.*)?)?\/?$/;

export const pageRoutes: AnyRoute[] = [
  {
    method: 'GET',
    pattern: SHEET,
    access: 'page',
    handler: (ctx) => sheetPage(ctx, ctx.params.appId, ctx.params.sheetId, ctx.params.state === 'edit' ? 'edit' : 'analysis'),
  },
  { method: 'GET', pattern: APP, access: 'page', handler: (ctx) => appOverview(ctx, ctx.params.appId) },
  { method: 'GET', pattern: path('/dataloadeditor/app/:appId'), access: 'page', handler: (ctx) => dataLoadEditor(ctx, ctx.params.appId) },
  { method: 'GET', pattern: path('/datamodelviewer/app/:appId'), access: 'page', handler: (ctx) => dataModelViewer(ctx, ctx.params.appId) },
  { method: 'GET', pattern: /^\/single\/?$/, access: 'page', handler: single },
  { method: 'GET', pattern: path('/hub'), access: 'page', handler: hub },
  { method: 'GET', pattern: /^\/hub\/.*$/, access: 'page', handler: hub },
  { method: 'GET', pattern: /^\/$/, access: 'page', handler: (ctx) => redirect(ctx.res, `${ctx.basePath ?? ''}/hub`) },
];
