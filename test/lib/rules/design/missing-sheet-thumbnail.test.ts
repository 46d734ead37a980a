import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/design/missing-sheet-thumbnail';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('D02 missing-sheet-thumbnail', () => {
  it('passes sheets with thumbnails', () => {
    expect(runRule(rule, app().sheet().build()).findings).toEqual([]);
  });

  it('flags a sheet without one', () => {
    expect(runRule(rule, app().sheet({ title: 'Bare', thumbnail: undefined }).build()).messages).toEqual(['Sheet "Bare" has no thumbnail.']);
  });

  it('says an untitled sheet is untitled, never naming it by its id', () => {
    expect(runRule(rule, app().sheet({ id: 'aBc123', title: '', thumbnail: undefined }).build()).messages).toEqual(['Untitled sheet has no thumbnail.']);
  });
});
