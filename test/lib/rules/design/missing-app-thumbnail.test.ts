import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/design/missing-app-thumbnail';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('D01 missing-app-thumbnail', () => {
  it('passes an app with a thumbnail', () => {
    expect(runRule(rule, app().build()).findings).toEqual([]);
  });

  it('flags an app without one', () => {
    expect(runRule(rule, app({ thumbnail: '' }).build()).messages).toEqual(['App "Test app" has no thumbnail.']);
  });
});
