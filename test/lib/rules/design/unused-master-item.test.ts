import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/design/unused-master-item';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('D05 unused-master-item', () => {
  it('passes master items used by id, by label and on sheets', () => {
    const s = app()
      .measure({ id: 'm1', label: 'Revenue', def: 'Sum(Sales)' })
      .measure({ id: 'm2', label: 'Cost', def: 'Sum(Cost)' })
      .dimension({ id: 'd1', title: 'Region' })
      .masterVisualization('barchart', { id: 'mv' })
      .sheet()
      .barchart({ dimension: { libraryId: 'd1' }, measures: [{ libraryId: 'm1' }, '[Revenue] - [Cost]'] })
      .barchart({ extendsId: 'mv' })
      .build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags master items nothing refers to', () => {
    const s = app().measure({ id: 'm', label: 'Old KPI', def: 'Sum(X)' }).dimension({ id: 'd', title: 'Old dim' }).masterVisualization('barchart', { id: 'mv', title: 'Old chart' }).build();
    expect(runRule(rule, s).findings.map((f) => f.target.id).sort()).toEqual(['d', 'm', 'mv']);
    expect(runRule(rule, s).found).toEqual([
      'D05 master-measure:m Master measure "Old KPI" is not used by any object, by id or by label.',
      'D05 master-object:mv Master visualization "Old chart" is not placed on any sheet.',
      'D05 master-dimension:d Master dimension "Old dim" is not used by any object.',
    ]);
  });
});
