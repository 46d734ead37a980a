// The apps of a scan from the items API: every page followed through `links.next.href` (openapi
// items.json cursor paging), never to another origin (the request would carry the API key there).
import { describe, expect, it } from 'vitest';
import { listScanApps } from '../../../lib/cli/scan-list';
import type { RestClient } from '../../../lib/qlik/rest/client';

function pagedRest(pages: Record<string, unknown>): RestClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    baseUrl: 'https://tenant.example',
    async getJson(path, schema) {
      asked.push(path);
      if (!(path in pages)) throw new Error(`unexpected ${path}`);
      return schema.parse(pages[path]);
    },
    getText: async () => ({ text: '', truncated: false }),
  };
}

const item = (id: string, extra: Record<string, unknown> = {}) => ({ resourceId: id, name: `App ${id}`, spaceId: 'sp', resourceAttributes: { lastReloadTime: '2026-01-01T00:00:00Z', modifiedDate: '2026-01-02T00:00:00Z' }, ...extra });

describe('listScanApps', () => {
  it('follows every page of a space and keeps each app once, with its dates and items entry', async () => {
    const rest = pagedRest({
      '/api/v1/items?resourceType=app&spaceId=sp&limit=100': { data: [item('a'), item('b')], links: { next: { href: 'https://tenant.example/api/v1/items?resourceType=app&spaceId=sp&limit=100&next=Mg' } } },
      '/api/v1/items?resourceType=app&spaceId=sp&limit=100&next=Mg': { data: [item('b'), item('c', { resourceAttributes: {}, resourceUpdatedAt: '2026-03-01T00:00:00Z', resourceReloadEndTime: '2026-02-01T00:00:00Z' })], links: {} },
    });
    const { apps, items, missing } = await listScanApps(rest, { kind: 'space', spaceId: 'sp' });
    expect(apps.map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(apps[2]).toEqual({ id: 'c', name: 'App c', spaceId: 'sp', lastReloadTime: '2026-02-01T00:00:00Z', modifiedDate: '2026-03-01T00:00:00Z' });
    expect([...items.keys()]).toEqual(['a', 'b', 'c']);
    expect(missing).toEqual([]);
  });

  it('refuses a next page on another origin', async () => {
    const rest = pagedRest({ '/api/v1/items?resourceType=app&limit=100': { data: [item('a')], links: { next: { href: 'https://evil.example/steal' } } } });
    await expect(listScanApps(rest, { kind: 'all' })).rejects.toThrow(/another origin \(https:\/\/evil\.example\)/);
    expect(rest.asked).toHaveLength(1);
  });

  it('--apps: each id looked up, the ones nobody shows this user listed as missing', async () => {
    const rest = pagedRest({
      '/api/v1/items?resourceType=app&resourceId=a&limit=1': { data: [item('a')] },
      '/api/v1/items?resourceType=app&resourceId=zz&limit=1': { data: [] },
    });
    const { apps, missing } = await listScanApps(rest, { kind: 'apps', ids: ['a', 'zz'] });
    expect(apps.map((a) => a.id)).toEqual(['a']);
    expect(missing).toEqual(['zz']);
  });
});
