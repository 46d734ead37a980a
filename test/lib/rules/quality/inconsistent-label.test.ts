import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/quality/inconsistent-label';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('Q14 inconsistent-label', () => {
  it('passes the same label with the same definition written differently', () => {
    const s = app().measure({ label: 'Margin', def: 'Sum(Sales)-Sum(Cost)' }).sheet().kpi({ measure: { def: 'sum( Sales ) - SUM(Cost)', label: 'Margin' } }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags a label with two definitions once, on the one that differs from the master measure', () => {
    const s = app()
      .measure({ label: 'Gross Margin', def: 'Sum(Sales)-Sum(Cost)' })
      .sheet()
      .kpi({ id: 'k1', measure: { def: '(Sum(Sales)-Sum(Cost))/Sum(Sales)', label: 'margin' } })
      .kpi({ id: 'k2', measure: { def: 'Sum(Sales) - Sum(Cost)', label: 'Margin' } })
      .build();
    const { findings } = runRule(rule, s);
    expect(findings.map((f) => f.target.id)).toEqual(['k1']);
    expect(findings[0].message).toContain('2 different definitions');
  });
});
