import { describe, expect, it } from 'vitest';
import { AnalysisConfig, resolveRuleSetting, unknownRuleKeys } from '../../../lib/analyze/config';
import { RULES } from '../../../lib/rules/index';

const rule = (code: string) => {
  const found = RULES.find((r) => r.code === code);
  if (!found) throw new Error(code);
  return found;
};

describe('analysis configuration', () => {
  it('defaults to each rule\'s own severity, and off for rules off by default', () => {
    const config = AnalysisConfig.parse({});
    expect(resolveRuleSetting(config, rule('R01'), 'a')).toEqual({ severity: 'warning', options: {} });
    expect(resolveRuleSetting(config, rule('D13'), 'a').severity).toBe('off');
  });

  it('resolves category < rule < app category < app rule, by code or name, and merges options', () => {
    const config = AnalysisConfig.parse({
      categories: { resource: 'info' },
      rules: { 'high-cardinality-field': { severity: 'error', options: { distinct: 10 } } },
      apps: { a: { categories: { resource: 'warning' }, rules: { R07: { options: { distinct: 20 } } } } },
    });
    expect(resolveRuleSetting(config, rule('R01'), 'other').severity).toBe('info');
    expect(resolveRuleSetting(config, rule('R07'), 'other')).toEqual({ severity: 'error', options: { distinct: 10 } });
    expect(resolveRuleSetting(config, rule('R07'), 'a')).toEqual({ severity: 'warning', options: { distinct: 20 } });
  });

  it('rejects bad values and lists unknown rule keys', () => {
    expect(AnalysisConfig.safeParse({ categories: { quality: 'loud' } }).success).toBe(false);
    expect(AnalysisConfig.safeParse({ rules: { R01: { severity: 'warning', extra: 1 } } }).success).toBe(false);
    const config = AnalysisConfig.parse({ rules: { R99: 'off' }, apps: { x: { rules: { 'no-such-rule': 'info' } } } });
    expect(unknownRuleKeys(config, RULES).map((i) => i.path)).toEqual(['rules.R99', 'apps.x.rules.no-such-rule']);
  });
});
