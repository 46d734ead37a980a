// Small HTTP helpers shared by the routes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';

export interface QlikErrorItem {
  code: string;
  title: string;
  detail?: string;
  status?: string | number;
}

/**
 * Qlik Cloud REST error body: `{"errors":[{code,title,status,…}],"traceId":…}` [V: engine.md 6.5,
 * openapi `Errors`]. `status` is a number in most services (users.json types it so) and a string in
 * the login, CSRF-token, OAuth and web-integration specs: pass `statusAs: 'string'` there.
 */
export function errorBody(status: number, code: string, title: string, detail?: string, statusAs: 'number' | 'string' = 'number') {
  const item: QlikErrorItem = { code, title, status: statusAs === 'string' ? String(status) : status };
  if (detail) item.detail = detail;
  return { errors: [item], traceId: randomBytes(8).toString('hex') };
}

/**
 * 401 for a call without valid credentials: the body of the edge-auth service of Qlik Sense for
 * Elastic, Qlik Cloud's ancestor [V: ChristofSchwarz/qs_on_Kubernetes troubleshooting notes;
 * I for today's Qlik Cloud].
 */
export const AUTHENTICATION_FAILED = { errors: [{ title: 'Authentication failed', code: 'LOGIN-1', status: '401' }] };

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: string, title: string, detail?: string, statusAs: 'number' | 'string' = 'number'): void {
  sendJson(res, status, errorBody(status, code, title, detail, statusAs));
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), ...headers });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string, status = 302, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { location, 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(`<a href="${escapeHtml(location)}">Found</a>`);
}

const MAX_BODY_BYTES = 1_000_000;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** a JSON or form-encoded body as a flat string map (what the OAuth and login endpoints accept) */
export async function readFormOrJson(req: IncomingMessage): Promise<Record<string, string> | undefined> {
  const text = await readBody(req);
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(text || '{}');
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    } catch {
      return undefined;
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      cookies.set(name, raw);
    }
  }
  return cookies;
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
