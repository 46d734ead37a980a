// User settings, edited on the options page and read by the background. Stored by
// lib/extension/storage.ts; every read is validated, so a damaged value falls back to defaults.
// The fields after `connection` are optional so settings saved by older versions still load;
// read them through connectionFor / retentionOf / analysisConfigOf, which supply the defaults.
import { z } from 'zod';
import { RuleSetting, SeveritySetting, type AnalysisConfigInput } from '../analyze/config';
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
  webIntegrationId: z.string().trim().max(200),
  oauthClientId: z.string().trim().max(200),
  /** kept in this browser profile only (storage.local), never synced, never sent to the page, never exported */
  apiKey: z.string().trim().max(4000),
});
export type ConnectionSettings = z.infer<typeof ConnectionSettings>;

/** A tenant host name as the address bar shows it, lower case, optional port: `acme.eu.qlikcloud.com`. */
export const TenantHost = z
  .string()
  .max(253)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/, {
    message: 'Enter a host name such as acme.eu.qlikcloud.com (no https://, no path).',
  });

export const Retention = z.object({
  /** how many apps keep their last analysis */
  maxApps: z.int('Enter a whole number.').min(1, 'Keep at least 1 app.').max(500, 'At most 500 apps.'),
  /** analyses older than this are dropped */
  maxAgeDays: z.int('Enter a whole number.').min(1, 'Keep analyses at least 1 day.').max(3650, 'At most 3650 days.'),
});
export type Retention = z.infer<typeof Retention>;

/** Severity per rule or category, options per rule: one scope of lib/analyze/config.ts AnalysisConfig. */
export const RuleScope = z.strictObject({
  rules: z.record(z.string(), RuleSetting),
  categories: z.partialRecord(Category, SeveritySetting),
});
export type RuleScope = z.infer<typeof RuleScope>;

/** A Qlik app id as the address bar shows it (a GUID on Qlik Cloud and Qlik Sense Enterprise). */
export const AppId = z
  .string()
  .max(100, 'At most 100 characters.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'Enter an app id such as 9c1f3a52-6d2e-4b8f-a7c4-2e5d8b1f0a63 (letters, digits, - . _).' });

/**
 * The rule configuration: the global scope, plus per app id a scope that wins over it
 * (lib/analyze/config.ts: rule default < categories < rules < apps[id].categories < apps[id].rules).
 */
export const RuleConfig = RuleScope.extend({
  apps: z.record(AppId, RuleScope).optional(),
});
export type RuleConfig = z.infer<typeof RuleConfig>;

export const Settings = z.object({
  /** the connection used for tenants without their own entry in `tenants` */
  connection: ConnectionSettings,
  /** per tenant host: how to connect there */
  tenants: z.record(TenantHost, ConnectionSettings).optional(),
  analysis: RuleConfig.optional(),
  retention: Retention.optional(),
  /** the timing pass: quick (first calculation) or full (also cached); absent: DEFAULT_TIMING_MODE (lib/snapshot/timing-mode.ts) */
  timingMode: TimingMode.optional(),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_CONNECTION: ConnectionSettings = { mode: 'session', webIntegrationId: '', oauthClientId: '', apiKey: '' };
export const DEFAULT_RETENTION: Retention = { maxApps: 20, maxAgeDays: 90 };

export const DEFAULT_SETTINGS: Settings = { connection: DEFAULT_CONNECTION };

/** The connection settings for one tenant host (its own entry, else the default one). */
export function connectionFor(settings: Settings, host: string): ConnectionSettings {
  return settings.tenants?.[host.toLowerCase()] ?? settings.connection;
}

export function retentionOf(settings: Settings): Retention {
  return settings.retention ?? DEFAULT_RETENTION;
}

/** The rule configuration in the shape lib/analyze/config.ts AnalysisConfig accepts. */
export function analysisConfigOf(settings: Settings): AnalysisConfigInput {
  return { rules: settings.analysis?.rules ?? {}, categories: settings.analysis?.categories ?? {}, apps: settings.analysis?.apps ?? {} };
}

/** What one connection needs before it can be used (empty when nothing is missing). */
export function connectionProblems(connection: ConnectionSettings): string[] {
  if (connection.mode === 'web-integration' && !connection.webIntegrationId)
    return ['Web integration mode needs the web integration ID from your tenant admin.'];
  if (connection.mode === 'oauth' && !connection.oauthClientId) return ['OAuth mode needs the client ID of an OAuth SPA client.'];
  if (connection.mode === 'api-key' && !connection.apiKey) return ['API key mode needs an API key.'];
  return [];
}

/** Why settings cannot be used as they are (empty when they can). */
export function settingsProblems(settings: Settings): string[] {
  return [
    ...connectionProblems(settings.connection),
    ...Object.entries(settings.tenants ?? {}).flatMap(([host, connection]) => connectionProblems(connection).map((p) => `${host}: ${p}`)),
  ];
}

/** Settings as written to an export file: secrets stay in this browser profile. */
export function exportableSettings(settings: Settings): Settings {
  const strip = (c: ConnectionSettings): ConnectionSettings => ({ ...c, apiKey: '' });
  return {
    ...settings,
    connection: strip(settings.connection),
    ...(settings.tenants ? { tenants: Object.fromEntries(Object.entries(settings.tenants).map(([h, c]) => [h, strip(c)])) } : {}),
  };
}
