// Validation of the whole form before saving: the settings schema, what each connection mode
// needs, and the rules' own option schemas (asked of the background, which has the rules: the page
// does not bundle them). Errors are keyed by the path of the field they belong to.
import { Settings, type ConnectionSettings, type RuleConfig } from '../../lib/protocol/settings';
import { missingConnectionField } from '../../lib/extension/settings/problems';
import { migrateStoredSettings } from '../../lib/extension/settings/migrate';
import { regexErrors } from '../../lib/analyze/option-fields';
import { ruleSettingErrors } from '../../lib/analyze/rule-config-errors';
import type { RuleSettingsDoc } from '../../lib/report/rule-docs';

export type FieldErrors = Record<string, string>;

export const connectionField = (scope: string, field: keyof ConnectionSettings) => `${scope}.${field}`;

function connectionErrors(scope: string, connection: ConnectionSettings): FieldErrors {
  const missing = missingConnectionField(connection);
  return missing ? { [connectionField(scope, missing.field)]: missing.problem } : {};
}

/** The rules' errors in a rule configuration, per field path (ExtensionClient.checkRuleConfig). */
export type CheckRuleConfig = (analysis: RuleConfig | undefined) => Promise<FieldErrors>;

/** Patterns that do not compile, in every scope (the rules' own check cannot tell a pattern: regexErrors). */
const rulePatternErrors = (analysis: RuleConfig | undefined, rules: readonly RuleSettingsDoc[]): FieldErrors =>
  ruleSettingErrors(analysis, rules, (rule, options) => regexErrors(rule.options, options));

export type Validation = { ok: true; settings: Settings } | { ok: false; errors: FieldErrors };

export async function validateSettings(candidate: unknown, checkRules: CheckRuleConfig, rules: readonly RuleSettingsDoc[]): Promise<Validation> {
  const parsed = Settings.safeParse(candidate);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) errors[issue.path.map(String).join('.') || 'settings'] ??= issue.message;
    return { ok: false, errors };
  }
  const settings = parsed.data;
  const errors: FieldErrors = { ...connectionErrors('connection', settings.connection) };
  for (const [host, connection] of Object.entries(settings.tenants ?? {})) Object.assign(errors, connectionErrors(`tenants.${host}`, connection));
  // the background's verdict wins where both speak (a pattern the rule's schema refuses is not compiled)
  Object.assign(errors, rulePatternErrors(settings.analysis, rules), await checkRules(settings.analysis));
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, settings };
}

/**
 * An imported file has no API keys (exports leave them out): keep the ones this profile has, each
 * for its own tenant only. A file of an older version with API-key mode as the default connection
 * is read as the stored settings are (lib/extension/settings/migrate.ts migrateStoredSettings).
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
export async function readSettingsFile(text: string, checkRules: CheckRuleConfig, rules: readonly RuleSettingsDoc[], current: Settings): Promise<{ ok: true; settings: Settings } | { ok: false; message: string }> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'This file is not JSON. Choose a file exported from the Qlarity options page.' };
  }
  const result = await validateSettings(keepApiKeys(json, current), checkRules, rules);
  if (result.ok) return result;
  const list = Object.entries(result.errors)
    .slice(0, 5)
    .map(([path, message]) => `${path}: ${message}`)
    .join('; ');
  return { ok: false, message: `This file does not hold valid Qlarity settings, nothing was changed (${list}).` };
}
