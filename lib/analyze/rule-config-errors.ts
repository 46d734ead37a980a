// What is wrong with a rule configuration, per field: rule keys that name no rule, and option values
// a rule's own schema refuses. Keys are the path of the field in the settings (`analysis.rules.P01.
// options.firstMs`, `analysis.apps.<id>.rules.…`), so the options page marks the field itself. The
// background answers it for the options page; whether a pattern compiles the page checks itself on
// the same walk (ruleSettingErrors with option-fields.ts regexErrors), since the background's build
// has no option descriptions.
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

/** A rule as the walk needs it: found by code or name, with whatever its options are checked against. */
interface NamedRule {
  code: string;
  name: string;
}

/**
 * The walk of a rule configuration, every scope: per field path, what `optionErrors` says of the
 * options each configured rule is given, and what `unknownRule` says of a key that names no rule
 * (left out when it is not given: the options page cannot tell, it does not have every rule).
 */
export function ruleSettingErrors<R extends NamedRule>(
  config: RuleConfigInput | undefined,
  rules: readonly R[],
  optionErrors: (rule: R, options: Record<string, unknown>) => Record<string, string>,
  unknownRule?: (key: string, appId: string | undefined) => string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const scope = (prefix: string, appId: string | undefined, settings: Record<string, RuleSetting>) => {
    for (const [key, setting] of Object.entries(settings)) {
      const rule = rules.find((r) => r.code === key || r.name === key);
      if (!rule) {
        if (unknownRule) errors[`${prefix}.rules.${key}`] = unknownRule(key, appId);
        continue;
      }
      if (typeof setting === 'string' || !setting.options) continue;
      for (const [option, message] of Object.entries(optionErrors(rule, setting.options))) errors[`${prefix}.rules.${key}.options.${option}`] = message;
    }
  };
  scope('analysis', undefined, config?.rules ?? {});
  for (const [appId, app] of Object.entries(config?.apps ?? {})) scope(`analysis.apps.${appId}`, appId, app.rules);
  return errors;
}

/** Errors keyed by field path; empty when the rules accept the configuration. */
export function ruleConfigErrors(config: RuleConfigInput | undefined, rules: readonly AnyRule[]): Record<string, string> {
  return ruleSettingErrors(
    config,
    rules,
    (rule, options) => optionSchemaErrors(rule.options, options),
    (key, appId) => `There is no rule "${key}"${appId === undefined ? '' : ` (${appId})`}.`,
  );
}
