// Analysis configuration (like ESLint/Biome/Ruff): severity per rule or category, or off;
// options (thresholds) per rule; the same per app id; and the user's suppressions.
// Later wins: rule default < categories < rules < apps[id].categories < apps[id].rules.
// Rule keys may be the code ("R01") or the name ("unused-field").
import { z } from '../schema/zod';
import { Category, type ConfigIssue } from './result';
import { type Severity } from './severity';
import type { AnyRule } from './rule';
import { Suppression } from './suppression';

export const SeveritySetting = z.enum(['error', 'warning', 'info', 'off']);
export type SeveritySetting = z.infer<typeof SeveritySetting>;

export const RuleSetting = z.union([
  SeveritySetting,
  z.strictObject({
    severity: z.optional(SeveritySetting),
    options: z.optional(z.record(z.string(), z.unknown())),
  }),
]);
export type RuleSetting = z.infer<typeof RuleSetting>;

const Scope = z.strictObject({
  rules: z._default(z.record(z.string(), RuleSetting), {}),
  categories: z._default(z.partialRecord(Category, SeveritySetting), {}),
});

export const AnalysisConfig = z.extend(Scope, {
  /** per app id: overrides on top of the global settings */
  apps: z._default(z.record(z.string(), Scope), {}),
  suppressions: z._default(z.array(Suppression), []),
});
export type AnalysisConfig = z.infer<typeof AnalysisConfig>;
export type AnalysisConfigInput = z.input<typeof AnalysisConfig>;

export const defaultConfig = (): AnalysisConfig => AnalysisConfig.parse({});

export interface ResolvedRuleSetting {
  severity: Severity | 'off';
  /** raw option values from the configuration, merged global then app; validated by the runner */
  options: Record<string, unknown>;
}

type Scope = z.infer<typeof Scope>;

function settingFor(scope: Scope, rule: AnyRule): RuleSetting | undefined {
  return scope.rules[rule.code] ?? scope.rules[rule.name];
}

export function resolveRuleSetting(config: AnalysisConfig, rule: AnyRule, appId: string): ResolvedRuleSetting {
  let severity: Severity | 'off' = rule.defaultEnabled === false ? 'off' : rule.severity;
  let options: Record<string, unknown> = {};
  const scopes = [config, config.apps[appId]].filter((s): s is Scope => s !== undefined);
  for (const scope of scopes) {
    const category = scope.categories[rule.category];
    if (category) severity = category;
    const setting = settingFor(scope, rule);
    if (typeof setting === 'string') severity = setting;
    else if (setting) {
      if (setting.severity) severity = setting.severity;
      // a rule that is off by default is switched on by an entry that only gives options
      else if (rule.defaultEnabled === false) severity = rule.severity;
      if (setting.options) options = { ...options, ...setting.options };
    }
  }
  return { severity, options };
}

/** Rule keys that name no rule: reported, not fatal (a config written for a newer version still loads). */
export function unknownRuleKeys(config: AnalysisConfig, rules: readonly AnyRule[]): ConfigIssue[] {
  const known = new Set(rules.flatMap((r) => [r.code, r.name]));
  const issues: ConfigIssue[] = [];
  const check = (scope: Scope, prefix: string) => {
    for (const key of Object.keys(scope.rules)) {
      if (!known.has(key)) issues.push({ path: `${prefix}rules.${key}`, message: `no rule "${key}": setting ignored` });
    }
  };
  check(config, '');
  for (const [appId, scope] of Object.entries(config.apps)) check(scope, `apps.${appId}.`);
  return issues;
}
