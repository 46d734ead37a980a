import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/design/naming-convention';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('D13 naming-convention', () => {
  const s = () => app().variable('vGood', '1').variable('bad', '1').table('Fact_Sales', { fields: ['A'] }).table('sales2', { fields: ['B'] }).build();

  it('is off by default', () => {
    expect(runRule(rule, s()).run.status).toBe('off');
  });

  it('reports names that break the configured patterns', () => {
    const { findings } = runRule(rule, s(), { table: '^(Fact|Dim)_' });
    expect(findings.map((f) => f.target.id).sort()).toEqual(['bad', 'sales2']);
    expect(runRule(rule, s(), { table: '^(Fact|Dim)_' }).found).toEqual([
      'D13 variable:bad Variable "bad" does not match the naming pattern /^v[A-Z0-9_]/.',
      'D13 table:sales2 Table "sales2" does not match the naming pattern /^(Fact|Dim)_/.',
    ]);
  });

  it('fails clearly on an invalid pattern', () => {
    expect(runRule(rule, s(), { table: '(' }).run).toMatchObject({ status: 'error' });
  });
});
