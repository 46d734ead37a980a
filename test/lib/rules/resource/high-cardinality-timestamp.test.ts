import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/resource/high-cardinality-timestamp';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('R08 high-cardinality-timestamp', () => {
  it('passes dates and small timestamps', () => {
    const s = app().table('T', { fields: [{ name: 'D', cardinal: 3000, tags: ['$date'] }, { name: 'TS', cardinal: 90_000, tags: ['$timestamp'] }] }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags a timestamp with many values', () => {
    const s = app().table('T', { rows: 1_000_000, fields: [{ name: 'CreatedAt', cardinal: 800_000, tags: ['$timestamp', '$numeric'] }] }).build();
    expect(runRule(rule, s).findings.map((f) => f.target.id)).toEqual(['CreatedAt']);
    expect(runRule(rule, s).found).toEqual([
      'R08 field:CreatedAt Timestamp field "CreatedAt" has 800,000 distinct values (threshold 100,000).',
    ]);
  });

  it('honours the distinct option', () => {
    const s = app().table('T', { fields: [{ name: 'TS', cardinal: 90_000, tags: ['$timestamp'] }] }).build();
    expect(runRule(rule, s, { distinct: 50_000 }).found).toEqual(['R08 field:TS Timestamp field "TS" has 90,000 distinct values (threshold 50,000).']);
  });
});
