import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, isAggregationFunction, lookupFunction } from '../../../lib/expression/index';
import { generateFunctionTable, TABLE_FILE } from '../../../scripts/generate-function-table';

describe('function table', () => {
  it('knows aggregations from the engine BNF and chart functions from the corrections', () => {
    expect(lookupFunction('sum')).toMatchObject({ name: 'Sum', aggregation: true, setAllowed: true, distinctAllowed: true, totalAllowed: true });
    expect(lookupFunction('AGGR')).toMatchObject({ name: 'Aggr', aggregation: false, setAllowed: true, minArgs: 2 });
    expect(lookupFunction('If')).toMatchObject({ minArgs: 2, maxArgs: 3, aggregation: false });
    expect(lookupFunction('InMonth')).toMatchObject({ name: 'InMonth', group: 'DATE' });
    expect(lookupFunction('argb')).toMatchObject({ name: 'ARGB', group: 'CLR' });
    expect(lookupFunction('Above')).toMatchObject({ totalAllowed: true, chartOnly: true });
    expect(isAggregationFunction('Count')).toBe(true);
    expect(isAggregationFunction('RangeSum')).toBe(false);
    expect(lookupFunction('Summ')).toBeUndefined();
  });

  it('drops script transformations the inqlik table lists as functions', () => {
    expect(lookupFunction('TRANSPOSE')).toBeUndefined();
    expect(lookupFunction('SELECT')).toBeUndefined();
  });

  const bnf = fileURLToPath(new URL('../../../../shared/qlik/script-bnf.json', import.meta.url));
  it.skipIf(!existsSync(bnf))('marks as aggregation exactly the functions the engine BNF flags qAggrFunc', () => {
    const defs = JSON.parse(readFileSync(bnf, 'utf8')).result.qBnfDefs as Array<{ qName: string; qAggrFunc?: boolean; qIsBnfRule?: boolean }>;
    const fromBnf = new Set(defs.filter((d) => d.qAggrFunc && !d.qIsBnfRule).map((d) => d.qName.toUpperCase()));
    const ours = new Set([...FUNCTIONS.values()].filter((f) => f.aggregation).map((f) => f.name.toUpperCase()));
    // Only and Mode are aggregations in the BNF too; the corrections only widen their qualifiers
    expect(ours).toEqual(fromBnf);
  });
  it.skipIf(!existsSync(bnf))('function-table.ts is what the generator makes from ../shared/qlik today', () => {
    expect(readFileSync(TABLE_FILE, 'utf8')).toBe(generateFunctionTable());
  });

  if (!existsSync(bnf)) console.warn(`[skip] ../shared/qlik/script-bnf.json not found: BNF cross-check skipped`);
});
