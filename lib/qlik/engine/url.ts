// wss://host[/prefix]/app/<appId>/identity/<identity>?<query> (enigma.js sense-utilities buildUrl, connectivity.md §5.2).

export interface EngineUrlParts {
  baseUrl: string;
  appId: string;
  identity?: string;
  query?: Record<string, string>;
}

export function buildEngineUrl({ baseUrl, appId, identity, query }: EngineUrlParts): string {
  const base = new URL(baseUrl);
  const protocol = base.protocol === 'http:' || base.protocol === 'ws:' ? 'ws:' : 'wss:';
  const prefix = base.pathname.replace(/\/+$/, '');
  let path = `${prefix}/app/${encodeURIComponent(appId)}`;
  if (identity) path += `/identity/${encodeURIComponent(identity)}`;
  const search = new URLSearchParams(query ?? {}).toString();
  return `${protocol}//${base.host}${path}${search ? `?${search}` : ''}`;
}
