// Pure edits of the rule configuration in the settings (severity per rule / category, options per rule).
// Entries are written under the rule code; entries written by name (config files) are read too.
import type { SeveritySetting } from '@/lib/analyze/config';
import type { Category } from '@/lib/analyze/result';
import type { AnyRule } from '@/lib/analyze/rule';
import type { RuleConfig, Settings } from '@/lib/protocol/settings';

export interface RuleEntry {
  severity?: SeveritySetting;
  options?: Record<string, unknown>;
}

const configOf = (settings: Settings): RuleConfig => settings.analysis ?? { rules: {}, categories: {} };

export function ruleEntry(settings: Settings, rule: AnyRule): RuleEntry {
  const setting = configOf(settings).rules[rule.code] ?? configOf(settings).rules[rule.name];
  if (!setting) return {};
  return typeof setting === 'string' ? { severity: setting } : setting;
}

function withRuleEntry(settings: Settings, rule: AnyRule, entry: RuleEntry): Settings {
  const config = configOf(settings);
  const { [rule.code]: _code, [rule.name]: _name, ...rules } = config.rules;
  const clean: RuleEntry = {
    ...(entry.severity ? { severity: entry.severity } : {}),
    ...(entry.options && Object.keys(entry.options).length ? { options: entry.options } : {}),
  };
  return { ...settings, analysis: { ...config, rules: Object.keys(clean).length ? { ...rules, [rule.code]: clean } : rules } };
}

/** `undefined` goes back to the default severity. */
export function setRuleSeverity(settings: Settings, rule: AnyRule, severity: SeveritySetting | undefined): Settings {
  const { severity: _old, ...entry } = ruleEntry(settings, rule);
  return withRuleEntry(settings, rule, severity ? { ...entry, severity } : entry);
}

export function setRuleOption(settings: Settings, rule: AnyRule, key: string, value: unknown): Settings {
  const entry = ruleEntry(settings, rule);
  return withRuleEntry(settings, rule, { ...entry, options: { ...entry.options, [key]: value } });
}

export function resetRule(settings: Settings, rule: AnyRule): Settings {
  return withRuleEntry(settings, rule, {});
}

export function setCategorySeverity(settings: Settings, category: Category, severity: SeveritySetting | undefined): Settings {
  const config = configOf(settings);
  const { [category]: _old, ...categories } = config.categories;
  return { ...settings, analysis: { ...config, categories: severity ? { ...categories, [category]: severity } : categories } };
}
