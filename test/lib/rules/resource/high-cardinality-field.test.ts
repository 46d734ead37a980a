import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/resource/high-cardinality-field';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('R07 high-cardinality-field', () => {
  it('passes a field under the threshold and timestamps (R08)', () => {
    const s = app().table('T', { rows: 5_000_000, fields: [{ name: 'A', cardinal: 1_000_000 }, { name: 'TS', cardinal: 4_000_000, tags: ['$timestamp'] }] }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags a field over it, and the option changes it', () => {
    const s = app().table('T', { rows: 5_000_000, fields: [{ name: 'OrderLineID', cardinal: 5_000_000 }] }).build();
    expect(runRule(rule, s).messages).toEqual(['Field "OrderLineID" has 5,000,000 distinct values (threshold 1,000,000).']);
    expect(runRule(rule, s, { distinct: 10_000_000 }).findings).toEqual([]);
  });
});
