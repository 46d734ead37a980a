import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/script/debug-reload';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('S03 debug-reload', () => {
  it('passes a full reload', () => {
    expect(runRule(rule, app().reloads({ metadata: [{ reloadId: 'r', statements: [] }] }).build()).findings).toEqual([]);
  });

  it('flags a row-limited reload that skipped stores', () => {
    const s = app().reloads({ metadata: [{ reloadId: 'r', rowLimit: 100, skipStore: true, statements: [] }] }).build();
    expect(runRule(rule, s).messages).toEqual(['The last successful reload was limited to 100 rows per table and skipped its STORE statements.']);
  });
});
