import { describe, expect, it } from 'vitest';
import { csrfSocketParams, fetchCsrfToken, newXrfKey, withCsrf } from '../../../../lib/qlik/auth/csrf';
import { QlikProblemError } from '../../../../lib/qlik/errors';

const cloud = { origin: 'https://acme.eu.qlikcloud.com', prefix: '' };
const qseow = { origin: 'https://qlik.corp.example', prefix: '/vp' };

function recorder(answer: (url: string, init?: RequestInit) => Response) {
  const calls: { url: string; headers: Headers }[] = [];
  const fetchFn = async (url: string, init?: RequestInit) => {
    calls.push({ url, headers: new Headers(init?.headers) });
    return answer(url, init);
  };
  return { calls, fetchFn };
}

describe('fetchCsrfToken', () => {
  it('reads the Qlik Cloud token from the 204 header', async () => {
    const { calls, fetchFn } = recorder(() => new Response(null, { status: 204, headers: { 'qlik-csrf-token': 'tok' } }));
    expect(await fetchCsrfToken(fetchFn, cloud, 'qlik-cloud')).toEqual({ token: 'tok' });
    expect(calls[0].url).toBe('https://acme.eu.qlikcloud.com/api/v1/csrf-token');
  });

  it('treats 400 (not supported for this auth) as "no token"', async () => {
    const { fetchFn } = recorder(() => new Response('{}', { status: 400 }));
    expect(await fetchCsrfToken(fetchFn, cloud, 'qlik-cloud')).toEqual({});
  });

  it('turns 401 into "sign in"', async () => {
    const { fetchFn } = recorder(() => new Response('{"errors":[{"code":"LOGIN-1","title":"Authentication failed"}]}', { status: 401 }));
    const error = await fetchCsrfToken(fetchFn, cloud, 'qlik-cloud', { host: 'acme.eu.qlikcloud.com' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QlikProblemError);
    expect((error as QlikProblemError).code).toBe('not-logged-in');
  });

  it('uses /qps/csrftoken with a matching xrfkey on QSEoW', async () => {
    const { calls, fetchFn } = recorder(() => new Response('', { status: 200, headers: { 'qlik-csrf-token': 'win' } }));
    const csrf = await fetchCsrfToken(fetchFn, qseow, 'qseow');
    expect(csrf.token).toBe('win');
    const url = new URL(calls[0].url);
    expect(url.pathname).toBe('/vp/qps/csrftoken');
    expect(url.searchParams.get('xrfkey')).toBe(csrf.xrfkey);
    expect(calls[0].headers.get('X-Qlik-XrfKey')).toBe(csrf.xrfkey);
  });

  it('accepts QSEoW releases without the endpoint', async () => {
    const { fetchFn } = recorder(() => new Response('', { status: 404 }));
    const csrf = await fetchCsrfToken(fetchFn, qseow, 'qseow');
    expect(csrf.token).toBeUndefined();
    expect(csrf.xrfkey).toMatch(/^[A-Za-z0-9]{16}$/);
  });
});

describe('applying the token', () => {
  it('puts it on the socket URL', () => {
    expect(csrfSocketParams({ token: 't' })).toEqual({ 'qlik-csrf-token': 't' });
    expect(csrfSocketParams({ token: 't', xrfkey: 'k' })).toEqual({ 'qlik-csrf-token': 't', xrfkey: 'k' });
    expect(csrfSocketParams({})).toEqual({});
  });

  it('adds the header on non-GET calls only', () => {
    const get = withCsrf('https://a/api/v1/x', {}, { token: 't' });
    expect(new Headers(get.init.headers).has('qlik-csrf-token')).toBe(false);
    const post = withCsrf('https://a/api/v1/x', { method: 'post', headers: { accept: 'x' } }, { token: 't' });
    expect(new Headers(post.init.headers).get('qlik-csrf-token')).toBe('t');
    expect(new Headers(post.init.headers).get('accept')).toBe('x');
  });

  it('adds the xrfkey (header + query) on every QSEoW call, keeping relative paths relative', () => {
    const signed = withCsrf('/vp/qrs/about?x=1', {}, { xrfkey: 'abcdefghijklmnop' });
    expect(signed.url).toBe('/vp/qrs/about?x=1&xrfkey=abcdefghijklmnop');
    expect(new Headers(signed.init.headers).get('X-Qlik-XrfKey')).toBe('abcdefghijklmnop');
  });

  it('makes 16-character xrfkeys that differ', () => {
    expect(newXrfKey()).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(newXrfKey()).not.toBe(newXrfKey());
  });
});
