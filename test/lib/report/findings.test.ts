import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, filterFindings, findingFacets, findingRows, highlightParts } from '../../../lib/report/findings';
import { sortFindings } from '../../../lib/analyze/finding-order';
import { finding, manyFindings } from './fixtures';

describe('filterFindings', () => {
  const findings = manyFindings(30);

  it('keeps everything with the empty filter', () => {
    expect(filterFindings(findings, EMPTY_FILTER)).toHaveLength(30);
  });

  it('filters by severity, category, rule and sheet, all together', () => {
    expect(filterFindings(findings, { ...EMPTY_FILTER, severities: ['warning'] }).every((f) => f.severity === 'warning')).toBe(true);
    expect(filterFindings(findings, { ...EMPTY_FILTER, severities: ['warning', 'info'] })).toHaveLength(20);
    const design = filterFindings(findings, { ...EMPTY_FILTER, categories: ['design'] });
    expect(design).toHaveLength(10);
    expect(design.every((f) => f.rule === 'D08')).toBe(true);
    // findings i = 0..29 cycle through 3 rules and 7 sheets: Q02 on sheet-0 is i = 0 and 21
    expect(filterFindings(findings, { ...EMPTY_FILTER, rule: 'Q02', sheet: 'sheet-0' }).map((f) => f.id)).toEqual(['many-0', 'many-21']);
  });

  it('searches every word, case-insensitively, in message, target, rule and expression', () => {
    const list = [
      finding({ message: 'Field "Umsatz" is unknown', target: { kind: 'field', id: 'Umsatz' } }),
      finding({ message: 'Other', expression: { text: 'Sum(Umsatz)', from: 4, to: 10 } }),
      finding({ message: 'Unrelated' }),
    ];
    expect(filterFindings(list, { ...EMPTY_FILTER, text: 'umsatz' })).toHaveLength(2);
    expect(filterFindings(list, { ...EMPTY_FILTER, text: 'UMSATZ is' })).toHaveLength(1);
    expect(filterFindings(list, { ...EMPTY_FILTER, text: '  ' })).toHaveLength(3);
  });

  it('treats a sheet finding as on its own sheet', () => {
    const sheet = finding({ target: { kind: 'sheet', id: 's9', name: 'Nine' } });
    expect(filterFindings([sheet], { ...EMPTY_FILTER, sheet: 's9' })).toEqual([sheet]);
    expect(findingFacets([sheet]).sheets).toEqual([{ value: 's9', label: 'Nine', count: 1 }]);
  });
});

describe('grouping', () => {
  it('orders errors first, then by rule and name', () => {
    const sorted = sortFindings([finding({ severity: 'info', rule: 'A' }), finding({ severity: 'error', rule: 'Z' }), finding({ severity: 'error', rule: 'B' })]);
    expect(sorted.map((f) => `${f.severity}:${f.rule}`)).toEqual(['error:B', 'error:Z', 'info:A']);
  });

  it('puts a header before each rule group with its count and worst severity', () => {
    const rows = findingRows(manyFindings(9), 'rule', (code) => `rule ${code}`);
    const headers = rows.filter((r) => r.type === 'group');
    expect(headers.map((h) => (h.type === 'group' ? [h.label, h.count, h.severity] : null))).toEqual([
      ['rule Q02', 3, 'error'],
      ['rule P01', 3, 'warning'],
      ['rule D08', 3, 'info'],
    ]);
    expect(rows).toHaveLength(12);
    expect(rows[0].type).toBe('group');
    expect(rows[1].type).toBe('finding');
  });

  it('groups by the object a finding is about', () => {
    const a = { kind: 'object' as const, id: 'x', name: 'Chart X' };
    const rows = findingRows([finding({ target: a }), finding({ target: a, severity: 'warning' }), finding()], 'object');
    expect(rows.filter((r) => r.type === 'group')).toHaveLength(2);
    expect(rows[0]).toMatchObject({ type: 'group', label: 'object Chart X', count: 2 });
  });

  it('lists no headers without grouping', () => {
    expect(findingRows(manyFindings(5), 'none').every((r) => r.type === 'finding')).toBe(true);
  });

  it('counts rules and sheets for the filter menus', () => {
    const facets = findingFacets(manyFindings(14));
    expect(facets.rules.map((r) => [r.value, r.count])).toEqual([
      ['D08', 4],
      ['P01', 5],
      ['Q02', 5],
    ]);
    expect(facets.sheets).toHaveLength(7);
  });
});

describe('highlightParts', () => {
  it('splits at the range and clamps a range outside the text', () => {
    expect(highlightParts('Sum(Sales)', 4, 9)).toEqual({ before: 'Sum(', match: 'Sales', after: ')' });
    expect(highlightParts('abc', 2, 99)).toEqual({ before: 'ab', match: 'c', after: '' });
    expect(highlightParts('abc', 5, 1)).toEqual({ before: 'abc', match: '', after: '' });
  });
});
