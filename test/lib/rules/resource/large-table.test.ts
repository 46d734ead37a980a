import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/resource/large-table';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('R09 large-table', () => {
  it('passes 50,000,000 rows', () => {
    expect(runRule(rule, app().table('T', { rows: 50_000_000, fields: ['A'] }).build()).findings).toEqual([]);
  });

  it('flags more', () => {
    expect(runRule(rule, app().table('T', { rows: 60_000_000, fields: ['A'] }).build()).messages).toEqual(['Table T has 60,000,000 rows (threshold 50,000,000).']);
  });
});
