import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/quality/missing-master-measure';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('Q04 missing-master-measure', () => {
  it('passes when the linked master measure exists', () => {
    const s = app().measure({ id: 'm1', label: 'Sales', def: 'Sum(Sales)' }).dimension({ id: 'd1', title: 'Region' })
      .sheet().barchart({ measure: { libraryId: 'm1' } }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags a link to a deleted master measure', () => {
    const s = app().sheet().barchart({ id: 'c', title: 'Chart', measure: { libraryId: 'gone' } }).build();
    const { findings } = runRule(rule, s);
    expect(findings).toHaveLength(1);
    expect(findings[0].target.id).toBe('c');
    expect(findings[0].path).toBe('/qHyperCubeDef/qMeasures/0/qLibraryId');
    expect(findings[0].message).toContain('"gone"');
  });
});
