import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/large-table-without-condition';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('P15 large-table-without-condition', () => {
  const model = () => app().table('Facts', { rows: 2_000_000, fields: ['OrderID', 'Sales'] });

  it('passes with a calculation condition, and for small tables', () => {
    expect(runRule(rule, model().sheet().table({ dimension: 'OrderID', calcCondition: 'GetSelectedCount(OrderID) > 0' }).build()).findings).toEqual([]);
    expect(runRule(rule, app().table('T', { rows: 10, fields: ['A'] }).sheet().table({ dimension: 'A' }).build()).findings).toEqual([]);
  });

  it('flags a table over 2,000,000 rows without a condition', () => {
    expect(runRule(rule, model().sheet().table({ title: 'Orders', dimension: 'OrderID' }).build()).messages[0]).toBe(
      'Table "Orders" has no calculation condition and shows dimensions of table Facts with 2,000,000 rows (threshold 100,000).',
    );
  });
});
