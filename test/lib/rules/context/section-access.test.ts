import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/context/section-access';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('G02 section-access', () => {
  it('is silent without section access', () => {
    expect(runRule(rule, app().build()).findings).toEqual([]);
  });

  it('informs when the app has section access', () => {
    expect(runRule(rule, app({ sectionAccess: true }).build()).findings).toHaveLength(1);
    expect(runRule(rule, app({ sectionAccess: true }).build()).found).toEqual([
      'G02 app:app-1 The app has section access: data-model statistics reflect only the data this user may see.',
    ]);
  });
});
