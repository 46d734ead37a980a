import { describe, expect, it } from 'vitest';
import { ruleConfigErrors } from '../../../lib/analyze/rule-config-errors';
import { RULES } from '../../../lib/rules/index';

describe('ruleConfigErrors (what the background answers the options page)', () => {
  it('accepts what the rules accept, by code or by name', () => {
    expect(ruleConfigErrors(undefined, RULES)).toEqual({});
    expect(ruleConfigErrors({ rules: { P01: { options: { firstMs: 2500 } }, 'unused-field': 'off' }, apps: { 'app-1': { rules: { R01: 'info' } } } }, RULES)).toEqual({});
  });

  it('names unknown rules and refused option values by the path of their field', () => {
    const errors = ruleConfigErrors({ rules: { Z99: 'off', P01: { options: { firstMs: 'slow' } } }, apps: { 'app-1': { rules: { Z98: 'off' } } } }, RULES);
    expect(Object.keys(errors).sort()).toEqual(['analysis.apps.app-1.rules.Z98', 'analysis.rules.P01.options.firstMs', 'analysis.rules.Z99']);
    expect(errors['analysis.rules.Z99']).toBe('There is no rule "Z99".');
    expect(errors['analysis.apps.app-1.rules.Z98']).toBe('There is no rule "Z98" (app-1).');
  });
});
