// Validation of the whole form before saving: the settings schema, each rule's own option schema
// and what each connection mode needs. Errors are keyed by the path of the field they belong to.
import type { AnyRule } from '../../lib/analyze/rule';
import { Settings, connectionProblems, migrateStoredSettings, type ConnectionSettings, type RuleScope } from '../../lib/protocol/settings';
import { optionErrors } from './option-fields';

export type FieldErrors = Record<string, string>;

export const connectionField = (scope: string, field: keyof ConnectionSettings) => `${scope}.${field}`;

function connectionErrors(scope: string, connection: ConnectionSettings): FieldErrors {
  const [problem] = connectionProblems(connection);
  if (!problem) return {};
  const field = connection.mode === 'web-integration' ? 'webIntegrationId' : connection.mode === 'oauth' ? 'oauthClientId' : 'apiKey';
  return { [connectionField(scope, field)]: problem };
}

/** Rule keys that name no rule, and option values a rule's own schema refuses, in one scope. */
function scopeErrors(prefix: string, settings: RuleScope['rules'], rules: readonly AnyRule[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, setting] of Object.entries(settings)) {
    const rule = rules.find((r) => r.code === key || r.name === key);
    if (!rule) {
      errors[`${prefix}.rules.${key}`] = `There is no rule "${key}"${prefix === 'analysis' ? '' : ` (${prefix.slice('analysis.apps.'.length)})`}.`;
      continue;
    }
    if (typeof setting === 'string' || !setting.options) continue;
    for (const [option, message] of Object.entries(optionErrors(rule.options, setting.options))) {
      errors[`${prefix}.rules.${key}.options.${option}`] = message;
    }
  }
  return errors;
}

export type Validation = { ok: true; settings: Settings } | { ok: false; errors: FieldErrors };

export function validateSettings(candidate: unknown, rules: readonly AnyRule[]): Validation {
  const parsed = Settings.safeParse(candidate);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) errors[issue.path.map(String).join('.') || 'settings'] ??= issue.message;
    return { ok: false, errors };
  }
  const settings = parsed.data;
  const errors: FieldErrors = { ...connectionErrors('connection', settings.connection) };
  for (const [host, connection] of Object.entries(settings.tenants ?? {})) Object.assign(errors, connectionErrors(`tenants.${host}`, connection));
  Object.assign(errors, scopeErrors('analysis', settings.analysis?.rules ?? {}, rules));
  for (const [appId, scope] of Object.entries(settings.analysis?.apps ?? {})) Object.assign(errors, scopeErrors(`analysis.apps.${appId}`, scope.rules, rules));
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, settings };
}

/**
 * An imported file has no API keys (exports leave them out): keep the ones this profile has, each
 * for its own tenant only. A file of an older version with API-key mode as the default connection
 * is read as the stored settings are (lib/protocol/settings.ts migrateStoredSettings).
 */
function keepApiKeys(imported: unknown, current: Settings): unknown {
  const migrated = migrateStoredSettings(imported);
  if (!migrated) return imported;
  const keep = (next: ConnectionSettings, old: ConnectionSettings | undefined) => (next.apiKey || !old ? next : { ...next, apiKey: old.apiKey });
  const { tenants } = migrated.settings;
  return {
    ...migrated.settings,
    ...(tenants ? { tenants: Object.fromEntries(Object.entries(tenants).map(([h, c]) => [h, keep(c, current.tenants?.[h])])) } : {}),
  };
}

/** Reads an imported settings file: the validated settings (API keys kept from `current`), or one clear message. */
export function readSettingsFile(text: string, rules: readonly AnyRule[], current: Settings): { ok: true; settings: Settings } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'This file is not JSON. Choose a file exported from the Qlarity options page.' };
  }
  const result = validateSettings(keepApiKeys(json, current), rules);
  if (result.ok) return result;
  const list = Object.entries(result.errors)
    .slice(0, 5)
    .map(([path, message]) => `${path}: ${message}`)
    .join('; ');
  return { ok: false, message: `This file does not hold valid Qlarity settings, nothing was changed (${list}).` };
}
