// The route table type shared by the route modules.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from './auth';
import type { Tenant } from './tenant';

export interface RouteContext {
  tenant: Tenant;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** `https://<Host header>` (or `http://` in --http mode): what "same origin" means for this request */
  selfOrigin: string;
  secure: boolean;
  /** set for `api` and `page` routes */
  caller?: Caller;
  /** the QSEoW virtual proxy prefix (`/qs`) the client pages link under; '' on Qlik Cloud */
  basePath?: string;
}

/**
 * `public`: no login needed (login, OAuth, product-info);
 * `api`: REST, 401 JSON without credentials, origin + CSRF checks;
 * `page`: a client page, 302 to the login page without a session.
 */
export type Access = 'public' | 'api' | 'page';

export interface Route {
  method: string;
  pattern: RegExp;
  access: Exclude<Access, 'public'>;
  handler: (ctx: RouteContext & { caller: Caller }) => void | Promise<void>;
}

export interface PublicRoute {
  method: string;
  pattern: RegExp;
  access: 'public';
  handler: (ctx: RouteContext) => void | Promise<void>;
}

export type AnyRoute = Route | PublicRoute;

/** `/api/v1/apps/:appId` → a RegExp with named groups */
export function path(template: string): RegExp {
  const source = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, '(?<$1>[^/]+)');
  return new RegExp(`^${source}/?$`);
}
