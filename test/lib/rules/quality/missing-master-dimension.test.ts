import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/quality/missing-master-dimension';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('Q05 missing-master-dimension', () => {
  it('passes when the linked master dimension exists', () => {
    const s = app().measure({ id: 'm1', label: 'Sales', def: 'Sum(Sales)' }).dimension({ id: 'd1', title: 'Region' })
      .sheet().barchart({ dimension: { libraryId: 'd1' } }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags a link to a deleted master dimension', () => {
    const s = app().sheet().barchart({ id: 'c', title: 'Chart', dimension: { libraryId: 'gone' } }).build();
    const { findings } = runRule(rule, s);
    expect(findings).toHaveLength(1);
    expect(findings[0].target.id).toBe('c');
    expect(findings[0].path).toBe('/qHyperCubeDef/qDimensions/0/qLibraryId');
    expect(findings[0].message).toContain('"gone"');
  });
});
