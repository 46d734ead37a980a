import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/design/missing-master-item-description';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('D04 missing-master-item-description', () => {
  it('passes described master items', () => {
    expect(runRule(rule, app().measure({ label: 'M', def: 'Sum(X)', description: 'Sales in EUR' }).dimension({ title: 'D', description: 'Region' }).build()).findings).toEqual([]);
  });

  it('flags master items without descriptions', () => {
    const s = app().measure({ id: 'm', label: 'M', def: 'Sum(X)', description: '' }).dimension({ id: 'd', title: 'D', description: '' }).build();
    expect(runRule(rule, s).findings.map((f) => f.target.kind).sort()).toEqual(['master-dimension', 'master-measure']);
    expect(runRule(rule, s).found).toEqual([
      'D04 master-dimension:d Master dimension "D" has no description.',
      'D04 master-measure:m Master measure "M" has no description.',
    ]);
  });
});
