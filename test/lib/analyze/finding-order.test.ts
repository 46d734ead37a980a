import { describe, expect, it } from 'vitest';
import { compareFindings, sortFindings } from '../../../lib/analyze/finding-order';
import type { Finding } from '../../../lib/analyze/result';

const finding = (id: string, overrides: Partial<Finding> = {}): Finding => ({
  id,
  rule: 'Q02',
  name: 'unknown-field',
  severity: 'warning',
  category: 'quality',
  message: id,
  target: { kind: 'object', id: 'o1', name: 'Sales' },
  contentHash: id,
  ...overrides,
});

describe('the one order of findings', () => {
  it('puts the worst first, then orders by rule, target name (else id), path and id', () => {
    const list = [
      finding('info', { severity: 'info', rule: 'A01' }),
      finding('later-rule', { rule: 'Q09' }),
      finding('path-b', { path: 'b' }),
      finding('id-b'),
      finding('id-a'),
      finding('path-a', { path: 'a' }),
      finding('unnamed', { target: { kind: 'object', id: 'Margin', name: '' } }),
      finding('error', { severity: 'error', rule: 'Z99' }),
    ];
    expect(sortFindings(list).map((f) => f.id)).toEqual(['error', 'unnamed', 'id-a', 'id-b', 'path-a', 'path-b', 'later-rule', 'info']);
  });

  it('is a total order: a copy sorts the same from any starting order, and equal only for the same finding', () => {
    const list = [finding('b'), finding('a', { path: 'x' }), finding('c', { severity: 'error' })];
    expect(sortFindings([...list].reverse())).toEqual(sortFindings(list));
    expect(compareFindings(list[0], { ...list[0] })).toBe(0);
    expect(list.map((f) => f.id)).toEqual(['b', 'a', 'c']);
  });
});
