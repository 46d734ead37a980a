import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/resource/circular-reference';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('R06 circular-reference', () => {
  it('passes a model without loose tables', () => {
    expect(runRule(rule, app().table('A', { fields: ['K'] }).build()).findings).toEqual([]);
  });

  it('flags a loosely coupled table', () => {
    const s = app().table('A', { fields: ['K', 'L'] }).table('B', { fields: ['L', 'M'] }).table('C', { isLoose: true, fields: ['M', 'K'] }).build();
    const { findings } = runRule(rule, s);
    expect(findings.map((f) => [f.target.id, f.severity])).toEqual([['C', 'error']]);
    expect(runRule(rule, s).found).toEqual([
      'R06 table:C Table C is loosely coupled: the data model has a circular reference through it.',
    ]);
  });
});
