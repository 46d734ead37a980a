// Turns what can go wrong between Qlarity and Qlik (HTTP answers, LOGIN-* bodies, WebSocket close
// codes, timeouts, a re-used engine session) into one message a Qlik developer can act on.
//
// Sources:
// - Close codes 4003-4240 and their meanings: @qlik/api 2.19.0 `src/qix/session/websocket-errors.ts`
//   (chunks/qix-*.js, `closeCodeMessages`).
// - LOGIN-10 "returnto not included in web integration whitelist", LOGIN-8 "Illegal returnto value":
//   Motio QSDA docs "QCS - Qlik Cloud Connection"; LOGIN-2 and AUTH-5: Qlik support article
//   "Error When Logging Into Qlik Cloud tenant" (../shared/research/connectivity.md 1.3).
// - Web integrations hold origins, no wildcards, created under Administration → Web: help.qlik.com
//   "Managing web integrations"; the CSRF token rules: qlik.dev "Build web solutions".
// - SESSION_ATTACHED on OnConnected: @qlik/api records `qSessionState` (connectivity.md 5.3).

export type ConnectionModeName = 'session' | 'web-integration' | 'oauth' | 'api-key';

export type QlikProblemCode =
  | 'not-logged-in'
  | 'not-member'
  | 'wrong-tenant'
  | 'origin-not-allowed'
  | 'illegal-returnto'
  | 'csrf-rejected'
  | 'forbidden'
  | 'no-app-permission'
  | 'app-not-found'
  | 'rate-limited'
  | 'not-entitled'
  | 'no-engines'
  | 'engine-busy'
  | 'engine-error'
  | 'session-attached'
  | 'session-timed-out'
  | 'bad-request'
  | 'timeout'
  | 'network'
  | 'tab-gone'
  | 'oauth-failed'
  | 'api-key-no-engine'
  | 'not-an-app'
  | 'mode-unsupported'
  | 'server-error'
  | 'unexpected';

export type QlikFailure =
  /** an HTTP answer that was not OK; `body` is the raw text (JSON error bodies are read from it) */
  | { kind: 'http'; status: number; body?: string; retryAfter?: string | null; what?: string }
  /** the engine WebSocket closed; `beforeOpen` when the handshake never completed */
  | { kind: 'socket-closed'; code: number; reason?: string; beforeOpen: boolean }
  | { kind: 'timeout'; what: string; ms: number }
  /** OnConnected said SESSION_ATTACHED for an identity that should have been fresh */
  | { kind: 'session-attached' }
  /** fetch rejected / socket error without a close code */
  | { kind: 'network'; message?: string }
  | { kind: 'tab-gone' }
  | { kind: 'oauth'; error: string; description?: string }
  | { kind: 'api-key-no-engine' };

export interface ProblemContext {
  mode?: ConnectionModeName;
  /** `tenant.eu.qlikcloud.com` */
  host?: string;
  appId?: string;
  /** the origin a tenant admin must allow-list: `chrome-extension://<id>` / `moz-extension://<uuid>` */
  extensionOrigin?: string;
  webIntegrationId?: string;
}

export interface QlikProblem {
  code: QlikProblemCode;
  /** what happened, in one sentence */
  message: string;
  /** what the user can do about it */
  action: string;
  /** trying again later may work (rate limit, no engines, network) */
  retryable: boolean;
  retryAfterMs?: number;
  /** set when the fix is to allow-list this origin in a web integration */
  allowOrigin?: string;
}

/** An Error carrying a QlikProblem: `code` + a full sentence, as lib/extension/errors.ts toErrorInfo expects. */
export class QlikProblemError extends Error {
  readonly code: QlikProblemCode;
  constructor(readonly problem: QlikProblem) {
    super(`${problem.message} ${problem.action}`.trim());
    this.name = 'QlikProblemError';
    this.code = problem.code;
  }
}

export function qlikError(failure: QlikFailure, context: ProblemContext = {}): QlikProblemError {
  return new QlikProblemError(describeQlikFailure(failure, context));
}

/** The `code`/`title` of a Qlik error body: `{code,title}` or `{errors:[{code,title}]}`. */
export function readQlikErrorBody(body: string | undefined): { code?: string; title?: string } {
  if (!body) return {};
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return {};
  }
  const pick = (value: unknown): { code?: string; title?: string } => {
    if (!value || typeof value !== 'object') return {};
    const record = value as Record<string, unknown>;
    return {
      ...(typeof record.code === 'string' ? { code: record.code } : {}),
      ...(typeof record.title === 'string' ? { title: record.title.slice(0, 300) } : {}),
    };
  };
  const root = json as { errors?: unknown };
  if (Array.isArray(root?.errors) && root.errors.length > 0) return pick(root.errors[0]);
  return pick(json);
}

/** Retry-After (seconds or an HTTP date) in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const where = (c: ProblemContext) => (c.host ? ` on ${c.host}` : '');
const theApp = (c: ProblemContext) => (c.appId ? `app ${c.appId}` : 'the app');

function loginAction(c: ProblemContext): string {
  switch (c.mode) {
    case 'oauth':
      return 'Sign in again from Qlarity\'s options page (OAuth), then run the analysis again.';
    case 'api-key':
      return 'Check the API key in Qlarity\'s options: it may be expired, revoked, or from another tenant.';
    case 'web-integration':
      return `Sign in to ${c.host ?? 'the tenant'} in a tab, then run the analysis again.`;
    default:
      return `Sign in to ${c.host ?? 'Qlik'} in this tab (reload it if the sign-in expired), then run the analysis again.`;
  }
}

function originAction(c: ProblemContext): string {
  const origin = c.extensionOrigin ?? 'the extension origin shown on Qlarity\'s options page';
  const integration = c.webIntegrationId ? ` ${c.webIntegrationId}` : '';
  return (
    `Ask a tenant admin to add ${origin} to the allowed origins of web integration${integration} ` +
    '(Administration → Web), or switch Qlarity to "My Qlik session" mode, which needs no set-up.'
  );
}

function fromHttp(f: Extract<QlikFailure, { kind: 'http' }>, c: ProblemContext): QlikProblem {
  const body = readQlikErrorBody(f.body);
  const what = f.what ? `${f.what}: ` : '';
  switch (body.code) {
    case 'LOGIN-10':
      return {
        code: 'origin-not-allowed',
        message: `${what}the tenant${where(c)} refused the sign-in because this origin is not in the web integration's allow-list (LOGIN-10).`,
        action: originAction(c),
        retryable: false,
        ...(c.extensionOrigin ? { allowOrigin: c.extensionOrigin } : {}),
      };
    case 'LOGIN-8':
      return {
        code: 'illegal-returnto',
        message: `${what}the tenant${where(c)} refused the sign-in address (LOGIN-8: illegal returnto).`,
        action: `Sign in on ${c.host ?? 'the tenant'} directly in a tab (not through the extension), then try again. ${originAction(c)}`,
        retryable: false,
        ...(c.extensionOrigin ? { allowOrigin: c.extensionOrigin } : {}),
      };
    case 'LOGIN-2':
      return {
        code: 'wrong-tenant',
        message: `${what}${c.host ?? 'This host'} has no sign-in configured (LOGIN-2): it is not a Qlik Cloud tenant address.`,
        action: 'Open the app from your tenant\'s own address (the one in the Qlik Cloud hub).',
        retryable: false,
      };
    case 'AUTH-5':
      return {
        code: 'not-member',
        message: `${what}your user is not a member of the tenant${where(c)} (AUTH-5).`,
        action: 'Sign in with the account that belongs to this tenant, or ask a tenant admin to invite you.',
        retryable: false,
      };
  }
  const title = body.title ? ` (${body.title})` : '';
  if (f.status === 401) {
    return { code: 'not-logged-in', message: `${what}you are not signed in${where(c)}${title}.`, action: loginAction(c), retryable: false };
  }
  if (f.status === 403) {
    if (/csrf/i.test(body.title ?? '')) {
      return {
        code: 'csrf-rejected',
        message: `${what}the tenant${where(c)} rejected the CSRF token${title}.`,
        action: 'Reload the Qlik tab (the sign-in may have been renewed), then run the analysis again.',
        retryable: true,
      };
    }
    if (/origin/i.test(body.title ?? '') && (c.mode === 'web-integration' || c.mode === 'oauth')) {
      return {
        code: 'origin-not-allowed',
        message: `${what}the tenant${where(c)} refused requests from this extension's origin${title}.`,
        action: c.mode === 'oauth'
          ? `Ask a tenant admin to add ${c.extensionOrigin ?? 'the extension origin'} to the OAuth client's allowed origins, or use "My Qlik session" mode.`
          : originAction(c),
        retryable: false,
        ...(c.extensionOrigin ? { allowOrigin: c.extensionOrigin } : {}),
      };
    }
    return {
      code: 'forbidden',
      message: `${what}you do not have access to ${theApp(c)}${where(c)}${title}.`,
      action: 'Ask the space owner for at least "Can view" on the app\'s space, or open an app you can access.',
      retryable: false,
    };
  }
  if (f.status === 404) {
    return {
      code: 'app-not-found',
      message: `${what}${theApp(c)} was not found${where(c)}${title}.`,
      action: 'The app may have been deleted or moved; reopen it from the hub and try again.',
      retryable: false,
    };
  }
  if (f.status === 429) {
    const retryAfterMs = parseRetryAfter(f.retryAfter);
    const wait = retryAfterMs !== undefined ? ` in ${Math.ceil(retryAfterMs / 1000)} s` : ' in a minute';
    return {
      code: 'rate-limited',
      message: `${what}the tenant${where(c)} is rate-limiting requests (429).`,
      action: `Qlarity retries by itself; if this persists, try again${wait}.`,
      retryable: true,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  if (f.status === 400) {
    return { code: 'bad-request', message: `${what}the tenant${where(c)} rejected a request as invalid${title}.`, action: 'This is likely a Qlarity bug: please report it with the Qlik release you use.', retryable: false };
  }
  if (f.status >= 500) {
    return { code: 'server-error', message: `${what}the tenant${where(c)} had an internal error (${f.status})${title}.`, action: 'Try again in a few minutes; check status.qlikcloud.com if it persists.', retryable: true };
  }
  return { code: 'unexpected', message: `${what}unexpected answer ${f.status}${where(c)}${title}.`, action: 'Try again; if it persists, please report it.', retryable: false };
}

function fromClose(f: Extract<QlikFailure, { kind: 'socket-closed' }>, c: ProblemContext): QlikProblem {
  const reason = f.reason ? ` (${f.reason.slice(0, 200)})` : '';
  switch (f.code) {
    case 4203:
      return { code: 'no-app-permission', message: `You have no permission to open ${theApp(c)}${where(c)} (4203).`, action: 'Ask the space owner for at least "Can view" on the app\'s space.', retryable: false };
    case 4204:
      return { code: 'app-not-found', message: `The engine could not find ${theApp(c)}${where(c)} (4204).`, action: 'The app may have been deleted or moved; reopen it from the hub and try again.', retryable: false };
    case 4205:
      return { code: 'rate-limited', message: `Too many engine requests were sent to the tenant${where(c)} in a short time (4205).`, action: 'Wait a minute, then run the analysis again.', retryable: true, retryAfterMs: 60_000 };
    case 4230:
      return { code: 'not-entitled', message: `Your licence does not allow opening ${theApp(c)} this way${where(c)} (4230: not entitled).`, action: 'Check with your tenant admin that your user has a licence (or analyzer capacity) that can open apps.', retryable: false };
    case 4240:
      return { code: 'no-engines', message: `The tenant${where(c)} has no engines available right now (4240).`, action: 'Try again in a few minutes.', retryable: true, retryAfterMs: 30_000 };
    case 4003:
    case 4220:
      return { code: 'engine-busy', message: `The Qlik engine${where(c)} stopped the session (${f.code}${reason}).`, action: 'Try again in a moment.', retryable: true };
    case 4201:
      return { code: 'session-timed-out', message: `The engine session timed out${where(c)} (4201).`, action: 'Run the analysis again.', retryable: true };
    case 4202:
      return { code: 'bad-request', message: `The engine rejected the connection request as invalid (4202${reason}).`, action: 'This is likely a Qlarity bug: please report it with the Qlik release you use.', retryable: false };
    case 4200:
    case 4206:
    case 4210:
    case 4211:
    case 4222:
      return { code: 'server-error', message: `The tenant${where(c)} had a problem connecting to the engine (${f.code}${reason}).`, action: 'Try again in a few minutes; check status.qlikcloud.com if it persists.', retryable: true };
  }
  if (f.beforeOpen) {
    // Browsers hide the HTTP status of a refused handshake (it arrives as 1006): the caller
    // diagnoses with a REST probe (see diagnoseRefusedHandshake) when it can.
    const modeHint =
      c.mode === 'web-integration'
        ? originAction(c)
        : c.mode === 'api-key'
          ? 'API keys may not be usable for the engine from a browser; switch to "My Qlik session" mode for the full analysis.'
          : loginAction(c);
    return { code: 'network', message: `The engine connection${where(c)} was refused before it opened (${f.code}${reason}).`, action: modeHint, retryable: true };
  }
  if (f.code === 1000 || f.code === 1001) {
    return { code: 'network', message: `The engine closed the connection${where(c)}${reason}.`, action: 'Run the analysis again.', retryable: true };
  }
  return { code: 'network', message: `The engine connection${where(c)} dropped (${f.code}${reason}).`, action: 'Check your network connection, then run the analysis again.', retryable: true };
}

export function describeQlikFailure(failure: QlikFailure, context: ProblemContext = {}): QlikProblem {
  const c = context;
  switch (failure.kind) {
    case 'http':
      return fromHttp(failure, c);
    case 'socket-closed':
      return fromClose(failure, c);
    case 'timeout':
      return { code: 'timeout', message: `${failure.what} did not answer within ${Math.round(failure.ms / 1000)} s${where(c)}.`, action: 'The tenant may be slow or the network down; try again.', retryable: true };
    case 'session-attached':
      return {
        code: 'session-attached',
        message: 'The engine joined an existing session instead of opening a fresh one (SESSION_ATTACHED), so the analysis could touch someone else\'s selections.',
        action: 'Qlarity stopped without changing anything. Run the analysis again (it uses a new session each time).',
        retryable: true,
      };
    case 'network':
      return { code: 'network', message: `Could not reach ${c.host ?? 'the tenant'}${failure.message ? ` (${failure.message})` : ''}.`, action: 'Check your network connection (and VPN), then try again.', retryable: true };
    case 'tab-gone':
      return { code: 'tab-gone', message: 'The Qlik tab was closed, reloaded or left while Qlarity was using it.', action: 'Keep the app open in the tab and run the analysis again.', retryable: true };
    case 'oauth':
      return {
        code: 'oauth-failed',
        message: `OAuth sign-in failed${where(c)}: ${failure.error}${failure.description ? ` (${failure.description.slice(0, 200)})` : ''}.`,
        action: 'Check the OAuth client ID and that the redirect URL shown on Qlarity\'s options page is registered on the client, then sign in again.',
        retryable: false,
      };
    case 'api-key-no-engine':
      return {
        code: 'api-key-no-engine',
        message: 'The API key works for the REST APIs, but this browser does not send it on the engine connection, and the analysis needs the engine (Chrome does not apply header rules to WebSocket handshakes).',
        action: 'Engine analysis needs another mode: switch this tenant to "My Qlik session" or OAuth on Qlarity\'s options page.',
        retryable: false,
      };
  }
}

/** The close event inside an error from enigma.js (`err.original`) or a raw close event. */
export function closeEventOf(error: unknown): { code: number; reason: string } | undefined {
  const candidates = [error, (error as { original?: unknown } | null)?.original];
  for (const candidate of candidates) {
    if (!candidate || typeof candidate !== 'object') continue;
    const { code, reason, type, kind } = candidate as { code?: unknown; reason?: unknown; type?: unknown; kind?: unknown };
    // lib/qlik/engine EngineError: only kind "closed" carries a close code (kind "rpc" has engine error codes)
    if (kind !== undefined && kind !== 'closed') continue;
    // enigma's own error codes are negative numbers: only WebSocket close codes count here
    if (typeof code === 'number' && code >= 1000 && code <= 4999 && (type === 'close' || 'wasClean' in candidate || code >= 4000)) {
      return { code, reason: typeof reason === 'string' ? reason : '' };
    }
  }
  return undefined;
}

/** OnConnected's qSessionState: anything but SESSION_CREATED on a fresh identity is refused. */
export function checkFreshSession(qSessionState: unknown, context: ProblemContext = {}): QlikProblemError | null {
  return qSessionState === 'SESSION_CREATED' ? null : qlikError({ kind: 'session-attached' }, context);
}

/**
 * Bounded exponential backoff for reconnecting after a network drop: 0.5 s, 1 s, 2 s, 4 s, 8 s,
 * then give up (undefined). A problem that is not retryable stops at once; Retry-After wins.
 */
export function retryDelayMs(attempt: number, problem?: QlikProblem, maxAttempts = 5): number | undefined {
  if (problem && !problem.retryable) return undefined;
  if (attempt >= maxAttempts) return undefined;
  if (problem?.retryAfterMs !== undefined) return problem.retryAfterMs;
  return 500 * 2 ** attempt;
}
