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
    const [f] = runRule(rule, model().sheet().barchart({ dimension: 'Region', measure: 'Count(DISTINCT GroupName)' }).build()).findings;
    expect(f.data).toEqual({ field: 'GroupName', hops: 3 });
  });
});
