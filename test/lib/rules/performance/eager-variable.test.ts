import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/eager-variable';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('P18 eager-variable', () => {
  it('passes plain variables and unused calculated ones', () => {
    const s = app().variable('vM', 'Sum(Sales)').variable('vUnused', '=Max(Year)').sheet().kpi({ measure: '$(vM)' }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags a calculated variable used by an object', () => {
    const s = app().variable('vMaxYear', '=Max(Year)').sheet().kpi({ measure: 'Sum({<Year={$(vMaxYear)}>} Sales)' }).build();
    expect(runRule(rule, s).findings.map((f) => f.target.id)).toEqual(['vMaxYear']);
    expect(runRule(rule, s).found).toEqual([
      'P18 variable:vMaxYear Variable "vMaxYear" starts with "=" and is recalculated on every selection; 1 object uses it.',
    ]);
  });
});
