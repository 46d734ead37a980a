// Collect one app from Node: API key (Authorization: Bearer on REST and the WebSocket handshake)
// or a browser session's Cookie header (plus the CSRF token as `qlik-csrf-token` on the engine URL,
// connectivity.md / ../shared/README.md). Same lib/ code as the extension, Node transports.
import { readFile } from 'node:fs/promises';
import type { CollectProgress } from '../collect/context';
import type { TimingMode } from '../snapshot/timing-mode';
import { collectApp } from '../collect/index';
import { openEngineSession } from '../qlik/engine/session';
import { engineTimeoutsFor } from '../qlik/engine/timeouts';
import { DEFAULT_REST_TIMEOUT_MS, type FetchLike, createRestClient } from '../qlik/rest/client';
import type { AppSnapshot } from '../snapshot/schema';
import { nodeSocketFactory } from './node-socket';
import { type RestCache, withTenantCache } from './rest-cache';

export interface NodeCollectOptions {
  host: string;
  appId: string;
  apiKey?: string;
  cookie?: string;
  insecure?: boolean;
  timings?: boolean;
  /** quick (first calculation) or full (also from the cache); absent: the collector's default */
  timingMode?: TimingMode;
  concurrency?: number;
  /** a normal engine call's silence limit, ms; the others in proportion (default: DEFAULT_ENGINE_TIMEOUTS) */
  engineTimeoutMs?: number;
  onProgress?: (p: CollectProgress) => void;
  signal?: AbortSignal;
  /** REST transport (a scan passes one paced to the tenant's rate limits); default the global fetch */
  fetch?: FetchLike;
  /** called once the engine has opened the app (a scan counts opened apps: analyzer capacity) */
  onOpened?: () => void;
  /** tenant-wide REST answers shared by the apps of a scan (rest-cache.ts) */
  restCache?: RestCache;
}

/** A cookie file holds a Cookie header value; lines `name=value` are joined, `#` comments ignored. */
export async function readCookieFile(path: string): Promise<string> {
  const text = await readFile(path, 'utf8');
  const parts = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .flatMap((l) => l.replace(/^cookie:\s*/i, '').split(';'))
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new Error(`${path}: no cookies found`);
  return parts.join('; ');
}

export async function collectFromTenant(options: NodeCollectOptions): Promise<AppSnapshot> {
  const headers: Record<string, string> = options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : options.cookie ? { Cookie: options.cookie } : {};
  const fetchImpl: FetchLike = options.fetch ?? ((u, i) => fetch(u, i));
  const client = createRestClient({ baseUrl: options.host, fetch: fetchImpl, authHeaders: () => headers, ...(options.signal ? { signal: options.signal } : {}) });
  const rest = options.restCache ? withTenantCache(client, options.restCache) : client;
  const query: Record<string, string> = {};
  if (options.cookie && !options.apiKey) {
    const res = await fetchImpl(`${options.host.replace(/\/+$/, '')}/api/v1/csrf-token`, { headers, signal: AbortSignal.timeout(DEFAULT_REST_TIMEOUT_MS) });
    const token = res.headers.get('qlik-csrf-token');
    if (!res.ok || !token) throw new Error(`Could not get a CSRF token with the given cookies (HTTP ${res.status}): is the session still signed in?`);
    query['qlik-csrf-token'] = token;
  }
  options.onProgress?.({ phase: 'open', done: 0, total: 1 });
  const engine = await openEngineSession({
    url: options.host,
    appId: options.appId,
    createSocket: nodeSocketFactory({ headers, rejectUnauthorized: !options.insecure }),
    query,
    ...(options.engineTimeoutMs ? { timeouts: engineTimeoutsFor(options.engineTimeoutMs) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  options.onOpened?.();
  options.onProgress?.({ phase: 'open', done: 1, total: 1 });
  try {
    return await collectApp({
      engine,
      rest,
      appId: options.appId,
      source: { host: new URL(options.host).host, mode: 'cli' },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.timings === false ? { timings: false as const } : options.timingMode ? { timings: { mode: options.timingMode } } : {}),
    });
  } finally {
    await engine.close();
  }
}
