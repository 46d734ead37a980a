import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/deep-if-nesting';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

const nested = (n: number): string => (n === 0 ? '0' : `If(x = ${n}, ${n}, ${nested(n - 1)})`);

describe('P11 deep-if-nesting', () => {
  it('passes three levels', () => {
    expect(runRule(rule, app().sheet().kpi({ measure: nested(3) }).build()).findings).toEqual([]);
  });

  it('flags four levels, and honours the option', () => {
    const s = app().sheet().kpi({ measure: nested(4) }).build();
    expect(runRule(rule, s).messages[0]).toContain('4 levels deep (threshold 3)');
    expect(runRule(rule, s, { maxDepth: 4 }).findings).toEqual([]);
    expect(runRule(rule, s).found).toEqual(['P11 object:kpi-4 The measure 1 of KPI on sheet "Sheet" nests If 4 levels deep (threshold 3).']);
  });
});
