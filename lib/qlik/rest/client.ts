// Small fetch-based client for the Qlik Cloud REST API. fetch and authentication are injected, so
// the same code runs in the service worker (cookies or OAuth token), in Node (API key, cookie file)
// and against the simulator. Every JSON answer is parsed with the caller's zod schema.
// 429: waits Retry-After seconds (capped) and retries a bounded number of times.
// Only GETs: a cookie session needs no CSRF token for them (lib/qlik/auth/csrf.ts).
// Read-only: every request is checked against lib/qlik/read-only.ts (GET on the listed paths) and
// refused before it leaves. Each request, body included, has a limit (`timeoutMs`).
import type { z } from 'zod/mini';
import { httpRefusal } from '../read-only';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RestClientOptions {
  /** tenant base URL, e.g. `https://acme.eu.qlikcloud.com` */
  baseUrl: string;
  fetch: FetchLike;
  /** headers that authenticate a request (`Authorization: Bearer …`, `Cookie: …` in Node); called per request */
  authHeaders?: () => Record<string, string> | Promise<Record<string, string>>;
  /** `include` when the browser's own cookies authenticate */
  credentials?: RequestCredentials;
  /** retries after 429 (default 3) */
  maxRetries?: number;
  /** longest wait honoured from Retry-After, ms (default 30 s) */
  maxRetryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  /** one request's limit, answer body included, ms (default DEFAULT_REST_TIMEOUT_MS; 429 waits are not counted) */
  timeoutMs?: number;
}

/**
 * 30 s per request: the endpoints Qlarity reads answer small JSON (or a reload log of at most a
 * few MB) in well under a second; a tenant that has not answered in 30 s is not going to.
 */
export const DEFAULT_REST_TIMEOUT_MS = 30_000;

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
  getJson<T extends z.ZodMiniType>(path: string, schema: T): Promise<z.infer<T>>;
  /** text body, cut at `maxChars` (reports whether it was cut) */
  getText(path: string, maxChars?: number): Promise<{ text: string; truncated: boolean }>;
}

const STATUS_MESSAGES: Readonly<Record<number, string>> = {
  401: 'not signed in (session expired or credentials rejected)',
  403: 'access denied (your user lacks the right for this)',
  404: 'not found',
  429: 'rate limited by the tenant',
};

const NOT_JSON = Symbol('not JSON');

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createRestClient(options: RestClientOptions): RestClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const maxRetries = options.maxRetries ?? 3;
  const maxDelay = options.maxRetryDelayMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  const timeoutMs = options.timeoutMs ?? DEFAULT_REST_TIMEOUT_MS;

  /** `run` with a signal that fires on the caller's cancel or after timeoutMs; a timeout becomes a RestError naming the path */
  const limited = async <T>(method: string, path: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const refusal = httpRefusal(method, path);
    if (refusal) throw new RestError(refusal, 0, path, 'READ_ONLY');
    const controller = new AbortController();
    const onCancel = (): void => controller.abort();
    if (options.signal?.aborted) controller.abort();
    options.signal?.addEventListener('abort', onCancel, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => ((timedOut = true), controller.abort()), timeoutMs);
    const timeoutError = () => new RestError(`${method} ${path}: no answer within ${timeoutMs / 1000} s (the tenant did not respond)`, 0, path, 'TIMEOUT');
    try {
      const value = await run(controller.signal);
      if (timedOut) throw timeoutError(); // a body cut short by the limit may have been read as "not JSON"
      return value;
    } catch (error) {
      if (timedOut) throw timeoutError();
      throw error;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCancel);
    }
  };

  const headers = async (): Promise<Record<string, string>> => ({
    accept: 'application/json',
    ...(options.authHeaders ? await options.authHeaders() : {}),
  });

  /** one GET with its body read by `read`, within one request's limit; a 429 is retried after its wait (not counted) */
  async function request<T>(path: string, read: (res: Response) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const answer = await limited('GET', path, (signal) => once(path, signal, read, attempt));
      if (answer.retryAfterMs === undefined) return answer.value as T;
      await sleep(answer.retryAfterMs);
    }
  }

  async function once<T>(path: string, signal: AbortSignal, read: (res: Response) => Promise<T>, attempt: number): Promise<{ value?: T; retryAfterMs?: number }> {
    let res: Response;
    try {
      res = await options.fetch(`${baseUrl}${path}`, { method: 'GET', headers: await headers(), credentials: options.credentials, signal });
    } catch (error) {
      if (options.signal?.aborted) throw new RestError(`GET ${path} cancelled`, 0, path);
      if (signal.aborted) throw error; // the request's limit: `limited` says so
      throw new RestError(`GET ${path} failed: network error (${error instanceof Error ? error.message : String(error)})`, 0, path);
    }
    if (res.status === 429 && attempt < maxRetries) {
      const seconds = Number(res.headers.get('retry-after'));
      const delay = Math.min(Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000 * 2 ** attempt, maxDelay);
      await res.body?.cancel().catch(() => undefined);
      return { retryAfterMs: delay };
    }
    if (!res.ok) throw await toRestError(res, path);
    return { value: await read(res) };
  }

  return {
    baseUrl,
    async getJson(path, schema) {
      const { status, body } = await request(path, async (res) => ({ status: res.status, body: await res.json().catch(() => NOT_JSON) }));
      if (body === NOT_JSON) throw new RestError(`GET ${path}: the answer is not JSON`, status, path);
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new RestError(`GET ${path}: unexpected answer shape (${issue?.path.join('.') || 'root'}: ${issue?.message})`, status, path);
      }
      return parsed.data;
    },
    async getText(path, maxChars = 2_000_000) {
      const text = await request(path, (res) => res.text());
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
