import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/string-comparison-in-aggregation';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('P21 string-comparison-in-aggregation', () => {
  it('passes numeric comparisons and set analysis', () => {
    expect(runRule(rule, app().sheet().kpi({ measures: ['Sum(Sales * (Year = 2024))', "Sum({<Status={'Open'}>} Amount)"] }).build()).findings).toEqual([]);
  });

  it('flags a text comparison and WildMatch inside aggregations', () => {
    const s = app().sheet().kpi({ measures: ["Sum(If(Status = 'Open', Amount))", "Count(If(WildMatch(Name, 'A*'), ID))"] }).build();
    expect(runRule(rule, s).findings).toHaveLength(2);
    expect(runRule(rule, s).found).toEqual([
      'P21 object:kpi-4 The measure 1 of KPI on sheet "Sheet" compares text (=) row by row inside an aggregation.',
      'P21 object:kpi-4 The measure 2 of KPI on sheet "Sheet" compares text (WildMatch) row by row inside an aggregation.',
    ]);
  });
});
