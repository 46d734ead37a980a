import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/context/read-only-analysis';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('G03 read-only-analysis', () => {
  it('is silent with full rights', () => {
    expect(runRule(rule, app().build()).findings).toEqual([]);
  });

  it('says what was missing', () => {
    const s = app().noScript().patch((x) => (x.access.canEdit = false)).build();
    expect(runRule(rule, s).messages).toEqual(['Analysed without edit rights (private sheets of others are invisible) and without the load script.']);
  });
});
