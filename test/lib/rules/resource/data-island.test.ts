import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/resource/data-island';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('R05 data-island', () => {
  it('passes linked tables and single-table apps', () => {
    expect(runRule(rule, app().table('A', { fields: ['K', 'X'] }).table('B', { fields: ['K', 'Y'] }).build()).findings).toEqual([]);
    expect(runRule(rule, app().table('A', { fields: ['X'] }).build()).findings).toEqual([]);
  });

  it('flags a table that shares no field', () => {
    const s = app().table('A', { fields: ['K', 'X'] }).table('B', { fields: ['K', 'Y'] }).table('Params', { fields: ['Growth'] }).build();
    expect(runRule(rule, s).findings.map((f) => f.target.id)).toEqual(['Params']);
    expect(runRule(rule, s).found).toEqual(['R05 table:Params Table Params shares no field with the other 2 tables.']);
  });
});
