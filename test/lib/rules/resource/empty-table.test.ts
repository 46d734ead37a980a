import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/resource/empty-table';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('R03 empty-table', () => {
  it('passes tables with rows', () => {
    expect(runRule(rule, app().table('T', { rows: 1, fields: ['A'] }).build()).findings).toEqual([]);
  });

  it('flags a table without rows', () => {
    const { findings } = runRule(rule, app().table('Empty', { rows: 0, fields: ['A'] }).build());
    expect(findings.map((f) => f.target)).toEqual([{ kind: 'table', id: 'Empty', name: 'Empty' }]);
    expect(runRule(rule, app().table('Empty', { rows: 0, fields: ['A'] }).build()).found).toEqual(['R03 table:Empty Table Empty has no rows.']);
  });
});
