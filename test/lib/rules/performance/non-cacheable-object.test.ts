import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/non-cacheable-object';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('P03 non-cacheable-object', () => {
  it('passes when the evaluation lists nothing', () => {
    expect(runRule(rule, app().sheet().barchart({ id: 'c' }).app.evaluation({ objNoCache: [] }).build()).findings).toEqual([]);
  });

  it('flags the objects the evaluation lists', () => {
    const s = app().sheet().barchart({ id: 'c', title: 'Chart' }).app.evaluation({ objNoCache: [{ id: 'c', cpuQuotient1: 1 }] }).build();
    const { findings } = runRule(rule, s);
    expect(findings.map((f) => f.target.id)).toEqual(['c']);
    expect(findings[0].message).toContain('cannot be cached');
  });

  it('could not run without an app evaluation', () => {
    expect(runRule(rule, app().build()).run.reason).toContain('no finished app evaluation');
  });
});
