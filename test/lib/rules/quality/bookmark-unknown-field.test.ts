import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/quality/bookmark-unknown-field';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('Q08 bookmark-unknown-field', () => {
  it('passes bookmarks on existing fields', () => {
    const s = app().table('T', { fields: ['Region'] }).bookmark({ title: 'West', fields: ['Region'] }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags a bookmark selecting in a dropped field', () => {
    const s = app().table('T', { fields: ['Region'] }).bookmark({ id: 'b1', title: 'Old', fields: ['Country'] }).build();
    const { findings } = runRule(rule, s);
    expect(findings[0].target).toEqual({ kind: 'bookmark', id: 'b1', name: 'Old' });
    expect(findings[0].message).toContain('"Country"');
  });
});
