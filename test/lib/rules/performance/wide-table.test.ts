import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/wide-table';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

const columns = (n: number) => Array.from({ length: n }, (_, i) => `Sum(F${i})`);

describe('P16 wide-table', () => {
  it('passes 14 columns', () => {
    expect(runRule(rule, app().sheet().table({ measures: columns(14) }).build()).findings).toEqual([]);
  });

  it('flags 15 columns, not charts', () => {
    const s = app().sheet().table({ id: 't', measures: columns(15) }).barchart({ measures: columns(20) }).build();
    expect(runRule(rule, s).findings.map((f) => f.target.id)).toEqual(['t']);
    expect(runRule(rule, s).found).toEqual(['P16 object:t Table on sheet "Sheet" has 15 columns (threshold 15).']);
  });

  it('honours the columns option', () => {
    const s = app().sheet().table({ id: 't', measures: columns(15) }).build();
    expect(runRule(rule, s, { columns: 16 }).findings).toEqual([]);
    expect(runRule(rule, s, { columns: 10 }).found).toEqual(['P16 object:t Table on sheet "Sheet" has 15 columns (threshold 10).']);
  });
});
