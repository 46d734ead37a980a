// Answers that are the same for every app of a tenant (the signed-in user, installed themes and
// extensions, a space) fetched once per scan instead of once per app, and each app's items entry
// taken from the scan's own listing: each REST call counts against Qlik Cloud's per-user rate limit
// (Tier 1, 1,000 a minute), so fewer calls per app is more apps a minute. A failed call is not kept
// (the next app asks again).
import type { RestClient } from '../qlik/rest/client';
import { appItemPath } from '../qlik/rest/endpoints';

/** Paths whose answer does not depend on the app. */
const TENANT_WIDE = /^\/api\/v1\/(users\/me|themes|extensions|spaces\/[^/?]+)$/;

export type RestCache = Map<string, Promise<unknown>>;

/** A scan lists the apps' items entries first: each is kept as the answer to that app's own items request. */
export function seedAppItems(cache: RestCache, items: ReadonlyMap<string, Record<string, unknown>>): void {
  for (const [appId, item] of items) cache.set(appItemPath(appId), Promise.resolve({ data: [item] }));
}

export function withTenantCache(rest: RestClient, cache: RestCache): RestClient {
  return {
    baseUrl: rest.baseUrl,
    getText: (path, maxChars) => rest.getText(path, maxChars),
    getJson(path, schema) {
      const seeded = cache.get(path);
      if (seeded && !TENANT_WIDE.test(path)) {
        cache.delete(path); // an app's own entry is read once
        return seeded.then((value) => schema.parse(value));
      }
      if (!TENANT_WIDE.test(path)) return rest.getJson(path, schema);
      let answer = cache.get(path) as ReturnType<typeof rest.getJson<typeof schema>> | undefined;
      if (!answer) {
        answer = rest.getJson(path, schema);
        cache.set(path, answer);
        answer.catch(() => cache.delete(path));
      }
      return answer;
    },
  };
}
