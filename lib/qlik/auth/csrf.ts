// The CSRF token a cookie session must present on the engine WebSocket (`?qlik-csrf-token=`) and
// on every non-GET REST call (header `qlik-csrf-token`).
// - Qlik Cloud: `GET /api/v1/csrf-token` → 204 with the token in the `qlik-csrf-token` response
//   header; 400 when the auth mechanism has none; 404 when not found (qlik.dev REST "CSRF token").
// - QSEoW (Nov 2024+ "Extended WebSocket CSRF protection", Qlik support 2509211):
//   `GET /<prefix>/qps/csrftoken?xrfkey=<16 chars>` with header `X-Qlik-XrfKey: <same>`; token in
//   the `qlik-csrf-token` response header; older releases answer 404 and need none.
import { qlikError, type ProblemContext } from '../errors';
import type { QlikPlatform } from '../platform';
import { baseUrlOf, type QlikAppLocation } from '../url';

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface CsrfCredentials {
  /** absent when the deployment does not use one (older QSEoW, or a bearer-authenticated session) */
  token?: string;
  /** QSEoW: the xrfkey sent with it (also required on QRS REST calls) */
  xrfkey?: string;
}

const XRF_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A 16-character xrfkey, as QRS and the QPS csrftoken endpoint require. */
export function newXrfKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => XRF_ALPHABET[b % XRF_ALPHABET.length]).join('');
}

export async function fetchCsrfToken(
  fetchFn: FetchFn,
  app: Pick<QlikAppLocation, 'origin' | 'prefix'>,
  platform: QlikPlatform,
  context: ProblemContext = {},
  init: RequestInit = {},
): Promise<CsrfCredentials> {
  const base = baseUrlOf(app);
  if (platform === 'qseow' || platform === 'qlik-sense-desktop') {
    const xrfkey = newXrfKey();
    const headers = new Headers(init.headers);
    headers.set('X-Qlik-XrfKey', xrfkey);
    const response = await fetchFn(`${base}/qps/csrftoken?xrfkey=${xrfkey}`, { ...init, headers });
    if (response.status === 404) return { xrfkey }; // release without WebSocket CSRF protection
    if (!response.ok) throw qlikError({ kind: 'http', status: response.status, body: await safeText(response), what: 'CSRF token' }, context);
    const token = response.headers.get('qlik-csrf-token') ?? undefined;
    return token ? { token, xrfkey } : { xrfkey };
  }
  const response = await fetchFn(`${base}/api/v1/csrf-token`, init);
  if (response.status === 400 || response.status === 404) return {};
  if (!response.ok) {
    throw qlikError({ kind: 'http', status: response.status, body: await safeText(response), retryAfter: response.headers.get('retry-after'), what: 'CSRF token' }, context);
  }
  const token = response.headers.get('qlik-csrf-token') ?? undefined;
  return token ? { token } : {};
}

/** Query parameters for the engine WebSocket of a cookie session. */
export function csrfSocketParams(csrf: CsrfCredentials): Record<string, string> {
  return {
    ...(csrf.token ? { 'qlik-csrf-token': csrf.token } : {}),
    ...(csrf.xrfkey ? { xrfkey: csrf.xrfkey } : {}),
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Adds the CSRF header (non-GET) and the QSEoW xrfkey (header + query, every call) to a REST call. */
export function withCsrf(url: string, init: RequestInit, csrf: CsrfCredentials): { url: string; init: RequestInit } {
  const headers = new Headers(init.headers);
  const method = (init.method ?? 'GET').toUpperCase();
  if (csrf.token && !SAFE_METHODS.has(method)) headers.set('qlik-csrf-token', csrf.token);
  let target = url;
  if (csrf.xrfkey) {
    headers.set('X-Qlik-XrfKey', csrf.xrfkey);
    const parsed = new URL(url, 'https://placeholder.invalid');
    parsed.searchParams.set('xrfkey', csrf.xrfkey);
    target = parsed.origin === 'https://placeholder.invalid' ? `${parsed.pathname}${parsed.search}` : parsed.href;
  }
  return { url: target, init: { ...init, headers } };
}

async function safeText(response: Response): Promise<string | undefined> {
  try {
    return (await response.text()).slice(0, 4096);
  } catch {
    return undefined;
  }
}
