import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRestClient, type FetchLike, RestError } from '../../../../lib/qlik/rest/client';
import { getApp, getReloadLog } from '../../../../lib/qlik/rest/endpoints';

type Reply = { status: number; body?: string; headers?: Record<string, string> };

function scripted(replies: Reply[]): { fetch: FetchLike; requests: { url: string; init?: RequestInit }[] } {
  const requests: { url: string; init?: RequestInit }[] = [];
  return {
    requests,
    fetch: async (url, init) => {
      requests.push({ url, init });
      const r = replies.shift() ?? { status: 500 };
      return new Response(r.status === 204 ? null : (r.body ?? ''), { status: r.status, headers: r.headers });
    },
  };
}

const json = (value: unknown): string => JSON.stringify(value);

describe('createRestClient', () => {
  it('sends the auth headers and parses the answer with the schema', async () => {
    const { fetch, requests } = scripted([{ status: 200, body: json({ attributes: { id: 'a1', name: 'Sales', extra: 1 }, privileges: ['read'] }) }]);
    const rest = createRestClient({ baseUrl: 'https://t.example/', fetch, authHeaders: () => ({ Authorization: 'Bearer k' }) });
    const app = await getApp(rest, 'a/1');
    expect(app.attributes).toEqual({ id: 'a1', name: 'Sales', extra: 1 });
    expect(requests[0]?.url).toBe('https://t.example/api/v1/apps/a%2F1');
    expect((requests[0]?.init?.headers as Record<string, string>).Authorization).toBe('Bearer k');
  });

  it('waits Retry-After on 429 and retries, a bounded number of times', async () => {
    const waits: number[] = [];
    const { fetch, requests } = scripted([
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 200, body: json({ ok: true }) },
    ]);
    const rest = createRestClient({ baseUrl: 'https://t', fetch, sleep: async (ms) => void waits.push(ms) });
    await expect(rest.getJson('/api/v1/users/me', z.looseObject({ ok: z.boolean() }))).resolves.toEqual({ ok: true });
    expect(waits).toEqual([2000, 1000]);
    expect(requests).toHaveLength(3);

    const always = scripted(Array.from({ length: 10 }, () => ({ status: 429, headers: { 'retry-after': '100' } })));
    const limited = createRestClient({ baseUrl: 'https://t', fetch: always.fetch, maxRetries: 2, maxRetryDelayMs: 5000, sleep: async (ms) => void waits.push(ms) });
    const error = await limited.getJson('/api/v1/users/me', z.unknown()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestError);
    expect((error as RestError).status).toBe(429);
    expect(always.requests).toHaveLength(3);
    expect(waits.slice(2)).toEqual([5000, 5000]);
  });

  it.each([
    [401, /not signed in/],
    [403, /access denied/],
    [404, /not found/],
    [500, /HTTP 500/],
  ])('maps HTTP %i to a clear RestError with the Qlik error code', async (status, message) => {
    const { fetch } = scripted([{ status, body: json({ errors: [{ code: 'APPS-7', title: 'Forbidden thing', status }] }) }]);
    const error = await createRestClient({ baseUrl: 'https://t', fetch }).getJson('/api/v1/apps/x', z.unknown()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestError);
    expect(error).toMatchObject({ status, code: 'APPS-7', path: '/api/v1/apps/x' });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain('Forbidden thing');
  });

  it('reports a body that is not JSON or not the expected shape', async () => {
    const rest = createRestClient({ baseUrl: 'https://t', fetch: scripted([{ status: 200, body: '<html>login</html>' }, { status: 200, body: json({ attributes: 'nope' }) }]).fetch });
    await expect(rest.getJson('/api/v1/users/me', z.unknown())).rejects.toThrow(/not JSON/);
    await expect(getApp(rest, 'x')).rejects.toThrow(/unexpected answer shape \(attributes/);
  });

  it('reports network failures', async () => {
    const rest = createRestClient({ baseUrl: 'https://t', fetch: async () => Promise.reject(new TypeError('fetch failed')) });
    await expect(rest.getJson('/api/v1/users/me', z.unknown())).rejects.toThrow(/network error \(fetch failed\)/);
  });

  it('gives each request a limit: a tenant that never answers (or stops mid-body) ends in a clear error', async () => {
    const silent: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const rest = createRestClient({ baseUrl: 'https://t', fetch: silent, timeoutMs: 50 });
    const started = Date.now();
    const error = await rest.getJson('/api/v1/users/me', z.unknown()).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(RestError);
    expect(error).toMatchObject({ code: 'TIMEOUT', path: '/api/v1/users/me', message: 'GET /api/v1/users/me: no answer within 0.05 s (the tenant did not respond)' });
    // headers arrive, the body never ends
    const stalledBody: FetchLike = async (_url, init) =>
      new Response(new ReadableStream({ start: (c) => init?.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError'))) }), { status: 200 });
    const slow = createRestClient({ baseUrl: 'https://t', fetch: stalledBody, timeoutMs: 50 });
    await expect(slow.getText('/api/v1/apps/a/reloads/logs/r')).rejects.toMatchObject({ code: 'TIMEOUT' });
    await expect(slow.getJson('/api/v1/apps/a', z.unknown())).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('cuts long text bodies and says so', async () => {
    const rest = createRestClient({ baseUrl: 'https://t', fetch: scripted([{ status: 200, body: 'x'.repeat(50) }]).fetch });
    await expect(getReloadLog(rest, 'a', 'r', 10)).resolves.toEqual({ text: 'x'.repeat(10), truncated: true });
  });
});
