// User settings, edited on the options page and read by the background. Stored by
// lib/extension/storage.ts; every read is validated, so a damaged value falls back to defaults.
// The fields after `connection` are optional so settings saved by older versions still load;
// read them through lib/extension/settings/ (connectionFor, retentionOf, analysisConfigOf), which
// supply the defaults.
import { z } from '../schema/zod';
import { RuleSetting, SeveritySetting } from '../analyze/config';
import { Category } from '../analyze/result';
import { TimingMode } from '../snapshot/timing-mode';

/**
 * How Qlarity reaches the app (see README "Connection modes"):
 * - session: the user's own Qlik login, through the Qlik tab (default, no admin set-up)
 * - web-integration: the extension's own requests, allowed by a tenant web integration
 * - oauth: an OAuth2 SPA client (PKCE) created by a tenant admin
 * - api-key: a developer API key (Qlik Cloud only)
 */
export const ConnectionMode = z.enum(['session', 'web-integration', 'oauth', 'api-key']);
export type ConnectionMode = z.infer<typeof ConnectionMode>;

export const ConnectionSettings = z.object({
  mode: ConnectionMode,
  webIntegrationId: z.string().check(z.trim(), z.maxLength(200)),
  oauthClientId: z.string().check(z.trim(), z.maxLength(200)),
  /**
   * Only in a tenant's own entry, and sent to that host only. Kept in this browser profile only
   * (storage.local, trusted contexts), never synced, never sent to the page, never exported.
   */
  apiKey: z.string().check(z.trim(), z.maxLength(4000)),
});
export type ConnectionSettings = z.infer<typeof ConnectionSettings>;

export const API_KEY_PER_TENANT_MESSAGE =
  'API keys are entered per tenant: add the tenant under "Connection per tenant" and enter its key there. A key is sent only to the tenant it was entered for.';

/**
 * The connection for tenants without their own entry. It never holds an API key: a key sent to
 * "every other host" would leave for any look-alike host the user once allowed.
 */
export const DefaultConnectionSettings = ConnectionSettings.check(
  z.refine((c) => c.mode !== 'api-key' && c.apiKey === '', {
    message: API_KEY_PER_TENANT_MESSAGE,
    path: ['mode'],
  }),
);

/** A tenant host name as the address bar shows it, lower case, optional port: `acme.eu.qlikcloud.com`. */
export const TenantHost = z.string().check(
  z.maxLength(253),
  z.regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/, {
    message: 'Enter a host name such as acme.eu.qlikcloud.com (no https://, no path).',
  }),
);

export const Retention = z.object({
  /** how many apps keep their last analysis */
  maxApps: z.int('Enter a whole number.').check(z.minimum(1, 'Keep at least 1 app.'), z.maximum(500, 'At most 500 apps.')),
  /** analyses older than this are dropped */
  maxAgeDays: z.int('Enter a whole number.').check(z.minimum(1, 'Keep analyses at least 1 day.'), z.maximum(3650, 'At most 3650 days.')),
  /** how many analyses of each app the history keeps (optional: settings saved before history had none) */
  maxAnalysesPerApp: z.optional(z.int('Enter a whole number.').check(z.minimum(1, 'Keep at least 1 analysis.'), z.maximum(1000, 'At most 1000 analyses.'))),
  /** how many of each app's newest analyses keep their full report (result and collected data); older ones keep the result only */
  fullReportsPerApp: z.optional(z.int('Enter a whole number.').check(z.minimum(1, 'Keep at least 1 full report.'), z.maximum(50, 'At most 50 full reports.'))),
});
export type Retention = z.infer<typeof Retention>;

/** Severity per rule or category, options per rule: one scope of lib/analyze/config.ts AnalysisConfig. */
export const RuleScope = z.strictObject({
  rules: z.record(z.string(), RuleSetting),
  categories: z.partialRecord(Category, SeveritySetting),
});
export type RuleScope = z.infer<typeof RuleScope>;

/** A Qlik app id as the address bar shows it (a GUID on Qlik Cloud and Qlik Sense Enterprise). */
export const AppId = z.string().check(
  z.maxLength(100, 'At most 100 characters.'),
  z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'Enter an app id such as 9c1f3a52-6d2e-4b8f-a7c4-2e5d8b1f0a63 (letters, digits, - . _).' }),
);

/**
 * The rule configuration: the global scope, plus per app id a scope that wins over it
 * (lib/analyze/config.ts: rule default < categories < rules < apps[id].categories < apps[id].rules).
 */
export const RuleConfig = z.extend(RuleScope, {
  apps: z.optional(z.record(AppId, RuleScope)),
});
export type RuleConfig = z.infer<typeof RuleConfig>;

export const Settings = z.object({
  /** the connection used for tenants without their own entry in `tenants` (never API-key mode) */
  connection: DefaultConnectionSettings,
  /** per tenant host: how to connect there; an API key lives only here */
  tenants: z.optional(z.record(TenantHost, ConnectionSettings)),
  analysis: z.optional(RuleConfig),
  retention: z.optional(Retention),
  /** the timing pass: quick (first calculation) or full (also cached); absent: DEFAULT_TIMING_MODE (lib/snapshot/timing-mode.ts) */
  timingMode: z.optional(TimingMode),
  /**
   * Set when settings of an older version held an API key in the default connection: the key was
   * removed (it is not known which tenant it was for) and the options page asks to enter it again
   * per tenant, until the user dismisses the note.
   */
  defaultApiKeyRemoved: z.optional(z.literal(true)),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_CONNECTION: ConnectionSettings = { mode: 'session', webIntegrationId: '', oauthClientId: '', apiKey: '' };
export const DEFAULT_RETENTION: Required<Retention> = { maxApps: 20, maxAgeDays: 90, maxAnalysesPerApp: 100, fullReportsPerApp: 3 };

export const DEFAULT_SETTINGS: Settings = { connection: DEFAULT_CONNECTION };
