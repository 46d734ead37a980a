// What reached the simulator over HTTP(S), in order: lets end-to-end tests assert what a browser
// did or never did (e.g. that no login request carried an extension address as `returnto`).
import type { IncomingMessage } from 'node:http';
import { header } from './http';

export interface RequestRecord {
  method: string;
  /** the full address as the browser asked for it: `https://<Host header><path and query>` */
  url: string;
  origin?: string;
  /** a WebSocket handshake */
  upgrade: boolean;
}

export interface RequestLog {
  all(): RequestRecord[];
  clear(): void;
}

const MAX_RECORDS = 20_000;

export function recordRequest(log: RequestRecord[], req: IncomingMessage, secure: boolean, upgrade: boolean): void {
  if (log.length >= MAX_RECORDS) log.shift();
  const origin = header(req, 'origin');
  log.push({
    method: req.method ?? 'GET',
    url: `${secure ? (upgrade ? 'wss' : 'https') : upgrade ? 'ws' : 'http'}://${header(req, 'host') ?? '?'}${req.url ?? '/'}`,
    ...(origin ? { origin } : {}),
    upgrade,
  });
}
