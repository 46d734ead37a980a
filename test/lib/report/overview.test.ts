import { describe, expect, it } from 'vitest';
import { countBySeverity } from '../../../lib/analyze/severity-order';
import { countsByCategory, memoryByTable, slowestObjects, slowestSheets, unusedFieldsMemory } from '../../../lib/report/overview';
import { analysedSalesApp, finding } from './fixtures';

describe('overview figures', () => {
  const { snapshot, result } = analysedSalesApp();

  it('counts findings by severity and by category, every category listed', () => {
    const findings = [finding(), finding({ severity: 'warning' }), finding({ category: 'performance', severity: 'info' })];
    expect(countBySeverity(findings)).toEqual({ error: 1, warning: 1, info: 1 });
    const byCategory = countsByCategory(findings);
    expect(byCategory.map((c) => c.category)).toEqual(['quality', 'performance', 'resource', 'design', 'script', 'context']);
    expect(byCategory[0]).toMatchObject({ total: 2, counts: { error: 1, warning: 1, info: 0 } });
    expect(byCategory[1]).toMatchObject({ total: 1, counts: { info: 1 } });
  });

  it('takes table memory from the metadata and sheet time as the sum of its objects', () => {
    expect(memoryByTable(snapshot)).toEqual([
      { label: 'Orders', value: 900_000, key: 'Orders' },
      { label: 'Customers', value: 20_000, key: 'Customers' },
    ]);
    expect(slowestObjects(snapshot).find((o) => o.key === 'table-1')).toEqual({ label: 'Details', value: 4500, key: 'table-1' });
    const sheets = slowestSheets(snapshot);
    expect(sheets.find((s) => s.key === 'sheet-1')?.value).toBe(1500);
    expect(sheets.find((s) => s.key === 'sheet-2')).toEqual({ label: 'مبيعات حسب المنطقة', value: 4500, key: 'sheet-2' });
  });

  it('reads unused-field memory from rule R01 and lists the unused fields with their sizes', () => {
    // Comment is the one field of the sales app that nothing uses (R01, confidence high)
    expect(unusedFieldsMemory(result, snapshot)).toEqual({
      fieldCount: 1,
      totalBytes: 250_000,
      highConfidenceBytes: 250_000,
      dropStatement: 'DROP FIELDS [Comment];',
      statement: { text: 'DROP FIELDS [Comment];' },
      fields: [{ label: 'Comment', value: 250_000, key: 'Comment' }],
    });
  });

  it('says nothing about unused memory when R01 has no summary, and charts nothing without a snapshot', () => {
    expect(unusedFieldsMemory({ ...result, rules: result.rules.filter((r) => r.rule !== 'R01') }, snapshot)).toBeUndefined();
    expect(memoryByTable(undefined)).toEqual([]);
    expect(slowestSheets(undefined)).toEqual([]);
  });
});
