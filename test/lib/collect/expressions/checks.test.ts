import { describe, expect, it } from 'vitest';
import { labelIndex } from '../../../../lib/collect/expressions/checks';

/** what labelIndex must answer: the distinct non-empty labels that occur in the text, sorted */
const byScan = (labels: string[], text: string): string[] => [...new Set(labels.filter((l) => l && text.includes(l)))].sort();

describe('labelIndex', () => {
  it('finds the labels that occur in a text, like a substring scan, sorted and once each', () => {
    const labels = ['Sales', 'Sales 2', 'Margin %', '', 'Sal', 'ales', 'Ünïcode ✓', 'x', 'Sales', 'emoji 📈'];
    const index = labelIndex();
    for (const l of labels) index.add(l);
    const texts = ['Sum(Sales) / [Sales 2]', "[Margin %] & 'Ünïcode ✓'", 'nothing here', '', 'x', 'SalesSales 2', 'Sa', 'MARGIN %', 'Sum([emoji 📈])'];
    for (const text of texts) expect(index.find(text), text).toEqual(byScan(labels, text));
    expect(index.find('Sum(Sales) / [Sales 2]')).toEqual(['Sal', 'Sales', 'Sales 2', 'ales']);
    expect(index.size()).toBe(8);
  });

  it('agrees with a substring scan while labels keep arriving', () => {
    let seed = 7;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const word = (): string => Array.from({ length: 1 + random(5) }, () => 'ab c[]%'.charAt(random(7))).join('');
    const labels: string[] = [];
    const index = labelIndex();
    for (let i = 0; i < 300; i++) {
      const label = word();
      labels.push(label);
      index.add(label);
      const text = Array.from({ length: random(6) }, word).join('');
      expect(index.find(text)).toEqual(byScan(labels, text));
    }
  });
});
