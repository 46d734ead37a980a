// The apps a scan covers, from the items API (openapi items.json: `resourceType=app`, `spaceId`,
// `resourceId`, cursor paging through `links.next.href`, at most 100 per page).
import { z } from 'zod';
import type { RestClient } from '../qlik/rest/client';
import type { ScanApp } from './scan-plan';

const AppItem = z.looseObject({
  name: z.string().optional(),
  resourceId: z.string(),
  spaceId: z.string().optional(),
  resourceUpdatedAt: z.string().optional(),
  resourceReloadEndTime: z.string().optional(),
  resourceAttributes: z.looseObject({ lastReloadTime: z.string().optional(), modifiedDate: z.string().optional(), name: z.string().optional() }).optional(),
});
const ItemPage = z.looseObject({
  data: z.array(AppItem),
  links: z.looseObject({ next: z.looseObject({ href: z.string() }).optional() }).optional(),
});

export type ScanSelection = { kind: 'space'; spaceId: string } | { kind: 'all' } | { kind: 'apps'; ids: string[] };

const nonEmpty = (v: string | undefined): string | undefined => (v ? v : undefined);

function toScanApp(item: z.infer<typeof AppItem>): ScanApp {
  const attrs = item.resourceAttributes ?? {};
  const lastReloadTime = nonEmpty(attrs.lastReloadTime) ?? nonEmpty(item.resourceReloadEndTime);
  const modifiedDate = nonEmpty(attrs.modifiedDate) ?? nonEmpty(item.resourceUpdatedAt);
  return {
    id: item.resourceId,
    name: item.name ?? attrs.name ?? item.resourceId,
    ...(item.spaceId ? { spaceId: item.spaceId } : {}),
    ...(lastReloadTime ? { lastReloadTime } : {}),
    ...(modifiedDate ? { modifiedDate } : {}),
  };
}

/** Every page of one items query; `next` links are followed only on the tenant's own origin. */
async function allPages(rest: RestClient, firstPath: string, items?: Map<string, Record<string, unknown>>): Promise<ScanApp[]> {
  const apps: ScanApp[] = [];
  const origin = new URL(rest.baseUrl).origin;
  let path: string | undefined = firstPath;
  for (let page = 0; path !== undefined; page++) {
    if (page > 10_000) throw new Error('the items list does not end (more than 10,000 pages)');
    const body: z.infer<typeof ItemPage> = await rest.getJson(path, ItemPage);
    apps.push(...body.data.map(toScanApp));
    for (const item of body.data) items?.set(item.resourceId, item);
    const next = body.links?.next?.href;
    if (!next) break;
    const url = new URL(next, rest.baseUrl);
    if (url.origin !== origin) throw new Error(`the items list points its next page to another origin (${url.origin})`);
    path = `${url.pathname}${url.search}`;
  }
  return apps;
}

export interface ScanList {
  apps: ScanApp[];
  /** ids given with --apps that the items API does not show this user */
  missing: string[];
  /** each app's items entry as listed (the collection reads it again otherwise) */
  items: Map<string, Record<string, unknown>>;
}

/** The apps selected, in the tenant's order (or the order given); an app id nobody can see is an error for that app. */
export async function listScanApps(rest: RestClient, selection: ScanSelection): Promise<ScanList> {
  const items = new Map<string, Record<string, unknown>>();
  if (selection.kind === 'apps') {
    const apps: ScanApp[] = [];
    const missing: string[] = [];
    for (const id of selection.ids) {
      const [found] = await allPages(rest, `/api/v1/items?resourceType=app&resourceId=${encodeURIComponent(id)}&limit=1`, items);
      if (found) apps.push(found);
      else missing.push(id);
    }
    return { apps, missing, items };
  }
  const space = selection.kind === 'space' ? `&spaceId=${encodeURIComponent(selection.spaceId)}` : '';
  const apps = await allPages(rest, `/api/v1/items?resourceType=app${space}&limit=100`, items);
  const seen = new Set<string>();
  return { apps: apps.filter((a) => !seen.has(a.id) && seen.add(a.id)), missing: [], items };
}
