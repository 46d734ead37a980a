import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/distant-count-distinct';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

const model = () =>
  app()
    .table('Facts', { fields: ['OrderID', 'CustomerID', 'ProductID'] })
    .table('Customers', { fields: ['CustomerID', 'Region'] })
    .table('Products', { fields: ['ProductID', 'GroupID'] })
    .table('Groups', { fields: ['GroupID', 'GroupName'] });

describe('P14 distant-count-distinct', () => {
  it('passes a count one hop from the dimension', () => {
    expect(runRule(rule, model().sheet().barchart({ dimension: 'Region', measure: 'Count(DISTINCT OrderID)' }).build()).findings).toEqual([]);
  });

  it('flags a count several hops away', () => {
    const { findings, found } = runRule(rule, model().sheet().barchart({ id: 'c', dimension: 'Region', measure: 'Count(DISTINCT GroupName)' }).build());
    expect(findings[0].data).toEqual({ field: 'GroupName', hops: 3 });
    expect(found).toEqual([
      'P14 object:c The measure 1 of Bar chart on sheet "Sheet" counts distinct GroupName, 3 key hops from the tables of the dimensions (Region); threshold 2.',
    ]);
  });

  it('honours the minHops option', () => {
    const s = model().sheet().barchart({ id: 'c', dimension: 'Region', measure: 'Count(DISTINCT GroupName)' }).build();
    expect(runRule(rule, s, { minHops: 4 }).findings).toEqual([]);
    expect(runRule(rule, model().sheet().barchart({ id: 'c', dimension: 'Region', measure: 'Count(DISTINCT OrderID)' }).build(), { minHops: 1 }).messages[0]).toContain('threshold 1.');
  });
});
