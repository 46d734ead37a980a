import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/quality/chart-filter-unknown-field';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

const filtered = (field: string) =>
  app().table('T', { fields: ['Region'] }).sheet().barchart({ id: 'c', properties: { filters: [{ type: 'value', options: { fieldName: field } }] } }).build();

describe('Q16 chart-filter-unknown-field', () => {
  it('passes a filter on an existing field', () => {
    expect(runRule(rule, filtered('Region')).findings).toEqual([]);
  });

  it('flags a filter on a missing field', () => {
    expect(runRule(rule, filtered('Country')).findings.map((f) => f.data?.field)).toEqual(['Country']);
    expect(runRule(rule, filtered('Country')).found).toEqual([
      'Q16 object:c Chart filter of Bar chart on sheet "Sheet" uses field "Country", which does not exist in the data model.',
    ]);
  });
});
