import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/resource/synthetic-key';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('R04 synthetic-key', () => {
  it('passes a model without synthetic keys', () => {
    expect(runRule(rule, app().table('A', { fields: ['K', 'X'] }).table('B', { fields: ['K', 'Y'] }).build()).findings).toEqual([]);
  });

  it('flags a $Syn table with its fields', () => {
    const s = app().table('Facts', { fields: ['$Syn 1', 'Amount'] }).table('$Syn 1 Table', { isSynthetic: true, fields: ['$Syn 1', 'Year', 'Region'] }).build();
    const [f] = runRule(rule, s).findings;
    expect(f.message).toBe('Synthetic key $Syn 1 Table combines the fields $Syn 1, Year, Region.');
  });
});
