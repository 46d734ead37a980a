import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/needless-calculated-dimension';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('P07 needless-calculated-dimension', () => {
  it('passes plain and really calculated dimensions', () => {
    expect(runRule(rule, app().sheet().barchart({ dimensions: ['Region', '=Upper(Region)'] }).build()).findings).toEqual([]);
  });

  it('flags =[Field] and =Field', () => {
    expect(runRule(rule, app().sheet().barchart({ id: 'c', dimensions: ['=[Region]', '= Year'] }).build()).found).toEqual([
      'P07 object:c The dimension 1 of Bar chart on sheet "Sheet" is "=[Region]": use the field Region without "=".',
      'P07 object:c The dimension 2 of Bar chart on sheet "Sheet" is "= Year": use the field Year without "=".',
    ]);
  });
});
