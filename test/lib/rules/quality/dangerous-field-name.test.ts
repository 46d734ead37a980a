import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/quality/dangerous-field-name';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('Q13 dangerous-field-name', () => {
  it('passes when the engine reports nothing dangerous', () => {
    const s = app().sheet().kpi({ measure: 'Sum([Order Amount])' }).app.engineCheck('Sum([Order Amount])', { badFieldNames: [], dangerousFieldNames: [] }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('reports the range the engine marks', () => {
    const s = app().sheet().kpi({ measure: 'Sum(Order-Amount)' }).app.engineCheck('Sum(Order-Amount)', { badFieldNames: [], dangerousFieldNames: [{ from: 4, count: 12 }] }).build();
    const [f] = runRule(rule, s).findings;
    expect(f.data?.field).toBe('Order-Amount');
    expect(runRule(rule, s).found).toEqual([
      'Q13 object:kpi-4 "Order-Amount" in the measure 1 of KPI on sheet "Sheet" is a field name the engine reads as dangerous: bracket it.',
    ]);
  });

  it('could not run without engine checks', () => {
    expect(runRule(rule, app().sheet().kpi({ measure: 'Sum(X)' }).build()).run.status).toBe('could-not-run');
  });
});
