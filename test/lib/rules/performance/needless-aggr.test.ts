import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/needless-aggr';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('P12 needless-aggr', () => {
  it('passes a real nested aggregation', () => {
    const s = app().sheet().barchart({ dimension: 'Region', measure: 'Avg(Aggr(Sum(Sales), Customer))' }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags a sum of sums and an Aggr over the chart dimensions', () => {
    const s = app().sheet().barchart({ dimension: 'Region', measures: ['Sum(Aggr(Sum(Sales), Customer))', 'Avg(Aggr(Count(OrderID), Region))'] }).build();
    const { messages } = runRule(rule, s);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('Sum(Aggr(Sum(…))) is the same as Sum(…) alone');
    expect(messages[1]).toContain("exactly the chart's dimensions (Region)");
    expect(runRule(rule, s).found).toEqual([
      'P12 object:barchart-4 Needless Aggr in the measure 1 of Bar chart on sheet "Sheet": Sum(Aggr(Sum(…))) is the same as Sum(…) alone.',
      `P12 object:barchart-4 Needless Aggr in the measure 2 of Bar chart on sheet "Sheet": the Aggr runs over exactly the chart's dimensions (Region).`,
    ]);
  });

  // An axis limit or a title is evaluated once for the object, outside the chart's dimensions: the
  // Aggr over the chart's dimension is what gives the largest bar there.
  it("passes an Aggr over the chart's dimensions in an axis limit and a title", () => {
    const largestBar = '=Max(Aggr(Count(DISTINCT ReloadID), Minute))';
    const s = app()
      .sheet()
      .barchart({ dimension: 'Minute', measure: 'Count(DISTINCT ReloadID)', title: largestBar, properties: { measureAxis: { max: { qValueExpression: { qExpr: largestBar } } } } })
      .build();
    expect(runRule(rule, s).findings).toEqual([]);
  });
});
