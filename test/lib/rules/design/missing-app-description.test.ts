import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/design/missing-app-description';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('D03 missing-app-description', () => {
  it('passes an app with a description', () => {
    expect(runRule(rule, app().build()).findings).toEqual([]);
  });

  it('flags an app with a blank one', () => {
    expect(runRule(rule, app({ description: '  ' }).build()).findings).toHaveLength(1);
    expect(runRule(rule, app({ description: '  ' }).build()).found).toEqual(['D03 app:app-1 App "Test app" has no description.']);
  });
});
