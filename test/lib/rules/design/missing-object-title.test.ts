import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/design/missing-object-title';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('D08 missing-object-title', () => {
  it('passes titled charts, KPIs and charts with titles hidden on purpose', () => {
    const s = app().sheet().barchart({ title: 'Sales' }).kpi().barchart({ properties: { showTitles: false } }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags a chart without a title', () => {
    const s = app().sheet({ title: 'Main' }).barchart({ id: 'b1' }).build();
    expect(runRule(rule, s).messages).toEqual(['Bar chart on sheet "Main" has no title.']);
  });
});
