import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/resource/text-key';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('R14 text-key', () => {
  it('passes numeric keys and text non-keys', () => {
    const s = app().table('A', { fields: [{ name: 'K', tags: ['$key', '$numeric', '$integer'] }, { name: 'Name', tags: ['$text'] }] }).table('B', { fields: ['K'] }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags a text key', () => {
    const s = app().table('A', { fields: [{ name: 'CustomerKey', tags: ['$key', '$text'] }] }).table('B', { fields: [{ name: 'CustomerKey', tags: ['$key', '$text'] }] }).build();
    expect(runRule(rule, s).findings.map((f) => f.target.id)).toEqual(['CustomerKey']);
    expect(runRule(rule, s).found).toEqual([
      'R14 field:CustomerKey Key field "CustomerKey" (tables A, B) holds text values: AutoNumber it.',
    ]);
  });
});
