import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/resource/duplicate-field-contents';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('R16 duplicate-field-contents', () => {
  it('passes fields with different hashes', () => {
    expect(runRule(rule, app().table('T', { fields: [{ name: 'A', hash: '1' }, { name: 'B', hash: '2' }] }).build()).findings).toEqual([]);
  });

  it('flags the second name of the same contents', () => {
    const s = app().table('T', { fields: [{ name: 'Region', hash: 'h' }, { name: 'Area', hash: 'h' }] }).build();
    expect(runRule(rule, s).messages).toEqual(['Field "Region" has the same contents as "Area".']);
  });
});
