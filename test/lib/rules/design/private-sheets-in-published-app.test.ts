import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/design/private-sheets-in-published-app';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('D12 private-sheets-in-published-app', () => {
  it('passes unpublished apps and published sheets', () => {
    expect(runRule(rule, app().sheet().build()).findings).toEqual([]);
    expect(runRule(rule, app({ published: true }).sheet({ published: true }).build()).findings).toEqual([]);
  });

  it('flags a private sheet in a published app', () => {
    expect(runRule(rule, app({ published: true }).sheet({ title: 'Mine', published: false }).build()).messages).toEqual(['Sheet "Mine" is private in a published app.']);
  });
});
