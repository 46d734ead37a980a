import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/cache-unfriendly-duplicates';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('P19 cache-unfriendly-duplicates', () => {
  it('passes identical spellings and different expressions', () => {
    const s = app().sheet().kpi({ measure: 'Sum(Sales)' }).kpi({ measure: 'Sum(Sales)' }).kpi({ measure: 'Sum(Cost)' }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags the less common spelling', () => {
    const s = app().sheet().kpi({ measure: 'Sum(Sales)' }).kpi({ measure: 'Sum(Sales)' }).kpi({ id: 'odd', measure: 'sum( Sales )' }).build();
    const { findings } = runRule(rule, s);
    expect(findings.map((f) => f.target.id)).toEqual(['odd']);
    expect(findings[0].data?.common).toBe('Sum(Sales)');
    expect(runRule(rule, s).found).toEqual([
      'P19 object:odd The measure 1 of KPI on sheet "Sheet" is written "sum( Sales )"; elsewhere the same expression is "Sum(Sales)": each spelling is cached separately.',
    ]);
  });
});
