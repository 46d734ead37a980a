import { describe, expect, it } from 'vitest';
import { AnalysisIndex } from '../../../lib/analyze/analysis-index';
import { app } from '../../fixtures/builders';

describe('finding targets and how messages name them', () => {
  const builder = app().masterVisualization('linechart', { id: 'mv-untitled', title: '' }).masterVisualization('table', { id: 'mv-titled', title: 'Top customers' });
  builder.sheet({ id: 's1', title: 'Sales overview' })
    .barchart({ id: 'untitled', measure: 'Sum(Sales)' })
    .barchart({ id: 'titled', title: 'Sales by region', measure: 'Sum(Sales)' })
    .object('acme-sql-box', { id: 'ext' });
  const snapshot = builder.sheet({ id: 's2', title: '' }).kpi({ id: 'on-untitled-sheet', measure: 'Sum(Sales)' }).build();
  const index = new AnalysisIndex(snapshot);
  const named = (id: string) => {
    const target = index.objectTarget(id);
    return [target.name, index.describeTarget(target)];
  };

  it('names an untitled object by its type in words and says which sheet it is on, never by its type code or id', () => {
    expect(named('untitled')).toEqual(['Bar chart', 'Bar chart on sheet "Sales overview"']);
    expect(named('ext')).toEqual(['Extension acme-sql-box', 'Extension acme-sql-box on sheet "Sales overview"']);
    expect(named('on-untitled-sheet')).toEqual(['KPI', 'KPI on an untitled sheet']);
    expect(index.objectTarget('untitled').sheet).toEqual({ id: 's1', name: 'Sales overview' });
  });

  it('names a sheet by its title, an untitled one "Untitled sheet" (never its id)', () => {
    expect(index.describeTarget(index.sheetTarget('s1'))).toBe('sheet "Sales overview"');
    expect([index.sheetTarget('s2').name, index.describeTarget(index.sheetTarget('s2'))]).toEqual(['Untitled sheet', 'Untitled sheet']);
  });

  it('quotes a title, with the sheet only when asked', () => {
    expect(named('titled')).toEqual(['Sales by region', 'object "Sales by region"']);
    const titled = index.objectTarget('titled');
    expect(index.describeTarget(titled, { noun: 'table', withSheet: true })).toBe('table "Sales by region" on sheet "Sales overview"');
    expect(index.describeTarget(index.fieldTarget('Region'))).toBe('field "Region"');
  });

  it('names an untitled master visualization by its type in words, in master items, never by its id', () => {
    const untitled = index.masterVisualizationTarget('mv-untitled');
    expect(untitled).toEqual({ kind: 'master-object', id: 'mv-untitled', name: 'Line chart' });
    expect(index.describeTarget(untitled)).toBe('Line chart in master items');
    expect(index.describeTarget(index.locationTarget({ objectId: 'mv-untitled', objectType: 'linechart', owner: 'master-visualization', path: '/title', kind: 'title' }))).toBe('Line chart in master items');
    expect(named('mv-untitled')).toEqual(['Line chart', 'Line chart in master items']);
    const titled = index.masterVisualizationTarget('mv-titled');
    expect(index.describeTarget(titled, { noun: 'master visualization' })).toBe('master visualization "Top customers"');
  });

  it("names an untitled part of a master visualization by its type in that master, and the master's own object by the master", () => {
    const parts = {
      ...snapshot,
      objects: [
        ...snapshot.objects,
        { ...snapshot.objects.find((o) => o.id === 'mv-titled')!, id: 'part', rootId: 'mv-titled', parentId: 'mv-titled', type: 'barchart', visualization: 'barchart', title: undefined },
        { ...snapshot.objects.find((o) => o.id === 'mv-untitled')!, id: 'part2', rootId: 'mv-untitled', parentId: 'mv-untitled', type: 'kpi', visualization: 'kpi', title: undefined },
      ],
    };
    const partIndex = new AnalysisIndex(parts);
    const at = (objectId: string) => partIndex.locationTarget({ objectId, objectType: 'barchart', owner: 'master-visualization', path: '/x', kind: 'measure' });
    expect([at('part').name, partIndex.describeTarget(at('part'))]).toEqual(['Bar chart', 'Bar chart in master visualization "Top customers"']);
    expect(partIndex.describeTarget(at('part2'))).toBe('KPI in Line chart in master items');
    expect(at('mv-titled')).toBe(partIndex.masterVisualizationTarget('mv-titled'));
  });

  it('names an object with a title expression by the calculated title, else by its type and a placeholder', () => {
    const objects = snapshot.objects.map((o) =>
      o.id === 'untitled' ? { ...o, title: "='Sales ' & Year(Today())", titleIsExpression: true } : o.id === 'titled' ? { ...o, title: '=vTitle', titleIsExpression: true, layout: { title: 'Sales 2026' } } : o,
    );
    const exprIndex = new AnalysisIndex({ ...snapshot, objects });
    const describe = (id: string) => exprIndex.describeTarget(exprIndex.objectTarget(id));
    expect([describe('untitled'), describe('titled')]).toEqual(['Bar chart (title expression) on sheet "Sales overview"', 'object "Sales 2026"']);
  });

  it('names an object only an app evaluation lists by its title, else by its type in words', () => {
    const listed = index.listedObjectTarget({ id: 'gone', type: 'piechart', sheetId: 's1' });
    expect([listed.name, index.describeTarget(listed)]).toEqual(['Pie chart', 'Pie chart on sheet "Sales overview"']);
    const titled = index.listedObjectTarget({ id: 'gone2', title: 'Margin', type: 'piechart' });
    expect(index.describeTarget(titled)).toBe('object "Margin"');
    expect(index.listedObjectTarget({ id: 'titled', type: 'piechart' })).toBe(index.objectTarget('titled'));
  });

  it('names an expression of a story by the story, and an untitled one as a story', () => {
    const withStory = { ...snapshot, stories: [{ id: 'st1', title: 'Q3 story', slideCount: 1, tree: {} }, { id: 'st2', title: '', slideCount: 0, tree: {} }] };
    const storyIndex = new AnalysisIndex(withStory);
    const at = (objectId: string) => storyIndex.describeTarget(storyIndex.locationTarget({ objectId, objectType: 'story', owner: 'story', path: '/x', kind: 'text' }));
    expect([at('st1'), at('st2')]).toEqual(['object "Q3 story"', 'Story']);
  });
});
