// What is wrong with a rule configuration, per field: rule keys that name no rule, and option values
// a rule's own schema refuses. Keys are the path of the field in the settings (`analysis.rules.P01.
// options.firstMs`, `analysis.apps.<id>.rules.…`), so the options page marks the field itself. The
// background answers it for the options page; whether a pattern compiles the page checks itself
// (option-fields.ts regexErrors), since the background's build has no option descriptions.
import type { RuleSetting } from './config';
import { optionSchemaErrors } from './option-fields';
import type { AnyRule } from './rule';

interface RuleScopeInput {
  rules: Record<string, RuleSetting>;
}

/** The rule configuration as the settings hold it: the scope for all apps and one per app id. */
export interface RuleConfigInput extends RuleScopeInput {
  apps?: Record<string, RuleScopeInput>;
}

function scopeErrors(prefix: string, settings: Record<string, RuleSetting>, rules: readonly AnyRule[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [key, setting] of Object.entries(settings)) {
    const rule = rules.find((r) => r.code === key || r.name === key);
    if (!rule) {
      errors[`${prefix}.rules.${key}`] = `There is no rule "${key}"${prefix === 'analysis' ? '' : ` (${prefix.slice('analysis.apps.'.length)})`}.`;
      continue;
    }
    if (typeof setting === 'string' || !setting.options) continue;
    for (const [option, message] of Object.entries(optionSchemaErrors(rule.options, setting.options))) {
      errors[`${prefix}.rules.${key}.options.${option}`] = message;
    }
  }
  return errors;
}

/** Errors keyed by field path; empty when the rules accept the configuration. */
export function ruleConfigErrors(config: RuleConfigInput | undefined, rules: readonly AnyRule[]): Record<string, string> {
  const errors = scopeErrors('analysis', config?.rules ?? {}, rules);
  for (const [appId, scope] of Object.entries(config?.apps ?? {})) Object.assign(errors, scopeErrors(`analysis.apps.${appId}`, scope.rules, rules));
  return errors;
}
