import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/if-inside-aggregation';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('P09 if-inside-aggregation', () => {
  it('passes set analysis and If outside aggregations', () => {
    expect(runRule(rule, app().sheet().kpi({ measures: ['Sum({<Year={2024}>} Sales)', 'If(Sum(Sales) > 0, 1, 0)'] }).build()).findings).toEqual([]);
  });

  it('flags Sum(If(...)) with the If range', () => {
    const { findings, found } = runRule(rule, app().sheet().kpi({ id: 'k', measure: 'Sum(If(Year = 2024, Sales))' }).build());
    const f = findings[0];
    expect(f.expression?.text.slice(f.expression.from, f.expression.to)).toBe('If(Year = 2024, Sales)');
    expect(found).toEqual(['P09 object:k The measure 1 of KPI on sheet "Sheet" evaluates If() row by row inside Sum(): use set analysis or a flag field.']);
  });

  // Qlik help "Aggr - chart function": Aggr's first parameter is calculated once per dimensional value.
  it('passes an If that is the expression of an Aggr: it runs once per dimension value, not per row', () => {
    const s = app().sheet().kpi({ measures: ['Sum(Aggr(If(Count(DISTINCT AppID) = 0, 1, 0), ConnectionID))'] }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags an If inside an aggregation inside an Aggr, named after that aggregation', () => {
    const { found } = runRule(rule, app().sheet().kpi({ id: 'k', measure: 'Max(Aggr(Sum(If(Year = 2024, Sales)), Region))' }).build());
    expect(found).toEqual(['P09 object:k The measure 1 of KPI on sheet "Sheet" evaluates If() row by row inside Sum(): use set analysis or a flag field.']);
  });
});
