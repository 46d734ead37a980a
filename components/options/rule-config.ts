// Pure edits of the rule configuration in the settings: one scope (severity per rule / category,
// options per rule) for all apps, and one per app id that wins over it. Entries are written under
// the rule code; entries written by name (config files) are read too.
import type { SeveritySetting } from '../../lib/analyze/config';
import type { Category } from '../../lib/analyze/result';
import type { RuleScope, Settings } from '../../lib/protocol/settings';

/** A rule as its entries are keyed: by code, or by name in config files. */
type RuleKey = { code: string; name: string };

export interface RuleEntry {
  severity?: SeveritySetting;
  options?: Record<string, unknown>;
}

export const EMPTY_SCOPE: RuleScope = { rules: {}, categories: {} };

const isEmpty = (scope: RuleScope) => Object.keys(scope.rules).length === 0 && Object.keys(scope.categories).length === 0;

export function ruleEntry(scope: RuleScope, rule: RuleKey): RuleEntry {
  const setting = scope.rules[rule.code] ?? scope.rules[rule.name];
  if (!setting) return {};
  return typeof setting === 'string' ? { severity: setting } : setting;
}

function withRuleEntry(scope: RuleScope, rule: RuleKey, entry: RuleEntry): RuleScope {
  const { [rule.code]: _code, [rule.name]: _name, ...rules } = scope.rules;
  const clean: RuleEntry = {
    ...(entry.severity ? { severity: entry.severity } : {}),
    ...(entry.options && Object.keys(entry.options).length ? { options: entry.options } : {}),
  };
  return { ...scope, rules: Object.keys(clean).length ? { ...rules, [rule.code]: clean } : rules };
}

/** `undefined` goes back to the default severity. */
export function setRuleSeverity(scope: RuleScope, rule: RuleKey, severity: SeveritySetting | undefined): RuleScope {
  const { severity: _old, ...entry } = ruleEntry(scope, rule);
  return withRuleEntry(scope, rule, severity ? { ...entry, severity } : entry);
}

export function setRuleOption(scope: RuleScope, rule: RuleKey, key: string, value: unknown): RuleScope {
  const entry = ruleEntry(scope, rule);
  return withRuleEntry(scope, rule, { ...entry, options: { ...entry.options, [key]: value } });
}

export function resetRule(scope: RuleScope, rule: RuleKey): RuleScope {
  return withRuleEntry(scope, rule, {});
}

export function setCategorySeverity(scope: RuleScope, category: Category, severity: SeveritySetting | undefined): RuleScope {
  const { [category]: _old, ...categories } = scope.categories;
  return { ...scope, categories: severity ? { ...categories, [category]: severity } : categories };
}

/** The scope for all apps. */
export function globalScope(settings: Settings): RuleScope {
  const analysis = settings.analysis;
  return analysis ? { rules: analysis.rules, categories: analysis.categories } : EMPTY_SCOPE;
}

/** The per-app scopes, in the order they were added. */
export function appScopes(settings: Settings): [string, RuleScope][] {
  return Object.entries(settings.analysis?.apps ?? {});
}

/** Settings without an `analysis` entry when nothing differs from the rules' defaults. */
function withAnalysis(settings: Settings, global: RuleScope, apps: [string, RuleScope][]): Settings {
  const { analysis: _old, ...rest } = settings;
  if (isEmpty(global) && apps.length === 0) return rest;
  return { ...rest, analysis: { ...global, ...(apps.length ? { apps: Object.fromEntries(apps) } : {}) } };
}

export function withGlobalScope(settings: Settings, scope: RuleScope): Settings {
  return withAnalysis(settings, scope, appScopes(settings));
}

/** Sets an app's scope (an app with an empty scope stays listed until removed); `undefined` removes the app. */
export function withAppScope(settings: Settings, appId: string, scope: RuleScope | undefined): Settings {
  const apps = appScopes(settings);
  const next: [string, RuleScope][] = scope === undefined
    ? apps.filter(([id]) => id !== appId)
    : apps.some(([id]) => id === appId)
      ? apps.map(([id, s]) => [id, id === appId ? scope : s])
      : [...apps, [appId, scope]];
  return withAnalysis(settings, globalScope(settings), next);
}
