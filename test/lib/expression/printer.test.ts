import { describe, expect, it } from 'vitest';
import { normaliseExpression, parseExpression, printExpression } from '../../../lib/expression/index';
import { VALID_EXPRESSIONS } from './fixtures/real-world';

describe('normaliseExpression', () => {
  it('gives the same text for expressions that differ in spacing, case of keywords and functions, comments and quoting', () => {
    const variants = [
      'Sum({$<Year={2023}>} DISTINCT [Sales])/count(total Customer)',
      'sum( {$ < Year = {2023} > } distinct Sales ) / COUNT( TOTAL [Customer] ) // comment',
      '=SUM({$<[Year]={2023}>}Distinct "Sales")/Count(Total `Customer`)',
    ];
    const normalised = variants.map((v) => normaliseExpression(v));
    expect(new Set(normalised).size).toBe(1);
    expect(normalised[0]).toBe('Sum({$<Year={2023}>} DISTINCT Sales) / Count(TOTAL Customer)');
  });

  it('keeps the case of field names and values, which Qlik treats as different', () => {
    expect(normaliseExpression("Sum({<Region={'north'}>} sales)")).not.toBe(normaliseExpression("Sum({<Region={'North'}>} Sales)"));
  });

  it('keeps the leading = when asked', () => {
    expect(printExpression(parseExpression('=Sum(x)').ast, { keepLeadingEquals: true })).toBe('=Sum(x)');
  });

  it('prints text that parses back to the same canonical text', () => {
    for (const text of VALID_EXPRESSIONS) {
      const once = normaliseExpression(text);
      expect(parseExpression(once).diagnostics, once).toEqual([]);
      expect(normaliseExpression(once), text).toBe(once);
    }
  });
});
