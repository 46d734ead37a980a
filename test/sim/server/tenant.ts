// Mutable state of one simulated tenant: login sessions, tokens, web integrations,
// OAuth clients, faults and the engine call records. Everything per-test lives here.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { CallRecord, FaultConfig, SimApp, SimUser } from '../types';
import { builtInUsers, newApiKey, tenantIdFor } from './users';

export interface LoginSession {
  sid: string;
  /** the value `GET /api/v1/csrf-token` hands out and non-GET calls must echo */
  csrfToken: string;
  /** the `_csrfToken` cookie value the CSRF token is derived from */
  csrfSecret: string;
  userId: string;
  createdAt: number;
}

export interface WebIntegration {
  id: string;
  name: string;
  validOrigins: string[];
}

export interface OAuthClient {
  clientId: string;
  redirectUris: string[];
  /** SPA clients only: origins allowed to call the token endpoint and the APIs */
  allowedOrigins: string[];
  /** lifetime of the access tokens issued to this client (default 6 hours); tests shorten it to force a refresh */
  accessTokenSeconds?: number;
}

/** How one REST call, engine handshake or token request was authenticated, for tests. */
export interface AuthRecord {
  kind: 'rest' | 'websocket' | 'token';
  method: string;
  path: string;
  /** who the caller turned out to be: cookie, apikey, oauth; `none` without credentials, `invalid` for a bad bearer/token */
  via: 'cookie' | 'apikey' | 'oauth' | 'none' | 'invalid';
  /** an `Authorization: Bearer` header was present */
  bearer: boolean;
  /** OAuth: the token's purpose (`api` on REST, `websocket` for the exchanged `?accessToken=`) */
  tokenPurpose?: 'api' | 'websocket' | 'webresource';
  /** token requests: the grant type and the answer's status */
  grant?: string;
  status?: number;
  at: number;
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  userId: string;
  scope: string;
  expiresAt: number;
}

export interface AccessToken {
  userId: string;
  clientId: string;
  scope: string;
  expiresAt: number;
  /** `api` for a normal access token; `websocket` for a token-exchanged engine token */
  purpose: 'api' | 'websocket' | 'webresource';
}

interface RefreshToken {
  userId: string;
  clientId: string;
  scope: string;
}

/** An app evaluation started through the REST API (status progresses with time). */
export interface StartedEvaluation {
  id: string;
  appId: string;
  createdAt: number;
  template: Record<string, unknown> | undefined;
}

const ACCESS_TOKEN_SECONDS = 6 * 3600; // "valid for 6 hours" [V: @qlik/api docs/authentication.md]
const WEBSOCKET_TOKEN_SECONDS = 60; // short-lived; exact lifetime unknown [I]
const AUTH_CODE_MS = 60_000;

export class Tenant {
  readonly users: { developer: SimUser; viewer: SimUser };
  readonly apiKeys = new Map<string, string>();
  readonly developerApiKey: string;
  readonly tenantId: string;
  private readonly cookieKey = randomBytes(32);
  private readonly loginSessions = new Map<string, LoginSession>();
  private readonly integrations = new Map<string, WebIntegration>();
  private readonly clients = new Map<string, OAuthClient>();
  private readonly codes = new Map<string, AuthCode>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, RefreshToken>();
  private readonly evaluationsStarted = new Map<string, StartedEvaluation>();
  private readonly rateLimitHits = new Map<number, number>();
  /** `<userId> <appId>` pairs whose access was taken away (the app moved to a space the user is not in) */
  private readonly revokedAccess = new Set<string>();
  private records: CallRecord[] = [];
  private authRecords: AuthRecord[] = [];
  private faultConfig: FaultConfig = {};

  constructor(
    readonly tenantHost: string,
    readonly apps: SimApp[],
  ) {
    this.users = builtInUsers();
    this.tenantId = tenantIdFor(tenantHost);
    this.developerApiKey = newApiKey(this.users.developer, tenantHost);
    this.apiKeys.set(this.developerApiKey, this.users.developer.id);
  }

  allUsers(): SimUser[] {
    return [this.users.developer, this.users.viewer];
  }

  userById(id: string): SimUser | undefined {
    return this.allUsers().find((u) => u.id === id);
  }

  /** log-in name: the e-mail address or the role name ("developer" / "viewer") */
  userByLogin(login: string, password: string): SimUser | undefined {
    const name = login.trim().toLowerCase();
    return this.allUsers().find((u) => (u.email === name || u.role === name) && u.password === password);
  }

  app(appId: string): SimApp | undefined {
    return this.apps.find((a) => a.id === appId);
  }

  // --- login sessions (cookie auth) ---

  createLoginSession(user: SimUser): LoginSession {
    const csrfSecret = randomBytes(18).toString('base64url');
    const session: LoginSession = {
      sid: randomBytes(24).toString('base64url'),
      csrfSecret,
      csrfToken: this.sign(`csrf:${csrfSecret}`).slice(0, 36),
      userId: user.id,
      createdAt: Date.now(),
    };
    this.loginSessions.set(session.sid, session);
    return session;
  }

  loginSession(sid: string, signature: string | undefined): LoginSession | undefined {
    if (!signature || signature !== this.sign(sid)) return undefined;
    return this.loginSessions.get(sid);
  }

  endLoginSession(sid: string): void {
    this.loginSessions.delete(sid);
  }

  /** cookie signature in the style of keygrip (`<name>.sig`: base64url HMAC-SHA1, 27 chars) */
  sign(value: string): string {
    return createHmac('sha1', this.cookieKey).update(value).digest('base64url');
  }

  // --- web integrations ---

  addWebIntegration(input: { id?: string; name?: string; validOrigins: string[] }): WebIntegration {
    const integration: WebIntegration = {
      id: input.id ?? randomBytes(24).toString('base64url').slice(0, 32),
      name: input.name ?? 'Web integration',
      validOrigins: [...input.validOrigins],
    };
    this.integrations.set(integration.id, integration);
    return integration;
  }

  webIntegration(id: string | undefined | null): WebIntegration | undefined {
    return id ? this.integrations.get(id) : undefined;
  }

  listWebIntegrations(): WebIntegration[] {
    return [...this.integrations.values()];
  }

  // --- OAuth ---

  addOAuthClient(input: { clientId?: string; redirectUris: string[]; allowedOrigins?: string[]; accessTokenSeconds?: number }): OAuthClient {
    const client: OAuthClient = {
      clientId: input.clientId ?? randomBytes(16).toString('hex'),
      redirectUris: [...input.redirectUris],
      allowedOrigins: [...(input.allowedOrigins ?? [])],
      ...(input.accessTokenSeconds !== undefined ? { accessTokenSeconds: input.accessTokenSeconds } : {}),
    };
    this.clients.set(client.clientId, client);
    return client;
  }

  oauthClient(clientId: string | undefined | null): OAuthClient | undefined {
    return clientId ? this.clients.get(clientId) : undefined;
  }

  listOAuthClients(): OAuthClient[] {
    return [...this.clients.values()];
  }

  issueAuthCode(input: Omit<AuthCode, 'expiresAt'>): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { ...input, expiresAt: Date.now() + AUTH_CODE_MS });
    return code;
  }

  /** a code is single-use: taking it removes it */
  takeAuthCode(code: string): AuthCode | undefined {
    const found = this.codes.get(code);
    this.codes.delete(code);
    return found && found.expiresAt > Date.now() ? found : undefined;
  }

  issueTokens(input: { userId: string; clientId: string; scope: string; withRefresh: boolean }) {
    const accessToken = randomBytes(32).toString('base64url');
    const expiresAt = Date.now() + (this.clients.get(input.clientId)?.accessTokenSeconds ?? ACCESS_TOKEN_SECONDS) * 1000;
    this.accessTokens.set(accessToken, { userId: input.userId, clientId: input.clientId, scope: input.scope, expiresAt, purpose: 'api' });
    let refreshToken: string | undefined;
    if (input.withRefresh) {
      refreshToken = randomBytes(32).toString('base64url');
      this.refreshTokens.set(refreshToken, { userId: input.userId, clientId: input.clientId, scope: input.scope });
    }
    return { accessToken, refreshToken, expiresAt };
  }

  /** refresh tokens rotate: the used one is revoked */
  takeRefreshToken(token: string): RefreshToken | undefined {
    const found = this.refreshTokens.get(token);
    this.refreshTokens.delete(token);
    return found;
  }

  accessToken(token: string): AccessToken | undefined {
    const found = this.accessTokens.get(token);
    return found && found.expiresAt > Date.now() ? found : undefined;
  }

  exchangeToken(subject: AccessToken, purpose: 'websocket' | 'webresource') {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = Date.now() + WEBSOCKET_TOKEN_SECONDS * 1000;
    this.accessTokens.set(token, { ...subject, purpose, expiresAt });
    return { token, expiresAt };
  }

  revokeToken(token: string): void {
    this.accessTokens.delete(token);
    this.refreshTokens.delete(token);
  }

  /** every refresh token of a client becomes invalid (an admin revoked the user's grants) */
  revokeRefreshTokens(clientId: string): void {
    for (const [token, grant] of this.refreshTokens) if (grant.clientId === clientId) this.refreshTokens.delete(token);
  }

  // --- API keys ---

  /** a key deleted or revoked in the tenant: the bearer no longer resolves */
  revokeApiKey(key: string): void {
    this.apiKeys.delete(key);
  }

  // --- access taken away ---

  revokeAppAccess(userId: string, appId: string): void {
    this.revokedAccess.add(`${userId} ${appId}`);
  }

  accessRevoked(userId: string, appId: string): boolean {
    return this.revokedAccess.has(`${userId} ${appId}`);
  }

  // --- how callers authenticated ---

  recordAuth(record: Omit<AuthRecord, 'at'>): void {
    this.authRecords.push({ ...record, at: Date.now() });
  }

  authLog(): AuthRecord[] {
    return [...this.authRecords];
  }

  // --- app evaluations started over REST ---

  startEvaluation(app: SimApp): StartedEvaluation {
    const newest = app.evaluations[0];
    const started: StartedEvaluation = {
      id: createHash('sha1').update(randomBytes(16)).digest('hex').slice(0, 24),
      appId: app.id,
      createdAt: Date.now(),
      template: newest && typeof newest === 'object' ? (newest as Record<string, unknown>) : undefined,
    };
    this.evaluationsStarted.set(started.id, started);
    return started;
  }

  startedEvaluation(id: string): StartedEvaluation | undefined {
    return this.evaluationsStarted.get(id);
  }

  startedEvaluationsFor(appId: string): StartedEvaluation[] {
    return [...this.evaluationsStarted.values()].filter((e) => e.appId === appId);
  }

  // --- faults ---

  faults(): FaultConfig {
    return this.faultConfig;
  }

  setFaults(faults: FaultConfig): void {
    this.faultConfig = structuredClone(faults);
    this.rateLimitHits.clear();
  }

  /** the Retry-After seconds when this path is rate limited now (and counts the hit) */
  rateLimitFor(path: string): number | undefined {
    const rules = this.faultConfig.rateLimit ?? [];
    for (const [index, rule] of rules.entries()) {
      if (!path.startsWith(rule.pathPrefix)) continue;
      const hits = this.rateLimitHits.get(index) ?? 0;
      if (rule.times !== undefined && hits >= rule.times) continue;
      this.rateLimitHits.set(index, hits + 1);
      return rule.retryAfterSeconds;
    }
    return undefined;
  }

  // --- engine call records ---

  record(call: CallRecord): void {
    this.records.push(call);
  }

  calls(): CallRecord[] {
    return [...this.records];
  }

  /** back to the state after start: no calls, faults, logins, tokens, integrations or clients */
  reset(): void {
    this.records = [];
    this.authRecords = [];
    this.revokedAccess.clear();
    this.apiKeys.clear();
    this.apiKeys.set(this.developerApiKey, this.users.developer.id);
    this.faultConfig = {};
    this.rateLimitHits.clear();
    this.loginSessions.clear();
    this.integrations.clear();
    this.clients.clear();
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.evaluationsStarted.clear();
  }
}
