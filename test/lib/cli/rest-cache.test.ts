// A scan asks the tenant once for what every app shares, and not at all for the items entries it
// has just listed: fewer REST calls per app under Qlik Cloud's per-user rate limit.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { seedAppItems, withTenantCache } from '../../../lib/cli/rest-cache';
import { RestError, type RestClient } from '../../../lib/qlik/rest/client';
import { getAppItem, getApp, getMe, getSpace, getThemes } from '../../../lib/qlik/rest/endpoints';

function fakeRest(answers: Record<string, () => unknown>): RestClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    baseUrl: 'https://t.example',
    async getJson(path, schema) {
      asked.push(path);
      const answer = answers[path];
      if (!answer) throw new RestError(`GET ${path}: not found`, 404, path);
      return schema.parse(answer());
    },
    getText: async () => ({ text: '', truncated: false }),
  };
}

describe('withTenantCache', () => {
  it('asks once for the user, themes and a space across apps, every time for app paths', async () => {
    const rest = fakeRest({
      '/api/v1/users/me': () => ({ id: 'u1' }),
      '/api/v1/themes': () => ({ data: [] }),
      '/api/v1/spaces/s1': () => ({ id: 's1', type: 'shared' }),
      '/api/v1/apps/a1': () => ({ attributes: { id: 'a1' } }),
    });
    const cache = new Map();
    for (let app = 0; app < 3; app++) {
      const cached = withTenantCache(rest, cache);
      await Promise.all([getMe(cached), getThemes(cached), getSpace(cached, 's1'), getApp(cached, 'a1')]);
    }
    expect(rest.asked.filter((p) => p === '/api/v1/users/me')).toHaveLength(1);
    expect(rest.asked.filter((p) => p === '/api/v1/themes')).toHaveLength(1);
    expect(rest.asked.filter((p) => p === '/api/v1/spaces/s1')).toHaveLength(1);
    expect(rest.asked.filter((p) => p === '/api/v1/apps/a1')).toHaveLength(3);
  });

  it('does not keep a failure: the next app asks again', async () => {
    let calls = 0;
    const rest = fakeRest({
      '/api/v1/users/me': () => {
        calls++;
        if (calls === 1) throw new Error('boom');
        return { id: 'u1' };
      },
    });
    const cache = new Map();
    await expect(getMe(withTenantCache(rest, cache))).rejects.toThrow('boom');
    await expect(getMe(withTenantCache(rest, cache))).resolves.toMatchObject({ id: 'u1' });
    expect(calls).toBe(2);
  });

  it("answers an app's items entry from the scan's listing, once, parsed with the caller's schema", async () => {
    const rest = fakeRest({ '/api/v1/items?resourceType=app&resourceId=a%2F1': () => ({ data: [{ id: 'late' }] }) });
    const cache = new Map();
    seedAppItems(cache, new Map([['a/1', { id: 'item-1', resourceId: 'a/1' }]]));
    const first = await getAppItem(withTenantCache(rest, cache), 'a/1');
    expect(first.data).toEqual([{ id: 'item-1', resourceId: 'a/1' }]);
    expect(rest.asked).toEqual([]);
    await getAppItem(withTenantCache(rest, cache), 'a/1');
    expect(rest.asked).toEqual(['/api/v1/items?resourceType=app&resourceId=a%2F1']);
    expect(z.object({ data: z.array(z.unknown()) }).safeParse(first).success).toBe(true);
  });
});
