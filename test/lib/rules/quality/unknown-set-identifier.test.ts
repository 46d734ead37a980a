import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/quality/unknown-set-identifier';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('Q03 unknown-set-identifier', () => {
  it('accepts $, 1, $1, bookmarks by id or title and alternate states', () => {
    const s = app({ alternateStates: ['Compare'] })
      .bookmark({ id: 'BM01', title: 'Top customers' })
      .sheet()
      .kpi({ measures: ['Sum({$} Sales)', 'Sum({1} Sales)', 'Sum({$1} Sales)', 'Sum({BM01} Sales)', 'Sum({[Top customers]} Sales)', 'Sum({Compare} Sales)'] })
      .build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags a deleted bookmark with its range', () => {
    const s = app().sheet().kpi({ measure: 'Sum({BM99} Sales)' }).build();
    const [f] = runRule(rule, s).findings;
    expect(f.expression?.text.slice(f.expression.from, f.expression.to)).toBe('BM99');
    expect(f.message).toContain('"BM99"');
    expect(runRule(rule, s).found).toEqual([
      'Q03 object:kpi-4 Set identifier "BM99" in the measure 1 of KPI on sheet "Sheet" is neither a bookmark nor an alternate state of this app.',
    ]);
  });
});
