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

  // Qlik help "Using master measures in expressions": outside an aggregation a master measure's label
  // names the measure, so this chart measure is "Reloads" itself, shown with a tweak.
  it('passes a measure that reuses the master measure of its own label by that label', () => {
    const s = app()
      .measure({ label: 'Reloads', def: 'Count(DISTINCT ReloadID)' })
      .sheet()
      .linechart({ measure: { def: 'If(GetPossibleCount(Day) <> 1, [Reloads], [Reloads] + Sum({1} 0))', label: 'Reloads' } })
      .build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('still flags a measure whose label names a field inside an aggregation, not the master measure', () => {
    const s = app().measure({ label: 'Sales', def: 'Sum({<Year={2024}>} Sales)' }).sheet().kpi({ id: 'k', measure: { def: 'Sum([Sales])', label: 'Sales' } }).build();
    expect(runRule(rule, s).findings.map((f) => f.target.id)).toEqual(['k']);
  });

  // A Text object (sn-text) places each measure in its text as a qlik.expression.node by cId and
  // shows the value there (help.qlik.com "Text", Dashboard bundle; docs/property-shapes.md): its
  // measure labels are never shown, so they cannot mislead anyone. The shape of the reload analyzer's.
  const lexicalText = (cId: string) =>
    JSON.stringify({ root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'qlik.expression.node', expressionId: cId, version: 1 }] }] } });

  it('passes measure labels of a Text object, which shows only their values inside its text', () => {
    const s = app()
      .sheet()
      .object('sn-text', { id: 't1', measure: { def: "Round(Sum(A)*100,.1) & '%'", label: 'Label' }, properties: { text: lexicalText('m1') } })
      .object('sn-text', { id: 't2', measure: { def: "='Forecast: ' & Max(B)", label: 'Label' }, properties: { text: lexicalText('m1') } })
      .build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('still flags the same two measures on objects that show their labels', () => {
    const s = app()
      .sheet()
      .kpi({ id: 'k1', measure: { def: "Round(Sum(A)*100,.1) & '%'", label: 'Label' } })
      .kpi({ id: 'k2', measure: { def: "='Forecast: ' & Max(B)", label: 'Label' } })
      .build();
    expect(runRule(rule, s).findings).toHaveLength(1);
  });
});
