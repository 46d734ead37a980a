import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/date-function-in-aggregation';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('P10 date-function-in-aggregation', () => {
  it('passes date functions outside aggregations', () => {
    expect(runRule(rule, app().sheet().kpi({ measure: "If(InYear(Today(), Today(), 0), Sum(Sales))" }).build()).findings).toEqual([]);
  });

  it('flags InYearToDate inside Sum', () => {
    expect(runRule(rule, app().sheet().kpi({ id: 'k', measure: 'Sum(If(InYearToDate(OrderDate, Today(), 0), Sales))' }).build()).found).toEqual([
      'P10 object:k The measure 1 of KPI on sheet "Sheet" calls InYearToDate() for every row inside an aggregation: use a calendar flag and set analysis.',
    ]);
  });
});
