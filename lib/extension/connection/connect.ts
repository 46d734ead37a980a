// One connection to the Qlik app in a tab, per mode. The background's analysis code only sees
// `QlikConnection`: an engine URL, a WebSocket-like factory for enigma.js and a fetch for REST.
//
// Modes (lib/protocol/settings.ts ConnectionMode):
// - session: everything goes through the in-tab bridge (lib/extension/bridge), as the page, with
//   the user's cookies: no admin set-up, works on QSEoW, in Firefox containers.
// - web-integration: the background talks to the tenant itself, with the session cookies,
//   `qlik-web-integration-id` and the CSRF token; the tenant must allow-list the extension origin.
// - oauth: Bearer token on REST, token-exchanged `?accessToken=` on the engine.
// - api-key: Bearer on REST; engine only if the declarativeNetRequest header rule works.
import { browser } from 'wxt/browser';
import { type Settings } from '../../protocol/settings';
import { apiKeyFor, type HostConnection } from '../settings/host-connection';
import type { BrowserSocketLike } from '../bridge/types';
import { csrfSocketParams, fetchCsrfToken, withCsrf, type CsrfCredentials } from '../../qlik/auth/csrf';
import {
  QlikProblemError,
  closeEventOf,
  describeQlikFailure,
  qlikError,
  type ConnectionModeName,
  type ProblemContext,
  type QlikProblem,
} from '../../qlik/errors';
import { platformFromProductInfo, platformGuessFromHost, type QlikPlatform } from '../../qlik/platform';
import { engineUrl, isSameApp, parseQlikAppUrl, withQueryParams, type QlikAppLocation } from '../../qlik/url';
import { modeSupport } from '../../qlik/auth/modes';
import { openTabBridge } from '../bridge/connect-tab';
import { BRIDGE_STOPPED_CLOSE_CODE } from '../bridge/client';
import type { FetchLike } from '../../qlik/rest/client';
import { installApiKeyRule, removeApiKeyRule } from './api-key-rule';
import { deferredSocket, type DeferredSocket } from './deferred-socket';
import { extensionOriginInfo } from './extension-origin';
import { getAccessToken, getWebSocketToken } from './oauth';

export type ConnectionSettings = Settings['connection'];

export interface QlikConnection {
  readonly mode: ConnectionModeName;
  readonly app: QlikAppLocation;
  readonly platform: QlikPlatform;
  /** the engine can be reached in this mode (false: analyse what REST allows) */
  readonly engineAvailable: boolean;
  /** `wss://…/app/<id>/identity/<identity>?reloadUri=…` without credentials (createSocket adds them) */
  engineUrl(identity: string): string;
  /** for enigma.js `createSocket`: adds this mode's credentials, then opens */
  createSocket(url: string): BrowserSocketLike;
  /** REST on the tenant with this mode's credentials; relative paths resolve on the tenant origin */
  fetch: FetchLike;
  /** an actionable explanation of any error from enigma.js or REST (may ask the tenant once) */
  explainFailure(error: unknown): Promise<QlikProblem>;
  /** closes every socket this connection opened and releases the bridge / header rule */
  close(): void;
}

/** A fresh engine identity per analysis, so the user's own selections are never touched. */
export function newAnalysisIdentity(): string {
  return `qlarity-${crypto.randomUUID()}`;
}

interface Transport {
  platform: QlikPlatform;
  fetch: FetchLike;
  openSocket(url: string): BrowserSocketLike;
  /** the mode's credentials on the engine URL (async: tokens may have to be fetched first) */
  authorizeSocketUrl(url: string): Promise<string>;
  engineAvailable: boolean;
  release(): void;
}

/**
 * `lookup` gives the connection for the tab's host (lib/extension/settings/host-connection.ts connectionFor): the
 * host is only known once the tab's URL is read, and an API key only goes to its own host.
 */
export async function connectToTab(tabId: number, lookup: (host: string) => HostConnection): Promise<QlikConnection> {
  const tab = await browser.tabs.get(tabId);
  const app = parseQlikAppUrl(tab.url ?? '');
  if (!app) throw new QlikProblemError({ code: 'not-an-app', message: 'This tab does not show a Qlik Sense app.', action: 'Open an app (a sheet, the data load editor or the data model viewer) and try again.', retryable: false });
  const resolved = lookup(app.host);
  const settings = resolved.connection;
  const mode = settings.mode;
  const context: ProblemContext = {
    mode,
    host: app.host,
    appId: app.appId,
    ...(mode === 'web-integration' ? { extensionOrigin: extensionOriginInfo().origin, webIntegrationId: settings.webIntegrationId } : {}),
  };
  const transport = mode === 'session' ? await sessionTransport(tabId, app, context) : await directTransport(app, resolved, context);
  return assemble(mode, app, transport, context);
}

function assemble(mode: ConnectionModeName, app: QlikAppLocation, transport: Transport, context: ProblemContext): QlikConnection {
  const sockets = new Set<DeferredSocket>();
  let lastSocket: DeferredSocket | undefined;
  let closed = false;

  const createSocket = (url: string): BrowserSocketLike => {
    if (closed) throw qlikError({ kind: 'tab-gone' }, context);
    const socket = deferredSocket(url, () => transport.authorizeSocketUrl(url), transport.openSocket, () => sockets.delete(socket));
    sockets.add(socket);
    lastSocket = socket;
    return socket;
  };

  const explainFailure = async (error: unknown): Promise<QlikProblem> => {
    if (error instanceof QlikProblemError) return error.problem;
    if (lastSocket?.prepareError instanceof QlikProblemError) return lastSocket.prepareError.problem;
    // lib/qlik/engine EngineError of kind "attached": OnConnected said SESSION_ATTACHED
    if ((error as { kind?: unknown } | null)?.kind === 'attached') return describeQlikFailure({ kind: 'session-attached' }, context);
    // lib/qlik/engine: the engine stopped answering, or a whole run passed its limit (timeouts.ts); the message says what waited
    if ((error as { kind?: unknown } | null)?.kind === 'unresponsive' && error instanceof Error) {
      return { code: 'timeout', message: error.message, action: 'The engine may be overloaded or the network down; try again later.', retryable: true };
    }
    const close = closeEventOf(error);
    if (mode === 'session' && close?.code === BRIDGE_STOPPED_CLOSE_CODE && close.reason) {
      return {
        code: 'unexpected',
        message: close.reason,
        action: 'A script in the Qlik page sent more than Qlarity accepts. Reload the tab (or open the app without third-party extensions) and run the analysis again.',
        retryable: true,
      };
    }
    if (close && close.code >= 4000) return describeQlikFailure({ kind: 'socket-closed', code: close.code, reason: close.reason, beforeOpen: !lastSocket?.everOpened }, context);
    const status = statusOf(error);
    if (status) return describeQlikFailure({ kind: 'http', status: status.status, ...(status.body ? { body: status.body } : {}) }, context);
    if (close || (lastSocket && !lastSocket.everOpened)) {
      // Browsers hide why a handshake was refused: ask the tenant who we are, the same way.
      const probe = await probeIdentity(transport.fetch, app);
      if (probe && probe.status !== 200) return describeQlikFailure({ kind: 'http', status: probe.status, body: probe.body, what: 'Engine connection' }, context);
      // the key works on REST (a revoked key is a 401 above), but the handshake went without it
      if (mode === 'api-key') return describeQlikFailure({ kind: 'api-key-no-engine' }, context);
      if (probe?.status === 200 && mode === 'web-integration') {
        return describeQlikFailure({ kind: 'http', status: 403, body: JSON.stringify({ title: 'origin not allowed for the engine' }), what: 'Engine connection' }, context);
      }
      return describeQlikFailure({ kind: 'socket-closed', code: close?.code ?? 1006, reason: close?.reason ?? '', beforeOpen: true }, context);
    }
    if (error instanceof TypeError) return describeQlikFailure({ kind: 'network', message: error.message }, context);
    const message = error instanceof Error ? error.message : String(error);
    return { code: 'unexpected', message: `Unexpected error: ${message}`, action: 'Try again; if it persists, please report it.', retryable: false };
  };

  return {
    mode,
    app,
    platform: transport.platform,
    engineAvailable: transport.engineAvailable,
    engineUrl: (identity) => engineUrl(app, { identity }),
    createSocket,
    fetch: (input, init) => (closed ? Promise.reject(new TypeError('The connection is closed.')) : transport.fetch(input, init)),
    explainFailure,
    close: () => {
      if (closed) return;
      closed = true;
      for (const socket of sockets) socket.close(1000, 'Qlarity finished');
      sockets.clear();
      transport.release();
    },
  };
}

function statusOf(error: unknown): { status: number; body?: string } | undefined {
  if (error instanceof Response) return { status: error.status };
  if (!error || typeof error !== 'object') return undefined;
  const { status, body } = error as { status?: unknown; body?: unknown };
  if (typeof status === 'number' && status >= 400 && status <= 599) return { status, ...(typeof body === 'string' ? { body } : {}) };
  return undefined;
}

async function probeIdentity(fetchFn: FetchLike, app: QlikAppLocation): Promise<{ status: number; body: string } | undefined> {
  if (app.hostKind === 'other') return undefined; // QSEoW has no /api/v1/users/me
  try {
    const response = await fetchFn(`${app.origin}/api/v1/users/me`, { headers: { accept: 'application/json' } });
    return { status: response.status, body: (await response.text()).slice(0, 4096) };
  } catch {
    return undefined;
  }
}

// ---- session mode: through the tab ----

async function sessionTransport(tabId: number, app: QlikAppLocation, context: ProblemContext): Promise<Transport> {
  const { client, probe } = await openTabBridge(tabId, app.origin, context);
  if (!isSameApp(parseQlikAppUrl(probe.href), app)) {
    client.close();
    throw qlikError({ kind: 'tab-gone' }, context);
  }
  const platform = probe.productInfo ? platformFromProductInfo(probe.productInfo.status, probe.productInfo.body).platform : platformGuessFromHost(app.hostKind);
  const effective = platform === 'unknown' ? platformGuessFromHost(app.hostKind) : platform;
  let csrf: Promise<CsrfCredentials> | undefined;
  const freshCsrf = () => (csrf = fetchCsrfToken(client.fetch, app, effective, context));
  const cachedCsrf = () => csrf ?? freshCsrf();
  const needsXrf = effective === 'qseow' || effective === 'qlik-sense-desktop';
  return {
    platform: effective,
    engineAvailable: true,
    openSocket: client.createSocket,
    // @qlik/api refetches the CSRF token for every socket (PR #67); so do we.
    authorizeSocketUrl: async (url) => withQueryParams(url, csrfSocketParams(await freshCsrf())),
    fetch: async (input, init = {}) => {
      const method = (init.method ?? 'GET').toUpperCase();
      if (!needsXrf && (method === 'GET' || method === 'HEAD')) return client.fetch(input, init);
      const signed = withCsrf(String(input), init, await cachedCsrf());
      return client.fetch(signed.url, signed.init);
    },
    release: () => client.close(),
  };
}

// ---- direct modes: from the background ----

function nativeSocket(url: string): BrowserSocketLike {
  return new WebSocket(url) as unknown as BrowserSocketLike;
}

function resolveOnTenant(input: string | URL, app: QlikAppLocation): string {
  const url = new URL(String(input), app.origin);
  if (url.origin !== app.origin) throw new TypeError(`Qlarity only calls ${app.origin}, not ${url.origin}.`);
  return url.href;
}

async function directTransport(app: QlikAppLocation, resolved: HostConnection, context: ProblemContext): Promise<Transport> {
  const settings = resolved.connection;
  const platform = platformGuessFromHost(app.hostKind);
  const support = modeSupport(settings.mode, platform);
  if (!support.rest) throw new QlikProblemError({ code: 'mode-unsupported', message: support.note ?? 'This mode does not work here.', action: 'Switch Qlarity to "My Qlik session" mode on the options page.', retryable: false });

  if (settings.mode === 'web-integration') {
    const id = settings.webIntegrationId;
    const withIntegration = (init: RequestInit = {}): RequestInit => {
      const headers = new Headers(init.headers);
      headers.set('qlik-web-integration-id', id);
      return { ...init, headers, credentials: 'include' };
    };
    let csrf: Promise<CsrfCredentials> | undefined;
    const getCsrf = (fresh = false) => (fresh || !csrf ? (csrf = fetchCsrfToken((u, i) => fetch(u, withIntegration(i)), app, platform, context)) : csrf);
    return {
      platform,
      engineAvailable: true,
      openSocket: nativeSocket,
      authorizeSocketUrl: async (url) => withQueryParams(url, { 'qlik-web-integration-id': id, ...csrfSocketParams(await getCsrf(true)) }),
      fetch: async (input, init = {}) => {
        const method = (init.method ?? 'GET').toUpperCase();
        const url = resolveOnTenant(input, app);
        if (method === 'GET' || method === 'HEAD') return fetch(url, withIntegration(init));
        const signed = withCsrf(url, init, await getCsrf());
        return fetch(signed.url, withIntegration(signed.init));
      },
      release: () => {},
    };
  }

  if (settings.mode === 'oauth') {
    const clientId = settings.oauthClientId;
    await getAccessToken(app.origin, clientId); // fail early with "sign in" when there is no token
    return {
      platform,
      engineAvailable: true,
      openSocket: nativeSocket,
      authorizeSocketUrl: async (url) => withQueryParams(url, { accessToken: await getWebSocketToken(app.origin, clientId) }),
      fetch: async (input, init = {}) => {
        const headers = new Headers(init.headers);
        headers.set('Authorization', `Bearer ${await getAccessToken(app.origin, clientId)}`);
        return fetch(resolveOnTenant(input, app), { ...init, headers, credentials: 'omit' });
      },
      release: () => {},
    };
  }

  // api-key: only the key entered for exactly this host, never one from another entry
  const key = apiKeyFor(resolved, app.host);
  if (!key.ok) throw new QlikProblemError({ code: 'mode-unsupported', message: key.message, action: 'Open Qlarity\'s options and add this tenant with its own API key, or use "My Qlik session" mode.', retryable: false });
  const apiKey = key.apiKey;
  const ruleId = await installApiKeyRule(app, apiKey);
  const ruleInstalled = ruleId !== undefined;
  return {
    platform,
    engineAvailable: ruleInstalled,
    openSocket: nativeSocket,
    authorizeSocketUrl: async (url) => {
      if (!ruleInstalled) throw qlikError({ kind: 'api-key-no-engine' }, context);
      return url;
    },
    fetch: async (input, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('Authorization', `Bearer ${apiKey}`);
      return fetch(resolveOnTenant(input, app), { ...init, headers, credentials: 'omit' });
    },
    release: () => {
      if (ruleId !== undefined) void removeApiKeyRule(ruleId);
    },
  };
}

