// Recognise a Qlik Sense app from the address of a browser tab.
//
// URL shapes (sources):
// - `<origin>[/<virtual proxy prefix>]/sense/app/<appId>[/sheet/<sheetId>/state/analysis|edit][/…]`:
//   App Integration API, help.qlik.com "App integration" (base
//   `http[s]://<server>/{virtual proxy}/sense/app/{appid}/sheet/{sheetid}/state/analysis/`).
// - `/single/?appid=<appId>&sheet=<id>|obj=<id>`: help.qlik.com "Single integration API"; the
//   virtual proxy prefix is whatever comes before `/single`.
// - `/dataloadeditor/app/<appId>`, `/datamodelviewer/app/<appId>`: the Sense client's own routes.
// - Hosts `<tenant>.<region>.qlikcloud.com` and aliases on the same domain, `*.qlikcloudgov.com`
//   (Qlik Cloud Government): help.qlik.com "Creating and configuring the tenant", "Configuring a
//   tenant alias"; @qlik/api host checks. Qlik Cloud has no virtual proxies, so a path prefix there
//   is not an app page. Any other host may be Qlik Sense Enterprise on Windows (QSEoW) or Desktop;
//   lib/qlik/platform.ts confirms it from product-info.json.

/** Which product the host name alone suggests. */
export type HostKind = 'qlik-cloud' | 'qlik-cloud-gov' | 'other';

/** Which part of the Qlik client the tab shows. */
export type QlikAppView =
  | 'app' // overview, or any other /sense/app/<id>/… page
  | 'sheet'
  | 'dataloadeditor'
  | 'datamodelviewer'
  | 'single';

export interface QlikAppLocation {
  /** `https://tenant.eu.qlikcloud.com` (no trailing slash) */
  origin: string;
  host: string;
  /** virtual proxy prefix with a leading slash, or '' */
  prefix: string;
  hostKind: HostKind;
  /** decoded app id (a GUID on Cloud and QSEoW, a file path on Desktop) */
  appId: string;
  view: QlikAppView;
  sheetId?: string;
  /** `state/analysis` or `state/edit` on a sheet */
  sheetMode?: 'analysis' | 'edit';
}

const CLOUD_SUFFIX = '.qlikcloud.com';
const CLOUD_GOV_SUFFIX = '.qlikcloudgov.com';

export function hostKindOf(hostname: string): HostKind {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  // A tenant host has at least one label before the domain: `tenant.eu.qlikcloud.com`.
  if (h.endsWith(CLOUD_SUFFIX) && h.length > CLOUD_SUFFIX.length) return 'qlik-cloud';
  if (h.endsWith(CLOUD_GOV_SUFFIX) && h.length > CLOUD_GOV_SUFFIX.length) return 'qlik-cloud-gov';
  return 'other';
}

// `[/<prefix>]/<route>/app/<appId>[/<rest>]`. A QSEoW virtual proxy prefix is one path segment.
const APP_ROUTE = /^(?<prefix>\/[^/]+)?\/(?<route>sense|dataloadeditor|datamodelviewer)\/app\/(?<appId>[^/]+)(?<rest>\/.*)?$/i;
const SINGLE_ROUTE = /^(?<prefix>\/[^/]+)?\/single\/?$/i;
const SHEET_REST = /^\/sheet\/(?<sheetId>[^/]+)(?:\/state\/(?<mode>[^/]+))?/i;

function decodeSegment(segment: string): string | undefined {
  try {
    const decoded = decodeURIComponent(segment).trim();
    return decoded === '' ? undefined : decoded;
  } catch {
    return undefined; // malformed %-escape: not an address the Qlik client produced
  }
}

/** The Qlik app open at `href`, or null when the address is not a Qlik app page. */
export function parseQlikAppUrl(href: string): QlikAppLocation | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const hostKind = hostKindOf(url.hostname);
  // Qlik Cloud is HTTPS only; plain http is only plausible for Desktop / on-prem servers.
  if (hostKind !== 'other' && url.protocol !== 'https:') return null;
  const base = { origin: url.origin, host: url.host, hostKind };
  const path = url.pathname.replace(/\/{2,}/g, '/');

  const app = APP_ROUTE.exec(path)?.groups;
  if (app) {
    const prefix = app.prefix ?? '';
    if (prefix && hostKind !== 'other') return null;
    const appId = decodeSegment(app.appId);
    if (!appId) return null;
    const route = app.route.toLowerCase();
    if (route === 'dataloadeditor' || route === 'datamodelviewer') {
      return { ...base, prefix, appId, view: route };
    }
    const sheet = SHEET_REST.exec(app.rest ?? '')?.groups;
    const sheetId = sheet ? decodeSegment(sheet.sheetId) : undefined;
    if (!sheetId) return { ...base, prefix, appId, view: 'app' };
    const mode = sheet?.mode?.toLowerCase();
    const sheetMode = mode === 'analysis' || mode === 'edit' ? mode : undefined;
    return { ...base, prefix, appId, view: 'sheet', sheetId, ...(sheetMode ? { sheetMode } : {}) };
  }

  const single = SINGLE_ROUTE.exec(path)?.groups;
  if (single) {
    const prefix = single.prefix ?? '';
    if (prefix && hostKind !== 'other') return null;
    const appId = url.searchParams.get('appid')?.trim();
    if (!appId) return null;
    const sheetId = url.searchParams.get('sheet')?.trim();
    return { ...base, prefix, appId, view: 'single', ...(sheetId ? { sheetId } : {}) };
  }
  return null;
}

/** True when the app (tenant, prefix and id) is the same, whatever sheet or view is shown. */
export function isSameApp(a: QlikAppLocation | null, b: QlikAppLocation | null): boolean {
  if (!a || !b) return a === b;
  return a.origin === b.origin && a.prefix === b.prefix && a.appId === b.appId;
}

/** `https://host[/prefix]` — the base every REST path and product-info.json hang off. */
export function baseUrlOf(loc: Pick<QlikAppLocation, 'origin' | 'prefix'>): string {
  return `${loc.origin}${loc.prefix}`;
}

/** The canonical app address, used as the engine's `reloadUri` (as @qlik/api does). */
export function appPageUrl(loc: Pick<QlikAppLocation, 'origin' | 'prefix' | 'appId'>): string {
  return `${baseUrlOf(loc)}/sense/app/${encodeURIComponent(loc.appId)}`;
}

/**
 * The engine WebSocket address without credentials:
 * `wss://host[/prefix]/app/<appId>[/identity/<identity>]?reloadUri=…`
 * (enigma.js `sense-utilities` buildUrl; @qlik/api `buildQixPathAndQuery`).
 */
export function engineUrl(
  loc: Pick<QlikAppLocation, 'origin' | 'prefix' | 'appId'>,
  options: { identity?: string; params?: Record<string, string> } = {},
): string {
  const wsOrigin = loc.origin.replace(/^http/i, 'ws');
  let path = `${wsOrigin}${loc.prefix}/app/${encodeURIComponent(loc.appId)}`;
  if (options.identity) path += `/identity/${encodeURIComponent(options.identity)}`;
  const query = new URLSearchParams({ reloadUri: appPageUrl(loc), ...options.params });
  return `${path}?${query.toString()}`;
}

/** Adds (or replaces) query parameters on a URL string, e.g. auth parameters on an engine URL. */
export function withQueryParams(href: string, params: Record<string, string>): string {
  const url = new URL(href);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}
