import { describe, expect, it } from 'vitest';
import { AnalysisIndex } from '../../../lib/analyze/analysis-index';
import { parseForAnalysis } from '../../../lib/analyze/parsed-expression';
import { app } from '../../fixtures/builders';

const parse = (text: string, variables: Record<string, string> = {}) =>
  parseForAnalysis(text, 'expression', new Map(Object.entries(variables).map(([name, definition]) => [name, { definition }])));

describe('parseForAnalysis: the one view of field occurrences', () => {
  it('gives each occurrence its range in the expanded text and in the text as written', () => {
    const text = 'Sum([Sales]) - $(vC)';
    const parsed = parse(text, { vC: 'Sum(Cost)' });
    expect(parsed.expanded).toBe('Sum([Sales]) - Sum(Cost)');
    const [sales, cost] = parsed.fields;
    expect(parsed.expanded.slice(sales.from, sales.to)).toBe('[Sales]');
    expect(text.slice(sales.original.from, sales.original.to)).toBe('[Sales]');
    expect(sales.viaExpansion).toBe(false);
    expect(parsed.expanded.slice(cost.from, cost.to)).toBe('Cost');
    expect(text.slice(cost.original.from, cost.original.to)).toBe('$(vC)');
    expect(cost.viaExpansion).toBe(true);
    // the parser's other references come from the same walk, ranges in the expanded text
    const references = parsed.references();
    expect(references?.calls.map((c) => parsed.expanded.slice(c.from, c.to))).toEqual(['Sum([Sales])', 'Sum(Cost)']);
    expect(references).not.toHaveProperty('fields');
  });

  it('keeps the occurrences of search strings and recovered fragments, marked, for the readers to choose', () => {
    const parsed = parse('Sum({<Customer={"=Sum(Sales)>0"}>} Amount) Rest');
    expect(parsed.fields.map((f) => [f.name, f.role, f.inSearch, f.recovered])).toEqual([
      ['Customer', 'modifier-field', false, false],
      ['Sales', 'expression', true, false],
      ['Amount', 'expression', false, false],
      ['Rest', 'expression', false, true],
    ]);
  });

  it('reads a dimension in field syntax as one occurrence with role dimension', () => {
    const parsed = parseForAnalysis('[Order Date]', 'field', new Map());
    expect(parsed.fields.map((f) => [f.name, f.role, f.original])).toEqual([['Order Date', 'dimension', { from: 1, to: 11 }]]);
    expect(parsed.references()).toBeUndefined();
  });
});

describe('AnalysisIndex parsesFrom', () => {
  it('reuses the parses of the index it is given, and parses afresh without one', () => {
    const snapshot = app().variable('vC', 'Sum(Cost)').measure({ id: 'm1', label: 'M', def: 'Sum(Sales) - $(vC)' }).build();
    const first = new AnalysisIndex(snapshot);
    const parsed = first.parse('Sum(Sales) - $(vC)');
    expect(new AnalysisIndex(snapshot, first).parse('Sum(Sales) - $(vC)')).toBe(parsed);
    expect(new AnalysisIndex(snapshot).parse('Sum(Sales) - $(vC)')).not.toBe(parsed);
  });
});
