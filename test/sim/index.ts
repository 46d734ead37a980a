// The simulated Qlik Cloud tenant as a library: `startSimulator()` loads the app folders and
// serves login, OAuth, REST, the Sense-like pages and the engine WebSocket on 127.0.0.1.
import { fileURLToPath } from 'node:url';
import { loadAppsDir } from './app/index';
import { createEngineSession } from './engine/index';
import { persistentChanges } from './engine/persistent-changes';
import { tenantCertificate } from './server/cert';
import type { CreateEngineSession } from './server/engine-socket';
import { sessionCookies } from './server/login';
import { DEFAULT_QSEOW_HOST, DEFAULT_QSEOW_PREFIX, QseowProxy } from './server/qseow';
import type { RequestRecord } from './server/request-log';
import { type SimServer, startSimServer } from './server/server';
import { type AuthRecord, type OAuthClient, Tenant, type WebIntegration } from './server/tenant';
import type { CallRecord, FaultConfig, SimApp, SimUser } from './types';

export { startConnectProxy, type ConnectProxy } from './server/connect-proxy';
export type { AuthRecord, OAuthClient, WebIntegration } from './server/tenant';
export type { RequestRecord } from './server/request-log';
export { DEFAULT_QSEOW_HOST, DEFAULT_QSEOW_PREFIX } from './server/qseow';
export type { CallRecord, FaultConfig, SimApp, SimUser } from './types';

export const DEFAULT_APPS_DIR = fileURLToPath(new URL('./apps', import.meta.url));
export const DEFAULT_TENANT_HOST = 'demo.eu.qlikcloud.com';

export interface SimulatorOptions {
  /** folder with one sub-folder per app (default test/sim/apps) */
  appsDir?: string;
  /** a folder with one sub-folder per app of appsDir (same name) whose extra files take precedence (test/sim/APP-FOLDER.md) */
  overlaysDir?: string;
  /** apps already loaded (tests); takes precedence over appsDir */
  apps?: SimApp[];
  /** 0 (default) = a free port */
  port?: number;
  /** serve plain HTTP instead of HTTPS */
  http?: boolean;
  /** delay added to every engine frame, in ms */
  latencyMs?: number;
  /** default demo.eu.qlikcloud.com */
  tenantHost?: string;
  /** the engine to run behind each WebSocket (default: test/sim/engine's createEngineSession) */
  createEngineSession?: CreateEngineSession;
  /** the Qlik Sense Enterprise on Windows host (default qliksense.example.test) and virtual proxy prefix (default qs) */
  qseowHost?: string;
  qseowPrefix?: string;
}

/** The Qlik Sense Enterprise on Windows flavour (server/qseow.ts): same apps and users, QPS rules. */
export interface QseowSite {
  host: string;
  /** virtual proxy prefix, without slashes */
  prefix: string;
  /** `https://qliksense.example.test` */
  url: string;
  /** `https://qliksense.example.test/qs`: what app addresses and product-info hang off */
  baseUrl: string;
  /** the virtual proxy's session cookie name */
  cookieName: string;
  /** a signed-in QPS session without the login form: the cookie (name/value) and its CSRF token */
  login(user: SimUser): { cookie: { name: string; value: string }; csrfToken: string };
}

export interface Simulator {
  /** where it listens: `https://127.0.0.1:<port>` (or `http://…` with `http: true`) */
  url: string;
  port: number;
  tenantHost: string;
  /** what a browser with host mapping uses, e.g. `https://demo.eu.qlikcloud.com` */
  tenantUrl: string;
  /** Chromium `--host-resolver-rules` value mapping the Qlik Cloud hosts and the QSEoW host to this server */
  hostResolverRules: string;
  qseow: QseowSite;
  /** every HTTP request and WebSocket handshake since start / reset (server/request-log.ts) */
  requests(): RequestRecord[];
  users: { developer: SimUser; viewer: SimUser };
  /** the developer's API key (`Authorization: Bearer <apiKey>` on REST and the WebSocket handshake) */
  apiKey: string;
  apps: SimApp[];
  calls(): CallRecord[];
  /** the calls that changed or tried to change an app for everyone (engine/persistent-changes.ts): empty after any analysis */
  persistentChanges(): string[];
  /** calls of one engine session key (`<appId>` or `<appId>/identity/<id>`) or of one user */
  callsFor(sessionKeyOrUser: string | SimUser): CallRecord[];
  faults: { set(faults: FaultConfig): void; reset(): void };
  webIntegrations: { add(input: { validOrigins: string[]; id?: string; name?: string }): WebIntegration; list(): WebIntegration[] };
  oauthClients: {
    add(input: { redirectUris: string[]; allowedOrigins?: string[]; clientId?: string; accessTokenSeconds?: number }): OAuthClient;
    list(): OAuthClient[];
    /** every refresh token issued to the client stops working */
    revokeRefreshTokens(clientId: string): void;
  };
  /** `revoke(key)`: the API key no longer authenticates (restored by reset) */
  apiKeys: { revoke(key: string): void };
  /** `revoke(user, appId)`: the app is moved out of every space the user can see (restored by reset) */
  appAccess: { revoke(user: SimUser, appId: string): void };
  /** how each REST call, engine handshake and OAuth token request authenticated, oldest first */
  authLog(): AuthRecord[];
  /**
   * A logged-in session made without the login form: the `Cookie` header value, the same cookies
   * as name/value pairs (e.g. for Playwright's `context.addCookies` with the tenant URL), and the
   * session's CSRF token.
   */
  login(user: SimUser): { cookie: string; cookies: { name: string; value: string }[]; csrfToken: string };
  /** `login(user).cookie` */
  loginCookieHeader(user: SimUser): string;
  /** back to the state after start: no calls, faults, logins, tokens, integrations, clients; engine sockets closed */
  reset(): void;
  /** stops listening and destroys every socket, upgraded ones included */
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const tenantHost = options.tenantHost ?? DEFAULT_TENANT_HOST;
  const apps = options.apps ?? (await loadAppsDir(options.appsDir ?? DEFAULT_APPS_DIR, options.overlaysDir ? { overlays: options.overlaysDir } : {}));
  const engine = options.createEngineSession ?? createEngineSession;
  const tenant = new Tenant(tenantHost, apps);
  const qseow = new QseowProxy((options.qseowHost ?? DEFAULT_QSEOW_HOST).toLowerCase(), options.qseowPrefix ?? DEFAULT_QSEOW_PREFIX);
  const tls = options.http ? undefined : await tenantCertificate(tenantHost, [qseow.host]);
  const server: SimServer = await startSimServer({ tenant, tls, port: options.port ?? 0, createEngineSession: engine, baseLatencyMs: options.latencyMs ?? 0, qseow });
  const scheme = options.http ? 'http' : 'https';

  const login = (user: SimUser) => {
    const session = tenant.createLoginSession(user);
    const pairs = sessionCookies(tenant, session, !options.http).map((c) => c.split(';')[0]);
    const cookies = pairs.map((pair) => ({ name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1) }));
    return { cookie: pairs.join('; '), cookies, csrfToken: session.csrfToken };
  };

  return {
    url: `${scheme}://127.0.0.1:${server.port}`,
    port: server.port,
    tenantHost,
    tenantUrl: `${scheme}://${tenantHost}`,
    hostResolverRules: ['*.qlikcloud.com', '*.qlikcloudgov.com', qseow.host].map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(', '),
    qseow: {
      host: qseow.host,
      prefix: qseow.prefix,
      url: `${scheme}://${qseow.host}`,
      baseUrl: `${scheme}://${qseow.host}/${qseow.prefix}`,
      cookieName: qseow.cookieName(!options.http),
      login: (user) => {
        const session = qseow.createSession(user);
        return { cookie: { name: qseow.cookieName(!options.http), value: session.id }, csrfToken: session.csrfToken };
      },
    },
    requests: () => server.requests.all(),
    users: tenant.users,
    apiKey: tenant.developerApiKey,
    apps,
    calls: () => tenant.calls(),
    persistentChanges: () => persistentChanges(tenant.calls()),
    callsFor: (key) => tenant.calls().filter((c) => (typeof key === 'string' ? c.session === key : c.userId === key.id)),
    faults: { set: (faults) => tenant.setFaults(faults), reset: () => tenant.setFaults({}) },
    webIntegrations: { add: (input) => tenant.addWebIntegration(input), list: () => tenant.listWebIntegrations() },
    oauthClients: {
      add: (input) => tenant.addOAuthClient(input),
      list: () => tenant.listOAuthClients(),
      revokeRefreshTokens: (clientId) => tenant.revokeRefreshTokens(clientId),
    },
    apiKeys: { revoke: (key) => tenant.revokeApiKey(key) },
    appAccess: { revoke: (user, appId) => tenant.revokeAppAccess(user.id, appId) },
    authLog: () => tenant.authLog(),
    login,
    loginCookieHeader: (user) => login(user).cookie,
    reset: () => {
      tenant.reset();
      qseow.reset();
      server.requests.clear();
      server.engine.closeAll();
    },
    close: () => server.close(),
  };
}
