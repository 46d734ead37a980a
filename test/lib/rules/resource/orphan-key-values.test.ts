import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/resource/orphan-key-values';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('R15 orphan-key-values', () => {
  it('passes a complete dimension table', () => {
    const s = app().table('Facts', { rows: 1000, fields: [{ name: 'CustID', subsetRatio: 0.8 }] }).table('Customers', { rows: 100, fields: [{ name: 'CustID', keyType: 'PRIMARY_KEY' }] }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags a dimension table missing key values', () => {
    const s = app().table('Facts', { rows: 1000, fields: ['CustID'] }).table('Customers', { rows: 100, fields: [{ name: 'CustID', keyType: 'PRIMARY_KEY', subsetRatio: 0.9 }] }).build();
    expect(runRule(rule, s).messages).toEqual(['Key "CustID": table Customers holds only 90 % of its values; 10 % are used elsewhere without a row here.']);
  });
});
