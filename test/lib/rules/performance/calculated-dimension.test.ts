import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/calculated-dimension';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('P06 calculated-dimension', () => {
  it('passes field dimensions and =Field (P07)', () => {
    expect(runRule(rule, app().sheet().barchart({ dimensions: ['Region', '=[Region]'] }).build()).findings).toEqual([]);
  });

  it('flags a calculated dimension in a chart and in a master dimension', () => {
    const s = app().dimension({ title: 'Size', field: "=If(Sales > 10, 'L', 'S')" }).sheet().barchart({ dimension: '=Year(OrderDate)' }).build();
    expect(runRule(rule, s).findings.map((f) => f.target.kind).sort()).toEqual(['master-dimension', 'object']);
    expect(runRule(rule, s).found).toEqual([
      'P06 object:barchart-5 The dimension 1 of Bar chart on sheet "Sheet" is calculated: =Year(OrderDate).',
      `P06 master-dimension:dimension-3 The dimension of master dimension "Size" is calculated: =If(Sales > 10, 'L', 'S').`,
    ]);
  });

  // Qlik help "Calculated dimensions": an expression involving one or more fields; "ValueList - chart
  // function": used in a calculated dimension it forms a synthetic dimension, not affected by selections.
  it('passes dimensions that name no field: a constant and a ValueList synthetic dimension', () => {
    const s = app().sheet().barchart({ dimensions: ["='Standard Quota'", "=ValueList('Orders', 'Sales')", '=ValueLoop(1, 10)'] }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('still flags a synthetic dimension that also reads a field, and one it could not fully read', () => {
    const s = app().sheet().barchart({ dimensions: ["=If(Sales > 10, ValueList('L', 'S'))", "='Quota ' & $(=Max(Year))"] }).build();
    expect(runRule(rule, s).findings).toHaveLength(2);
  });
});
