import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/resource/low-density-field';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('R18 low-density-field', () => {
  it('passes dense fields and all-null ones (R02)', () => {
    expect(runRule(rule, app().table('T', { rows: 1000, fields: ['A', { name: 'N', nonNulls: 0 }] }).build()).findings).toEqual([]);
  });

  it('flags a field with values in 0.5 % of rows', () => {
    expect(runRule(rule, app().table('T', { rows: 1000, fields: [{ name: 'Rare', nonNulls: 5 }] }).build()).messages).toEqual([
      'Field "Rare" has values in 0.5 % of the rows of table T (threshold 1 %).',
    ]);
  });
});
