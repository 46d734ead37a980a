// A small unbuild app written to a temp folder, so engine tests control every object.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimApp } from '../types';
import { loadAppFolder } from '../app/load-app';

const field = (name: string, rows: number, distinct: number, tags: string[], keyType = 'NOT_KEY') => ({
  qName: name,
  qOriginalFields: [],
  qPresent: true,
  qHasDuplicates: distinct < rows,
  qInformationDensity: 1,
  qnNonNulls: rows,
  qnRows: rows,
  qSubsetRatio: 1,
  qnTotalDistinctValues: distinct,
  qnPresentDistinctValues: distinct,
  qKeyType: keyType,
  qTags: tags,
  qDerivedFields: [],
});

const chart = (id: string, extra: object) => ({ qProperty: { qInfo: { qId: id, qType: 'barchart' }, qMetaDef: {}, visualization: 'barchart', title: id, ...extra }, qChildren: [] });

export const FIXTURE_APP_ID = '11111111-2222-4333-8444-555555555555';

export async function fixtureApp(): Promise<SimApp> {
  const dir = await mkdtemp(join(tmpdir(), 'sim-engine-'));
  const files: Record<string, unknown> = {
    'app-properties.json': { qTitle: 'Fixture', qLastReloadTime: '2026-11-01T06:00:00.000Z' },
    'sim.json': { id: FIXTURE_APP_ID, name: 'Fixture', sheets: { sheet1: { published: true, approved: true } } },
    'measures.json': [{ qInfo: { qId: 'mRevenue', qType: 'measure' }, qMeasure: { qLabel: 'Revenue', qDef: 'Sum([Sales Amount])', qGrouping: 'N' }, qMetaDef: { title: 'Revenue', tags: [] } }],
    'dimensions.json': [{ qInfo: { qId: 'dRegion', qType: 'dimension' }, qDim: { qGrouping: 'N', qFieldDefs: ['Region'], qFieldLabels: ['Region'] }, qMetaDef: { title: 'Region' } }],
    'bookmarks.json': [{ qInfo: { qId: 'bm1', qType: 'bookmark' }, qMetaDef: { title: 'North' }, qBookmark: { qStateData: [{ qStateName: '$', qFieldItems: [{ qDef: { qName: 'Region' }, qValues: [{ qText: "North's", qIsNumeric: false, qNumber: 0 }, { qText: '7', qIsNumeric: true, qNumber: 7 }] }] }] } }],
    'variables.json': [{ qInfo: { qId: 'v1', qType: 'variable' }, qName: 'vSales', qDefinition: 'Sum([Sales Amount])', qMetaDef: {} }],
    'tables-and-keys.json': {
      qtr: [
        { qName: 'Sales', qNoOfRows: 50_000_000, qPos: { qx: 0, qy: 0 }, qFields: [field('CustomerID', 50_000_000, 1000, ['$key', '$numeric', '$integer'], 'ANY_KEY'), field('Sales Amount', 50_000_000, 90_000, ['$numeric']), field('Order Date', 50_000_000, 2000, ['$numeric', '$integer', '$timestamp', '$date'])] },
        { qName: 'Customers', qNoOfRows: 1000, qPos: { qx: 0, qy: 0 }, qFields: [field('CustomerID', 1000, 1000, ['$key', '$numeric', '$integer'], 'PERFECT_KEY'), field('Region', 1000, 4, ['$ascii', '$text'])] },
      ],
      qk: [{ qKeyFields: ['CustomerID'], qTables: ['Sales', 'Customers'] }],
    },
    'engine-behaviour.json': {
      openDocMs: 800,
      objects: { chartSlow: { calcMs: 1800, cachedCalcMs: 450 }, chartErr: { layoutError: { qErrorCode: 7002 }, measureErrors: { '0': { qErrorCode: 7004 } } } },
      evaluate: { 'Max([Order Date])': '46350' },
      checkExpression: { 'Sum(Staged)': { qErrorMsg: '', qBadFieldNames: [], qDangerousFieldNames: [{ qFrom: 4, qCount: 6 }] } },
    },
    'objects/sheet--main-sheet1.json': {
      qProperty: { qInfo: { qId: 'sheet1', qType: 'sheet' }, qMetaDef: { title: 'Main' }, rank: 0, cells: [], qChildListDef: { qData: { title: '/title' } } },
      qChildren: [
        chart('chartSlow', { qHyperCubeDef: { qDimensions: [{ qLibraryId: 'dRegion', qDef: { cId: 'c1' } }], qMeasures: [{ qLibraryId: 'mRevenue', qDef: { cId: 'c2' } }], qInitialDataFetch: [{ qLeft: 0, qTop: 0, qWidth: 2, qHeight: 10 }] } }),
        chart('chartCond', { qHyperCubeDef: { qDimensions: [{ qDef: { qFieldDefs: ['Region'] } }], qMeasures: [], qCalcCondition: { qCond: { qv: '0' }, qMsg: { qv: "='Select a region'" } } } }),
        chart('chartErr', { qHyperCubeDef: { qDimensions: [{ qDef: { qFieldDefs: ['Region'] } }], qMeasures: [{ qDef: { qDef: 'Sum([Sales Amount])' } }] } }),
        chart('chartLinked', { qExtendsId: 'masterViz' }),
        chart('chartBroken', { qExtendsId: 'deletedViz', title: { qStringExpression: { qExpr: "='Broken ' & 'link'" } } }),
        chart('chartPivot', { qHyperCubeDef: { qMode: 'P', qDimensions: [{ qDef: { qFieldDefs: ['Region'] } }], qMeasures: [{ qDef: { qDef: 'Sum([Sales Amount])' } }], qInitialDataFetch: [{ qLeft: 0, qTop: 0, qWidth: 1, qHeight: 3 }] } }),
      ],
    },
    'objects/masterobject-barchart-masterViz.json': {
      qProperty: { qInfo: { qId: 'masterViz', qType: 'masterobject' }, qMetaDef: { title: 'Master bar' }, visualization: 'barchart', qHyperCubeDef: { qDimensions: [{ qDef: { qFieldDefs: ['Region'] } }], qMeasures: [{ qDef: { qDef: 'Sum([Sales Amount])' } }] } },
      qChildren: [],
    },
    'script.qvs': "///$tab Main\r\nSET ThousandSep=',';\r\nSET vScriptVar = 1;\r\nSales:\r\nLOAD * FROM [lib://data/sales.qvd] (qvd);\r\n",
  };
  for (const [name, value] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  }
  // The loader reads everything into memory, so the folder can go at once.
  try {
    return await loadAppFolder(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
