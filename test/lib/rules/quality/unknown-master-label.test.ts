import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/quality/unknown-master-label';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('Q15 unknown-master-label', () => {
  it('passes label references to master measures, chart measures and fields', () => {
    const s = app().table('T', { fields: ['Sales'] }).measure({ label: 'Total Revenue', def: 'Sum(Sales)' })
      .sheet().table({ measures: [{ def: 'Sum(Sales)', label: 'Gross' }, '[Total Revenue] - [Gross]', '[Sales]'] }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags a label reference nothing answers to, and leaves names inside aggregations to Q02', () => {
    const s = app().table('T', { fields: ['Sales'] }).measure({ label: 'Total Revenue', def: 'Sum(Sales)' })
      .sheet().kpi({ measures: ['[Total Revenu] * 2', 'Sum([Sales Amt])'] }).build();
    const { findings } = runRule(rule, s);
    expect(findings.map((f) => f.data?.label)).toEqual(['Total Revenu']);
    expect(runRule(rule, s).found).toEqual([
      'Q15 object:kpi-6 [Total Revenu] in the measure 1 of KPI on sheet "Sheet" is neither a field nor the label of a master measure or of a measure in this chart.',
    ]);
  });

  it('says when the label belongs to a measure of another chart (Qlik resolves a chart label only in its own chart)', () => {
    const s = app().table('T', { fields: ['Sales'] })
      .sheet({ title: 'Overview' }).table({ title: 'Margins', measures: [{ def: 'Sum(Sales)', label: 'Gross' }] }).kpi({ measures: ['[Gross] * 2'] }).build();
    const { findings } = runRule(rule, s);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toMatch(/^\[Gross\] in the measure 1 of KPI on sheet "Overview" is neither a field nor the label of a master measure or of a measure in this chart\. It labels a measure in object "Margins" on sheet "Overview", but a chart measure's label works only in its own chart: make it a master measure to reuse it\.$/);
    expect(findings[0]?.data).toEqual({ label: 'Gross', labelsMeasureIn: [s.objects.find((o) => o.type === 'table')?.id] });
  });
});
