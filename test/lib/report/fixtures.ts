// A small app with findings, built with the rule helpers' builders and analysed by the real runner,
// plus a maker of synthetic findings for filter and list tests.
import { analyse } from '../../../lib/rules/analyse';
import type { AnalysisResult, Finding } from '../../../lib/analyze/result';
import { app } from '../../fixtures/builders';

const SCRIPT = '///$tab Main\nLOAD * INLINE [a\n1];\n///$tab Orders\nOrders: LOAD OrderID, Sales FROM x\nLOAD bad syntax here;\n';

export function salesApp() {
  return app({ name: 'Sales ‏مبيعات‎ <b>app</b>' })
    .sheet({ id: 'sheet-1', title: 'Overview <script>alert(1)</script>' })
    .barchart({ id: 'chart-1', title: 'Sales by region', measure: 'Sum(Sales)', dimension: 'Region' })
    .kpi({ id: 'kpi-1', title: 'Broken', measure: 'Sum([No Such Field])' })
    .sheetAlso({ id: 'sheet-2', title: 'مبيعات حسب المنطقة' })
    .table({ id: 'table-1', title: 'Details', dimensions: ['Region', 'Customer'], measure: 'Count(OrderID)' })
    .app.table('Orders', { rows: 5000, fields: ['OrderID', 'CustomerID', 'Region', { name: 'Sales', byteSize: 40_000 }, { name: 'Comment', byteSize: 250_000 }], byteSize: 900_000 })
    .table('Customers', { rows: 200, fields: ['CustomerID', 'Customer'], byteSize: 20_000 })
    .variable('vTarget', '1000')
    .variable('vUnused', 'Sum(Sales)')
    .measure({ id: 'mm-1', label: 'Total sales', def: 'Sum(Sales)' })
    .bookmark({ id: 'bm-1', title: 'East only', fields: ['Region', 'Gone'] })
    .script(SCRIPT, { tabs: ['Main', 'Orders'], syntaxErrors: [{ qTabIx: 1, qLineInTab: 1, qColInLine: 5, qTextPos: SCRIPT.indexOf('bad syntax'), qErrLen: 3 }] })
    .timings([
      { objectId: 'chart-1', firstMs: 1200 },
      { objectId: 'kpi-1', firstMs: 300 },
      { objectId: 'table-1', firstMs: 4500 },
    ])
    .build();
}

export function analysedSalesApp(): { snapshot: ReturnType<typeof salesApp>; result: AnalysisResult } {
  const snapshot = salesApp();
  return { snapshot, result: analyse(snapshot) };
}

let n = 0;
export function finding(change: Partial<Finding> = {}): Finding {
  n++;
  return {
    id: `f-${n}`,
    rule: 'Q02',
    name: 'unknown-field',
    severity: 'error',
    category: 'quality',
    message: `Finding number ${n}`,
    target: { kind: 'object', id: `obj-${n}`, name: `Object ${n}`, sheet: { id: 'sheet-1', name: 'Overview' } },
    contentHash: `h${n}`,
    ...change,
  };
}

/** n findings spread over rules, severities, categories and sheets */
export function manyFindings(count: number): Finding[] {
  const rules = [
    { rule: 'Q02', name: 'unknown-field', category: 'quality' as const, severity: 'error' as const },
    { rule: 'P01', name: 'slow-object', category: 'performance' as const, severity: 'warning' as const },
    { rule: 'D08', name: 'missing-object-title', category: 'design' as const, severity: 'info' as const },
  ];
  return Array.from({ length: count }, (_, i) => {
    const r = rules[i % rules.length];
    const sheet = `sheet-${i % 7}`;
    return finding({ ...r, id: `many-${i}`, message: `${r.name} on object ${i}`, target: { kind: 'object', id: `o-${i}`, name: `Chart ${i}`, sheet: { id: sheet, name: `Sheet ${i % 7}` } } });
  });
}
