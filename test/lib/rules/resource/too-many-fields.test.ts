import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/resource/too-many-fields';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

const fields = (n: number) => Array.from({ length: n }, (_, i) => `F${i}`);

describe('R10 too-many-fields', () => {
  it('passes 150 fields', () => {
    expect(runRule(rule, app().table('T', { fields: fields(150) }).build()).findings).toEqual([]);
  });

  it('flags 151', () => {
    expect(runRule(rule, app().table('T', { fields: fields(151) }).build()).messages).toEqual(['The app has 151 fields (threshold 150).']);
  });
});
