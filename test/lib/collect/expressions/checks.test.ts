import { describe, expect, it } from 'vitest';
import { labelMatcher } from '../../../../lib/collect/expressions/checks.ts';

describe('labelMatcher', () => {
  it('finds the labels that occur in a text, in label order, like a substring scan', () => {
    const labels = ['Sales', 'Sales 2', 'Margin %', '', 'Sal', 'ales', 'Ünïcode ✓', 'x', 'Sales'];
    const match = labelMatcher(labels);
    const texts = ['Sum(Sales) / [Sales 2]', "[Margin %] & 'Ünïcode ✓'", 'nothing here', '', 'x', 'SalesSales 2', 'Sa', 'MARGIN %'];
    for (const text of texts) expect(match(text), text).toEqual(labels.filter((l) => l && text.includes(l)));
    expect(match('Sum(Sales) / [Sales 2]')).toEqual(['Sales', 'Sales 2', 'Sal', 'ales', 'Sales']);
  });

  it('agrees with a substring scan on generated labels and texts', () => {
    let seed = 7;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const word = (): string => Array.from({ length: 1 + random(5) }, () => 'ab c[]%'.charAt(random(7))).join('');
    const labels = Array.from({ length: 200 }, word);
    const match = labelMatcher(labels);
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: random(6) }, word).join('');
      expect(match(text)).toEqual(labels.filter((l) => l && text.includes(l)));
    }
  });
});
