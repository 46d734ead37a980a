import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/conditional-aggregation';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('P08 conditional-aggregation', () => {
  it('passes an If with one aggregated branch and aggregations inside If conditions', () => {
    const s = app().sheet().kpi({ measures: ['If(Sum(Sales) > 0, Sum(Sales), 0)', "If(vMode = 'A', 1, Sum(Sales))", 'Sum(If(Year = 1, Sales))'] }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags an If choosing between aggregations', () => {
    const s = app().sheet().kpi({ measure: "If(vMode = 'Count', Count(OrderID), Sum(Sales))" }).build();
    const [f] = runRule(rule, s).findings;
    expect(f.expression?.text.slice(f.expression.from, f.expression.to)).toBe("If(vMode = 'Count', Count(OrderID), Sum(Sales))");
    expect(runRule(rule, s).found).toEqual([
      'P08 object:kpi-4 The measure 1 of KPI on sheet "Sheet" chooses between 2 aggregations inside If(): all of them are calculated every time.',
    ]);
  });
});
