import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/design/hard-coded-set-values';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('D10 hard-coded-set-values', () => {
  it('passes variables, flags and non-period values', () => {
    const s = app().variable('vYear', '2024').sheet().kpi({ measures: ['Sum({<Year={$(vYear)}>} Sales)', "Sum({<Region={'West'}>} Sales)", 'Sum({<IsCurrentYear={1}>} Sales)'] }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags a literal year and a literal month', () => {
    const s = app().sheet().kpi({ measures: ['Sum({<Year={2023}>} Sales)', "Sum({<YearMonth={'2023-05'}>} Sales)"] }).build();
    const { findings } = runRule(rule, s);
    expect(findings.map((f) => f.data?.value)).toEqual(['2023', '2023-05']);
    expect(findings[0].expression?.text.slice(findings[0].expression.from, findings[0].expression.to)).toBe('2023');
    expect(runRule(rule, s).found).toEqual([
      'D10 object:kpi-5 The measure 1 of KPI on sheet "Sheet" hard-codes Year=2023 in set analysis.',
      'D10 object:kpi-5 The measure 2 of KPI on sheet "Sheet" hard-codes YearMonth=2023-05 in set analysis.',
    ]);
  });
});
