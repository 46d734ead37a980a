import { describe, expect, it } from 'vitest';
import { AnalysisIndex } from '../../../lib/analyze/analysis-index';
import { mentions } from '../../../lib/analyze/usage-index';
import { app } from '../../fixtures/builders';

describe('UsageIndex', () => {
  const snapshot = app()
    .table('T', { fields: ['Sales', 'Year', 'Region'] })
    .variable('vSales', 'Sum(Sales)')
    .variable('vChain', '$(vSales) * 2')
    .measure({ id: 'm1', label: 'Revenue', def: 'Sum(Sales)' })
    .sheet({ id: 's1', title: 'S' })
    .barchart({ id: 'c1', title: 'C', dimension: 'Region', measures: ['$(vChain)', 'Sum({<Year={2024}>} 1)', '[Revenue]'] })
    .build();
  const usage = new AnalysisIndex(snapshot).usage;

  it('says where each field is used and how', () => {
    expect(usage.fieldUses.get('Year')?.map((u) => [u.kind, u.target.id])).toEqual([['set-modifier', 'c1']]);
    expect(usage.fieldUses.get('Region')?.map((u) => u.kind)).toEqual(['dimension']);
    expect(new Set(usage.fieldUses.get('Sales')?.map((u) => u.kind))).toEqual(new Set(['master-item', 'expression', 'variable']));
  });

  it('follows variables transitively and master measures by label', () => {
    expect(usage.isVariableUsed('vChain')).toBe(true);
    expect(usage.isVariableUsed('vSales')).toBe(true);
    expect(usage.masterMeasureUses.get('m1')?.map((u) => u.target.id)).toEqual(['c1']);
  });

  it('matches names only as whole names', () => {
    expect(mentions('Sum(SalesAmount)', 'Sales')).toBe(false);
    expect(mentions('Sum([Sales]) + 1', 'Sales')).toBe(true);
    expect(mentions('Umsatz_Jahr', 'Jahr')).toBe(false);
  });
});

describe('UsageIndex: which field occurrences are uses, and of what kind', () => {
  const snapshot = app()
    .table('T', { fields: ['Sales', 'Cost', 'Year', 'Region', 'Extra'] })
    .sheet({ id: 's1', title: 'S' })
    .barchart({ id: 'c1', title: 'C', dimension: 'Region', measures: ['Sum({<Region={"=Year>2000"}, Region={"=Sum(Cost)>0"}>} Sales)', 'Sum(Sales) Extra'] })
    .build();
  const usage = new AnalysisIndex(snapshot).usage;

  it('counts a bare field of an "=expr" search as set analysis, a field inside a call of the search as an expression use', () => {
    expect(usage.fieldUses.get('Year')?.map((u) => u.kind)).toEqual(['set-modifier']);
    expect(usage.fieldUses.get('Cost')?.map((u) => u.kind)).toEqual(['expression']);
  });

  it('does not count a field the parser only recovered after a syntax error', () => {
    expect(usage.fieldUses.get('Extra')).toBeUndefined();
    expect(usage.fieldUses.get('Sales')?.map((u) => u.kind)).toEqual(['expression', 'expression']);
  });
});
