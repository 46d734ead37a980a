import { describe, expect, it } from 'vitest';
import { buildAccess, buildAppInfo } from '../../../lib/collect/app';
import { buildBookmark } from '../../../lib/collect/bookmarks';
import { calculatedExpression } from '../../../lib/collect/variables';
import { buildDataModel } from '../../../lib/collect/data-model';
import { calcCondMessage, findLayoutErrors, stripDataPages } from '../../../lib/collect/layout';
import { createLimiter, mapLimited } from '../../../lib/collect/limiter';
import { buildMasterDimension, buildMasterMeasure } from '../../../lib/collect/master-items';
import { durationOf, toReloadMetadata } from '../../../lib/collect/rest-parts';
import { scriptTabs } from '../../../lib/collect/script';
import { flattenTree, thumbnailUrl, titleOf } from '../../../lib/collect/tree';

describe('buildDataModel', () => {
  const model = buildDataModel({
    tablesAndKeys: {
      qtr: [
        { qName: 'Fact', qNoOfRows: 100, qFields: [
          { qName: 'Key', qKeyType: 'ANY_KEY', qnRows: 100, qnNonNulls: 100, qnTotalDistinctValues: 10, qnPresentDistinctValues: 10, qTags: ['$key'] },
          { qName: 'Amount', qnRows: 100, qnNonNulls: 50, qnTotalDistinctValues: 40, qnPresentDistinctValues: 40, qInformationDensity: Number('NaN'), qHasNull: true },
        ] },
        { qName: 'Dim', qNoOfRows: 12, qLoose: true, qFields: [{ qName: 'Key', qKeyType: 'PRIMARY_KEY', qnRows: 12, qnNonNulls: 12, qnTotalDistinctValues: 14, qnPresentDistinctValues: 12, qSubsetRatio: 12 / 14 }] },
        { qName: '$Syn 1 Table', qNoOfRows: 3, qIsSynthetic: true, qFields: [{ qName: '$Syn 1', qKeyType: 'PERFECT_KEY' }] },
      ],
      qk: [{ qKeyFields: ['Key'], qTables: ['Fact', 'Dim'] }],
    },
    fieldList: [
      { qName: 'Key', qCardinal: 14, qTags: ['$key', '$numeric'], qSrcTables: ['Fact', 'Dim'] },
      { qName: 'Amount', qCardinal: 40, qTags: ['$numeric'] },
      { qName: '$Field', qCardinal: 5, qTags: ['$system', '$hidden'], qIsSystem: true, qIsHidden: true },
    ],
    metadata: { static_byte_size: 1234, fields: [{ name: 'Amount', byte_size: 320, hash: 'h1', is_numeric: true, total_count: 100 }], tables: [{ name: 'Fact', byte_size: 900 }] },
  });

  it('keeps per-table field statistics, deriving what the engine left out', () => {
    const amount = model.tables[0]?.fields[1];
    expect(amount).toMatchObject({ name: 'Amount', keyType: 'NOT_KEY', rows: 100, nonNulls: 50, informationDensity: 0.5, subsetRatio: 1, hasNull: true, hasDuplicates: false });
    expect(model.tables[1]?.fields[0]).toMatchObject({ keyType: 'PRIMARY_KEY', subsetRatio: 12 / 14 });
    expect(model.tables[0]).toMatchObject({ byteSize: 900, keyFieldCount: 1, isLoose: false });
  });

  it('merges field list and REST metadata, and names synthetic and loose tables', () => {
    expect(model.fields.find((f) => f.name === 'Amount')).toMatchObject({ tables: ['Fact'], byteSize: 320, hash: 'h1', isNumeric: true, totalCount: 100, isKey: false });
    expect(model.fields.find((f) => f.name === 'Key')).toMatchObject({ isKey: true, tables: ['Fact', 'Dim'] });
    expect(model.fields.find((f) => f.name === '$Field')).toMatchObject({ isSystem: true, isHidden: true });
    expect(model.syntheticTables).toEqual(['$Syn 1 Table']);
    expect(model.looseTables).toEqual(['Dim']);
    expect(model.keys).toEqual([{ fields: ['Key'], tables: ['Fact', 'Dim'] }]);
    expect(model.staticByteSize).toBe(1234);
  });

  it('never drops a table field that the field list missed', () => {
    const m = buildDataModel({ tablesAndKeys: { qtr: [{ qName: 'T', qFields: [{ qName: 'Lonely' }] }] }, fieldList: [] });
    expect(m.fields.map((f) => f.name)).toEqual(['Lonely']);
  });
});

describe('trees and layouts', () => {
  const sheet = {
    qProperty: { qInfo: { qId: 's1', qType: 'sheet' }, title: 'S' },
    qChildren: [
      { qProperty: { qInfo: { qId: 'c1', qType: 'container' }, title: { qStringExpression: { qExpr: "='T'" } }, qStateName: 'A' }, qChildren: [{ qProperty: { qInfo: { qId: 'k1', qType: 'kpi' }, qExtendsId: 'mv1' } }] },
    ],
  };
  it('flattens a sheet tree with parents, roots and container children', () => {
    const objects = flattenTree(sheet, { sheetId: 's1', inMasterVisualization: false }, false);
    expect(objects.map((o) => [o.id, o.parentId, o.rootId, o.sheetId])).toEqual([
      ['c1', 's1', 's1', 's1'],
      ['k1', 'c1', 's1', 's1'],
    ]);
    expect(objects[0]).toMatchObject({ title: "='T'", titleIsExpression: true, stateName: 'A', childIds: ['k1'] });
    expect(objects[1]).toMatchObject({ extendsId: 'mv1', inMasterVisualization: false });
  });
  it('reads titles and thumbnails in their stored forms', () => {
    expect(titleOf('Plain')).toEqual({ text: 'Plain', isExpression: false });
    expect(titleOf({ qStringExpression: '=x' })).toEqual({ text: '=x', isExpression: true });
    expect(titleOf('  ')).toBeUndefined();
    expect(thumbnailUrl({ qStaticContentUrlDef: { qUrl: '/a.png' } })).toBe('/a.png');
    expect(thumbnailUrl({ qStaticContentUrlDef: {} })).toBeUndefined();
  });
  it('finds every qError in a layout and drops data pages', () => {
    const layout = { qHyperCube: { qError: { qErrorCode: 7005 }, qCalcCondMsg: 'Pick one', qMeasureInfo: [{}, { qError: { qErrorCode: 7002, qContext: 'm' } }], qDataPages: [{ qMatrix: [[1]] }] } };
    expect(findLayoutErrors(layout)).toEqual([
      { path: '/qHyperCube/qError', qErrorCode: 7005 },
      { path: '/qHyperCube/qMeasureInfo/1/qError', qErrorCode: 7002, qContext: 'm' },
    ]);
    expect(stripDataPages(layout)).toMatchObject({ qHyperCube: { qDataPages: [] } });
    expect(calcCondMessage(layout)).toBe('Pick one');
  });
});

describe('limiter', () => {
  it('never runs more than its size at once and keeps result order', async () => {
    let active = 0;
    let peak = 0;
    const out = await mapLimited([5, 1, 3, 2, 4], 2, async (n) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, n));
      active--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 30, 20, 40]);
    expect(peak).toBe(2);
    expect(() => createLimiter(0)).toThrow(/positive integer/);
  });
  it('frees its slot when a task fails', async () => {
    const limit = createLimiter(1);
    await expect(limit(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(limit(async () => 1)).resolves.toBe(1);
  });
});

describe('item builders', () => {
  it('builds master items from list items with qData', () => {
    const m = buildMasterMeasure({ qInfo: { qId: 'm1', qType: 'measure' }, qMeta: { title: 'Margin', description: 'd', tags: ['t'] }, qData: { measure: { qLabel: 'Margin %', qDef: 'Sum(M)/Sum(S)', qExpressions: ['Sum(X)'] }, meta: {} } });
    expect(m).toMatchObject({ id: 'm1', label: 'Margin %', title: 'Margin', description: 'd', tags: ['t'], definition: 'Sum(M)/Sum(S)', alternatives: ['Sum(X)'] });
    const d = buildMasterDimension({ qInfo: { qId: 'd1', qType: 'dimension' }, qData: { dim: { qGrouping: 'H', qFieldDefs: ['Year', 'Month'], qLabelExpression: "='x'" }, meta: { title: 'Time' } } });
    expect(d).toMatchObject({ title: 'Time', grouping: 'H', fieldDefs: ['Year', 'Month'], labelExpression: "='x'", tags: [] });
  });
  it('reads bookmark selections per state', () => {
    const b = buildBookmark(
      { qInfo: { qId: 'b1', qType: 'bookmark' }, qMeta: { title: 'Q1' }, qData: { sheetId: 's1' } },
      {},
      { qBookmark: { qStateData: [{ qStateName: '$', qFieldItems: [{ qDef: { qName: 'Year' }, qValues: [{ qText: '2024' }] }] }, { qStateName: 'B', qFieldItems: [{ qDef: { qName: 'Region' } }] }] } },
      '{<Year={2024}>}',
    );
    expect(b).toMatchObject({ title: 'Q1', sheetId: 's1', setExpression: '{<Year={2024}>}', selections: [{ stateName: '$', field: 'Year', values: ['2024'] }, { stateName: 'B', field: 'Region', values: [] }] });
  });
  it('builds app info from REST attributes first, engine layout second', () => {
    const parts = { layout: { qTitle: 'Engine title', qStateNames: ['A'], qIsDirectQueryMode: true, privileges: ['read'] }, properties: {}, appprops: { theme: 'sense-breeze' }, attributes: { name: 'REST name', hasSectionAccess: true, thumbnail: '' }, privileges: ['read', 'update'] };
    expect(buildAppInfo(parts, 'id1')).toMatchObject({ id: 'id1', name: 'REST name', directQuery: true, sectionAccess: true, theme: 'sense-breeze', alternateStates: ['A'], published: false });
    expect(buildAppInfo(parts, 'id1').thumbnail).toBeUndefined();
    expect(buildAccess(parts, false)).toMatchObject({ canEdit: true, canReload: false, canReadScript: false, privileges: ['read', 'update'] });
  });
  it('reads script tabs, reload durations and metadata', () => {
    expect(scriptTabs('///$tab Main\r\nLOAD 1;\r\n///$tab Second tab\r\nX')).toEqual(['Main', 'Second tab']);
    expect(scriptTabs('LOAD 1;')).toEqual(['Main']);
    expect(durationOf('2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z')).toBe(60_000);
    expect(durationOf('bad', undefined)).toBeUndefined();
    expect(toReloadMetadata({ statements: [{ label: 'L' }], reload_meta: { cpu_time_spent_ms: 5, peak_memory_bytes: 7 } }, 'r1')).toMatchObject({ reloadId: 'r1', cpuTimeSpentMs: 5, peakMemoryBytes: 7, statements: [{ label: 'L' }] });
  });
});

describe('calculatedExpression', () => {
  it('is the definition after a leading = (leading blanks allowed), and nothing for other variables', () => {
    expect(calculatedExpression('=Max([Order Date])')).toBe('Max([Order Date])');
    expect(calculatedExpression('  =1+1')).toBe('1+1');
    expect(calculatedExpression('Sum(X)')).toBeUndefined();
    expect(calculatedExpression('=')).toBeUndefined();
    expect(calculatedExpression('a = b')).toBeUndefined();
  });
});
