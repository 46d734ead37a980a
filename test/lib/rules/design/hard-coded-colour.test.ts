import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/design/hard-coded-colour';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('D09 hard-coded-colour', () => {
  it('passes colour expressions without literal colours, and RGB outside colour expressions', () => {
    const s = app().sheet().barchart({ measure: { def: 'Sum(Sales)', colour: "If(Sum(Sales) > 0, 'good', 'bad')" } }).kpi({ measure: 'RGB(1,2,3)' }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags RGB() and hex strings in a colour expression', () => {
    const s = app().sheet().barchart({ measure: { def: 'Sum(Sales)', colour: "If(Sum(Sales) < 0, RGB(255, 0, 0), '#00aa00')" } }).build();
    expect(runRule(rule, s).findings[0].data?.colours).toEqual(['RGB', '#00aa00']);
    expect(runRule(rule, s).found).toEqual([
      'D09 object:barchart-5 The colour expression of measure 1 of Bar chart on sheet "Sheet" hard-codes 2 colours (RGB, #00aa00).',
    ]);
  });
});
