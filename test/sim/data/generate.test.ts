import { describe, expect, it } from 'vitest';
import { dataModelFromTablesAndKeys, type TablesAndKeys } from './data-model';
import { aggregate, fieldValue, rowValueIndex, SAMPLE_ROWS, tableRows } from './generate';
import { calcCostMs } from './cost';

const f = (qName: string, rows: number, distinct: number, qTags: string[], extra: object = {}) => ({ qName, qnRows: rows, qnNonNulls: rows, qnTotalDistinctValues: distinct, qnPresentDistinctValues: distinct, qTags, qKeyType: 'NOT_KEY' as const, ...extra });
const tk: TablesAndKeys = {
  qtr: [
    { qName: 'Facts', qNoOfRows: 50_000_000, qFields: [f('Key', 50_000_000, 300, ['$key', '$numeric', '$integer'], { qKeyType: 'ANY_KEY' }), f('Amount', 50_000_000, 10_000, ['$numeric']), f('Note', 50_000_000, 40, ['$text'], { qnNonNulls: 25_000_000, qHasNull: true }), f('Day', 50_000_000, 365, ['$numeric', '$integer', '$timestamp', '$date'])] },
    { qName: 'Dim', qNoOfRows: 300, qFields: [f('Key', 300, 300, ['$key', '$numeric', '$integer'], { qKeyType: 'PERFECT_KEY' }), f('Name', 300, 300, ['$text'])] },
  ],
  qk: [{ qKeyFields: ['Key'], qTables: ['Facts', 'Dim'] }],
};
const model = dataModelFromTablesAndKeys(tk);

describe('generated data', () => {
  it('is deterministic and follows the field tags', () => {
    const amount = model.fieldByName.get('Amount')!;
    expect(fieldValue(amount, 7)).toEqual(fieldValue(amount, 7));
    expect(fieldValue(amount, 7).qIsNumeric).toBe(true);
    expect(fieldValue(model.fieldByName.get('Day')!, 0).qText).toBe('2018-01-01');
    expect(fieldValue(model.fieldByName.get('Name')!, 0)).toEqual({ qText: 'Name 1', qNum: 'NaN', qIsNumeric: false });
  });

  it('shares key values between tables and keeps to the model cardinalities', () => {
    const key = model.fieldByName.get('Key')!;
    expect(key.srcTables).toEqual(['Facts', 'Dim']);
    const factKeys = new Set(Array.from({ length: 2000 }, (_, row) => rowValueIndex(model, 'Facts', key, row)));
    const dimKeys = new Set(Array.from({ length: 300 }, (_, row) => rowValueIndex(model, 'Dim', key, row)));
    expect(dimKeys.size).toBe(300);
    expect([...factKeys].every((k) => dimKeys.has(k))).toBe(true);
    expect(factKeys.size).toBeLessThanOrEqual(300);
  });

  it('produces nulls at the model rate and caps generated rows', () => {
    const note = model.fieldByName.get('Note')!;
    const nulls = Array.from({ length: 4000 }, (_, row) => rowValueIndex(model, 'Facts', note, row)).filter((i) => i < 0).length;
    expect(nulls / 4000).toBeGreaterThan(0.4);
    expect(nulls / 4000).toBeLessThan(0.6);
    expect(tableRows(model, 'Facts', 0, 50_000_000)).toHaveLength(SAMPLE_ROWS);
    expect(tableRows(model, 'Dim', 290, 50)).toHaveLength(10);
  });

  it('aggregates from a bounded sample scaled to the row count', () => {
    const amount = model.fieldByName.get('Amount')!;
    expect(aggregate(model, 'COUNT', amount, true)).toBe(10_000);
    const avg = aggregate(model, 'AVG', amount, false);
    expect(aggregate(model, 'SUM', amount, false)).toBeCloseTo(avg * 50_000_000, -6);
  });
});

describe('calculation cost model', () => {
  it('grows with scanned rows and cube size, and the cached pass is cheaper', () => {
    const small = calcCostMs(model, { fields: ['Name'], cubeRows: 300, measures: 1 });
    const big = calcCostMs(model, { fields: ['Key', 'Amount'], cubeRows: 300, measures: 2 });
    expect(big.calcMs).toBeGreaterThan(small.calcMs);
    expect(big.cachedCalcMs).toBeLessThan(big.calcMs);
  });
});
