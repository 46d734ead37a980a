import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/needless-calculated-dimension';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('P07 needless-calculated-dimension', () => {
  it('passes plain and really calculated dimensions', () => {
    expect(runRule(rule, app().sheet().barchart({ dimensions: ['Region', '=Upper(Region)'] }).build()).findings).toEqual([]);
  });

  it('flags =[Field] and =Field', () => {
    const { messages } = runRule(rule, app().sheet().barchart({ dimensions: ['=[Region]', '= Year'] }).build());
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('use the field Region without "="');
  });
});
