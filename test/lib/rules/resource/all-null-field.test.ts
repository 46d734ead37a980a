import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/resource/all-null-field';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('R02 all-null-field', () => {
  it('passes fields with values', () => {
    expect(runRule(rule, app().table('T', { rows: 10, fields: ['A', { name: 'B', nonNulls: 1 }] }).build()).findings).toEqual([]);
  });

  it('flags a field null in every row', () => {
    expect(runRule(rule, app().table('T', { rows: 10, fields: ['A', { name: 'B', nonNulls: 0 }] }).build()).messages).toEqual(['Field "B" (table T) is null in all 10 rows.']);
  });
});
