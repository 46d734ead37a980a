// wss://host[/prefix]/app/<appId>[/identity/<identity>][/ttl/<seconds>]?<query> (enigma.js sense-utilities buildUrl, connectivity.md §5.2).

export interface EngineUrlParts {
  baseUrl: string;
  appId: string;
  identity?: string;
  /** ask the engine to keep the session this long after the socket closes (enigma.js sense-utilities `ttl`) */
  ttlSeconds?: number;
  query?: Record<string, string>;
}

export function buildEngineUrl({ baseUrl, appId, identity, ttlSeconds, query }: EngineUrlParts): string {
  const base = new URL(baseUrl);
  const protocol = base.protocol === 'http:' || base.protocol === 'ws:' ? 'ws:' : 'wss:';
  const prefix = base.pathname.replace(/\/+$/, '');
  let path = `${prefix}/app/${encodeURIComponent(appId)}`;
  if (identity) path += `/identity/${encodeURIComponent(identity)}`;
  if (ttlSeconds !== undefined && ttlSeconds > 0) path += `/ttl/${Math.floor(ttlSeconds)}`;
  const search = new URLSearchParams(query ?? {}).toString();
  return `${protocol}//${base.host}${path}${search ? `?${search}` : ''}`;
}
