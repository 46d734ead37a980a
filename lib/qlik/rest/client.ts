// Small fetch-based client for the Qlik Cloud REST API. fetch and authentication are injected, so
// the same code runs in the service worker (cookies or OAuth token), in Node (API key, cookie file)
// and against the simulator. Every JSON answer is parsed with the caller's zod schema.
// 429: waits Retry-After seconds (capped) and retries a bounded number of times.
// CSRF: cookie sessions must send `qlik-csrf-token` on non-GET calls; the token comes from
// `GET /api/v1/csrf-token` (204 + response header) (../shared/README.md, connectivity.md).
import type { z } from 'zod';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RestClientOptions {
  /** tenant base URL, e.g. `https://acme.eu.qlikcloud.com` */
  baseUrl: string;
  fetch: FetchLike;
  /** headers that authenticate a request (`Authorization: Bearer …`, `Cookie: …` in Node); called per request */
  authHeaders?: () => Record<string, string> | Promise<Record<string, string>>;
  /** `include` when the browser's own cookies authenticate */
  credentials?: RequestCredentials;
  /** fetch and send the CSRF token on non-GET requests (cookie sessions) */
  csrf?: boolean;
  /** retries after 429 (default 3) */
  maxRetries?: number;
  /** longest wait honoured from Retry-After, ms (default 30 s) */
  maxRetryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

export class RestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly path: string,
    /** Qlik error code from the body (`USERS-7`, `APPS-…`), when present */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'RestError';
  }
}

export interface RestClient {
  readonly baseUrl: string;
  getJson<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>>;
  /** text body, cut at `maxChars` (reports whether it was cut) */
  getText(path: string, maxChars?: number): Promise<{ text: string; truncated: boolean }>;
}

const STATUS_MESSAGES: Readonly<Record<number, string>> = {
  401: 'not signed in (session expired or credentials rejected)',
  403: 'access denied (your user lacks the right for this)',
  404: 'not found',
  429: 'rate limited by the tenant',
};

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createRestClient(options: RestClientOptions): RestClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const maxRetries = options.maxRetries ?? 3;
  const maxDelay = options.maxRetryDelayMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  let csrfToken: Promise<string | undefined> | undefined;

  const fetchCsrf = async (): Promise<string | undefined> => {
    const res = await options.fetch(`${baseUrl}/api/v1/csrf-token`, {
      headers: await headers(),
      credentials: options.credentials,
      signal: options.signal,
    });
    return res.headers.get('qlik-csrf-token') ?? undefined;
  };

  const headers = async (): Promise<Record<string, string>> => ({
    accept: 'application/json',
    ...(options.authHeaders ? await options.authHeaders() : {}),
  });

  async function request(path: string, method = 'GET'): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const h = await headers();
      if (method !== 'GET' && options.csrf) {
        csrfToken ??= fetchCsrf();
        const token = await csrfToken;
        if (token) h['qlik-csrf-token'] = token;
      }
      let res: Response;
      try {
        res = await options.fetch(`${baseUrl}${path}`, { method, headers: h, credentials: options.credentials, signal: options.signal });
      } catch (error) {
        if (options.signal?.aborted) throw new RestError(`GET ${path} cancelled`, 0, path);
        throw new RestError(`GET ${path} failed: network error (${error instanceof Error ? error.message : String(error)})`, 0, path);
      }
      if (res.status === 429 && attempt < maxRetries) {
        const seconds = Number(res.headers.get('retry-after'));
        const delay = Math.min(Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000 * 2 ** attempt, maxDelay);
        await res.body?.cancel().catch(() => undefined);
        await sleep(delay);
        continue;
      }
      if (!res.ok) throw await toRestError(res, path);
      return res;
    }
  }

  return {
    baseUrl,
    async getJson(path, schema) {
      const res = await request(path);
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new RestError(`GET ${path}: the answer is not JSON`, res.status, path);
      }
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new RestError(`GET ${path}: unexpected answer shape (${issue?.path.join('.') || 'root'}: ${issue?.message})`, res.status, path);
      }
      return parsed.data;
    },
    async getText(path, maxChars = 2_000_000) {
      const res = await request(path);
      const text = await res.text();
      return text.length > maxChars ? { text: text.slice(0, maxChars), truncated: true } : { text, truncated: false };
    },
  };
}

async function toRestError(res: Response, path: string): Promise<RestError> {
  let code: string | undefined;
  let title: string | undefined;
  try {
    const body = (await res.json()) as { errors?: { code?: unknown; title?: unknown }[] };
    const first = body.errors?.[0];
    code = typeof first?.code === 'string' ? first.code : undefined;
    title = typeof first?.title === 'string' ? first.title : undefined;
  } catch {
    // not a Qlik error body
  }
  const what = STATUS_MESSAGES[res.status] ?? `HTTP ${res.status}`;
  const detail = [title, code].filter(Boolean).join(', ');
  return new RestError(`GET ${path}: ${what}${detail ? ` (${detail})` : ''} [HTTP ${res.status}]`, res.status, path, code);
}
