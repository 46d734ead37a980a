import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/aggr-set-mismatch';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('P13 aggr-set-mismatch', () => {
  it('passes sets on both or neither aggregation', () => {
    const s = app().sheet().kpi({ measures: ['Avg(Aggr(Sum(Sales), Customer))', 'Avg({<Year={1}>} Aggr(Sum({<Year={1}>} Sales), Customer))'] }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags a set only on the outer aggregation', () => {
    expect(runRule(rule, app().sheet().kpi({ id: 'k', measure: 'Avg({<Year={1}>} Aggr(Sum(Sales), Customer))' }).build()).found).toEqual([
      'P13 object:k In the measure 1 of KPI on sheet "Sheet", set analysis is only on the outer aggregation of Aggr().',
    ]);
  });
});
