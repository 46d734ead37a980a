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
});
