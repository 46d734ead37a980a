import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/resource/dominant-field';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

const MB = 1024 ** 2;

describe('R13 dominant-field', () => {
  it('passes small apps and balanced ones', () => {
    expect(runRule(rule, app().table('T', { fields: [{ name: 'A', byteSize: 10 }, { name: 'B', byteSize: 1 }] }).build()).findings).toEqual([]);
    const balanced = app().table('T', { fields: Array.from({ length: 20 }, (_, i) => ({ name: `F${i}`, byteSize: 10 * MB })) }).build();
    expect(runRule(rule, balanced).findings).toEqual([]);
  });

  it('flags a field with a large share of a large app', () => {
    const s = app().table('T', { fields: [{ name: 'Comment', byteSize: 150 * MB }, { name: 'B', byteSize: 50 * MB }] }).build();
    expect(runRule(rule, s).findings.map((f) => f.target.id).sort()).toEqual(['B', 'Comment']);
    expect(runRule(rule, s).found).toEqual([
      `R13 field:B Field "B" takes 50.0 MiB, 25 % of the app's 200 MiB (threshold 10 %).`,
      `R13 field:Comment Field "Comment" takes 150 MiB, 75 % of the app's 200 MiB (threshold 10 %).`,
    ]);
  });
});
