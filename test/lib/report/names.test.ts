import { describe, expect, it } from 'vitest';
import type { Target } from '../../../lib/analyze/result';
import { objectLookupOf, targetDisplayName } from '../../../lib/report/names';
import { visualizationName } from '../../../lib/snapshot/visualization-names';
import { app } from '../../fixtures/builders';

const sheet = { id: 's1', name: 'Sales overview' };

describe('targetDisplayName', () => {
  it('names an untitled object by its type in words and its sheet, never by its id', () => {
    expect(targetDisplayName({ kind: 'object', id: 'KnASd', name: 'barchart', sheet })).toBe('Bar chart on Sales overview');
    expect(targetDisplayName({ kind: 'object', id: 'KnASd', name: 'KnASd', sheet })).toBe('Object on Sales overview');
    expect(targetDisplayName({ kind: 'object', id: 'x', name: 'sn-layout-container', sheet: { id: 's2' } })).toBe('Layout container on an untitled sheet');
    expect(targetDisplayName({ kind: 'master-object', id: 'm', name: 'table' })).toBe('Table in master items');
  });

  it("reads the analyser's type in words as a placeholder, not a title, and adds where the object is", () => {
    expect(targetDisplayName({ kind: 'object', id: 'KnASd', name: 'Bar chart', sheet })).toBe('Bar chart on Sales overview');
    expect(targetDisplayName({ kind: 'object', id: 'x', name: 'Extension acme-sql-box', sheet })).toBe('Extension acme-sql-box on Sales overview');
    expect(targetDisplayName({ kind: 'object', id: 'x', name: 'Object', sheet })).toBe('Object on Sales overview');
    expect(targetDisplayName({ kind: 'master-object', id: '3217ea14-5b1c-4d0e-9f3a-0c6d2e8b7a51', name: 'Line chart' })).toBe('Line chart in master items');
    expect(targetDisplayName({ kind: 'master-object', id: '3217ea14-5b1c-4d0e-9f3a-0c6d2e8b7a51', name: '3217ea14-5b1c-4d0e-9f3a-0c6d2e8b7a51' })).toBe('Object in master items');
  });

  it('keeps a real title, and names a title expression by type unless the engine calculated it', () => {
    expect(targetDisplayName({ kind: 'object', id: 'c', name: 'Revenue by region', sheet })).toBe('Revenue by region');
    expect(targetDisplayName({ kind: 'object', id: 'c', name: '(title expression)', sheet })).toBe('Object on Sales overview');
    expect(targetDisplayName({ kind: 'object', id: 'c', name: 'Bar chart (title expression)', sheet })).toBe('Bar chart on Sales overview');
  });

  it('uses the snapshot for the type and the calculated title', () => {
    const snapshot = app()
      .sheet({ id: 's1', title: 'Sales overview' })
      .barchart({ id: 'c1', measure: 'Sum(Sales)', dimension: 'Region' })
      .barchart({ id: 'c2', title: 'Sales', measure: 'Sum(Sales)', dimension: 'Region' })
      .build();
    const lookup = objectLookupOf(snapshot);
    expect(targetDisplayName({ kind: 'object', id: 'c1', name: 'c1', sheet }, lookup)).toBe('Bar chart on Sales overview');
    expect(targetDisplayName({ kind: 'object', id: 'c2', name: 'Sales', sheet }, lookup)).toBe('Sales');
    const withShownTitle = { ...snapshot, objects: snapshot.objects.map((o) => (o.id === 'c1' ? { ...o, titleIsExpression: true, title: "='Sales ' & Year(Today())", layout: { title: 'Sales 2026' } } : o)) };
    expect(targetDisplayName({ kind: 'object', id: 'c1', name: '(title expression)', sheet }, objectLookupOf(withShownTitle))).toBe('Sales 2026');
  });

  it('names master items by their labels and other targets by their names', () => {
    const targets: Target[] = [
      { kind: 'master-measure', id: 'JYjsEC', name: 'API Reloads' },
      { kind: 'field', id: 'Region', name: 'Region' },
      { kind: 'reload', id: 'r1', name: 'Last reload' },
    ];
    expect(targets.map((t) => targetDisplayName(t))).toEqual(['API Reloads', 'Region', 'Last reload']);
    expect(targetDisplayName({ kind: 'sheet', id: 's9', name: '' })).toBe('Untitled sheet');
  });
});

describe('visualizationName', () => {
  it('says the type in words, and an extension by its own name', () => {
    expect(['kpi', 'pivot-table', 'sn-tabbed-container', 'my-extension', undefined].map(visualizationName)).toEqual([
      'KPI',
      'Pivot table',
      'Tabbed container',
      'Extension my-extension',
      'Object',
    ]);
  });
});
