import { beforeEach, describe, expect, it } from 'vitest';
import type { SimApp } from '../types';
import { appModelOf } from '../app/load-app';
import { FIXTURE_APP_ID, fixtureApp } from '../spec/fixture-app';
import { rpcFor, viewer } from '../spec/engine-harness';
import { validateTraffic } from '../spec/validate-traffic';

let app: SimApp;
beforeEach(async () => {
  app = await fixtureApp();
});

async function openDoc(rpc: ReturnType<typeof rpcFor>) {
  const answer = await rpc.call(-1, 'OpenDoc', [FIXTURE_APP_ID]);
  expect(answer.result).toEqual({ qReturn: { qType: 'Doc', qHandle: 1, qGenericId: FIXTURE_APP_ID } });
  expect(answer.change).toEqual([1]);
}

async function layoutOf(rpc: ReturnType<typeof rpcFor>, id: string) {
  const handle = ((await rpc.call(1, 'GetObject', [id])).result?.qReturn as { qHandle: number }).qHandle;
  return { handle, layout: (await rpc.call(handle, 'GetLayout')).result?.qLayout as Record<string, never> };
}

describe('engine session protocol', () => {
  it('sends OnConnected before any answer and waits openDocMs on OpenDoc', async () => {
    const rpc = rpcFor(app);
    await openDoc(rpc);
    expect(JSON.parse(rpc.frames[0])).toEqual({ jsonrpc: '2.0', method: 'OnConnected', params: { qSessionState: 'SESSION_CREATED' } });
    expect(rpc.harness.sleeps).toEqual([800]);
  });

  it('answers JSON-RPC and engine errors with spec codes and messages', async () => {
    const rpc = rpcFor(app);
    await openDoc(rpc);
    expect((await rpc.call(1, 'NoSuchMethod')).error).toMatchObject({ code: -32601, message: 'Method does not exist' });
    expect((await rpc.call(1, 'GetObject', { qId: 42 })).error).toMatchObject({ code: -32602, message: 'Invalid method parameter(s)' });
    expect((await rpc.call(1, 'GetObject', [])).error).toMatchObject({ code: -32602 });
    expect((await rpc.call(77, 'GetLayout')).error).toMatchObject({ code: -32602, parameter: 'Invalid handle' });
    expect((await rpc.call(-1, 'OpenDoc', ['not-an-app'])).error).toMatchObject({ code: 1003, message: 'App not found' });
    expect((await rpc.call(1, 'GetObject', ['nope'])).result).toEqual({ qReturn: { qType: null, qHandle: null } });
    rpc.session.receive('{not json');
    await new Promise((r) => setTimeout(r, 0));
    expect(JSON.parse(rpc.frames[rpc.frames.length - 1]).error).toMatchObject({ code: -32700 });
  });

  it('accepts named params and fills trailing defaults', async () => {
    const rpc = rpcFor(app);
    await openDoc(rpc);
    const named = await rpc.call(1, 'GetTablesAndKeys', { qWindowSize: { qcx: 0, qcy: 0 }, qNullSize: { qcx: 0, qcy: 0 }, qCellHeight: 0, qSyntheticMode: false, qIncludeSysVars: false });
    expect((named.result?.qtr as unknown[]).length).toBe(2);
    const positional = await rpc.call(1, 'CheckExpression', ['Sum([Nope])']);
    expect(positional.result).toEqual({ qErrorMsg: '', qBadFieldNames: [{ qFrom: 4, qCount: 6 }], qDangerousFieldNames: [] });
  });

  it('refuses GetScript to a viewer (x-qlik-access-control reload) but serves GetScriptEx', async () => {
    const rpc = rpcFor(app, viewer);
    await openDoc(rpc);
    expect((await rpc.call(1, 'GetScript')).error).toMatchObject({ code: 5, message: 'Access denied' });
    expect((await rpc.call(1, 'GetScriptEx')).result?.qScript).toMatchObject({ qScript: app.script });
    expect(rpc.harness.calls.find((c) => c.method === 'GetScript')?.errorCode).toBe(5);
    const { handle } = await layoutOf(rpc, 'sheet1');
    expect((await rpc.call(handle, 'SetProperties', [{ qInfo: { qId: 'sheet1', qType: 'sheet' } }])).error).toMatchObject({ code: 5 });
  });

  it('applies engineErrors, malformedFrameOn and latencyMs faults', async () => {
    const rpc = rpcFor(app, undefined, { latencyMs: 250, malformedFrameOn: 'GetAppLayout', engineErrors: [{ method: 'GetLayout', objectId: 'chartSlow', code: 15 }] });
    await openDoc(rpc);
    const before = rpc.frames.length;
    await rpc.call(1, 'GetAppLayout');
    expect(() => JSON.parse(rpc.frames[before])).toThrow();
    const slow = await layoutOf(rpc, 'chartSlow');
    expect(slow.layout).toBeUndefined();
    expect(rpc.harness.calls.find((c) => c.method === 'GetLayout')).toMatchObject({ objectId: 'chartSlow', errorCode: 15, persistent: true });
    expect(rpc.harness.sleeps.filter((ms) => ms === 250).length).toBe(rpc.harness.calls.length);
  });

  it('delays GetLayout by calcMs first and cachedCalcMs after, per session; only the first OpenDoc loads the app', async () => {
    const rpc = rpcFor(app);
    await openDoc(rpc);
    const { handle } = await layoutOf(rpc, 'chartSlow');
    await rpc.call(handle, 'GetLayout');
    expect(rpc.harness.sleeps).toEqual([800, 1800, 450]);
    const other = rpcFor(app);
    await openDoc(other);
    await layoutOf(other, 'chartSlow');
    // the app is already in memory: the second session opens it warm, but calculates afresh
    expect(other.harness.sleeps).toEqual([1800]);
  });

  it('derives a calc cost from the data for objects without engine-behaviour (50M-row table)', async () => {
    const rpc = rpcFor(app);
    await openDoc(rpc);
    const cube = await rpc.call(1, 'CreateSessionObject', [{ qInfo: { qType: 'cube' }, qHyperCubeDef: { qDimensions: [{ qDef: { qFieldDefs: ['CustomerID'] } }], qMeasures: [{ qDef: { qDef: 'Sum([Sales Amount])' } }] } }]);
    const handle = (cube.result?.qReturn as { qHandle: number }).qHandle;
    await rpc.call(handle, 'GetLayout');
    await rpc.call(handle, 'GetLayout');
    const [cold, warm] = rpc.harness.sleeps.slice(1);
    expect(cold).toBeGreaterThan(1000);
    expect(warm).toBeLessThan(cold);
  });

  it('computes hypercubes from master items, with data pages from generated data', async () => {
    const rpc = rpcFor(app);
    await openDoc(rpc);
    const { layout } = await layoutOf(rpc, 'chartSlow');
    const cube = layout.qHyperCube as { qSize: { qcx: number; qcy: number }; qDimensionInfo: { qFallbackTitle: string; qCardinal: number; qLibraryId: string }[]; qMeasureInfo: { qFallbackTitle: string }[]; qDataPages: { qMatrix: { qText: string }[][] }[] };
    expect(cube.qSize).toEqual({ qcx: 2, qcy: 4 });
    expect(cube.qDimensionInfo[0]).toMatchObject({ qFallbackTitle: 'Region', qCardinal: 4, qLibraryId: 'dRegion', cId: 'c1' });
    expect(cube.qMeasureInfo[0]).toMatchObject({ qFallbackTitle: 'Revenue' });
    expect(cube.qDataPages[0].qMatrix.map((r) => r[0].qText)).toEqual(['Region 1', 'Region 2', 'Region 3', 'Region 4']);
    const again = await layoutOf(rpc, 'chartSlow');
    expect(again.layout).toEqual(layout);
    expect(layout.qMeta).toMatchObject({ privileges: expect.arrayContaining(['read', 'update']) });
  });

  it('reports calc conditions (7005), staged layout errors and broken master links (8000)', async () => {
    const rpc = rpcFor(app);
    await openDoc(rpc);
    const cond = (await layoutOf(rpc, 'chartCond')).layout.qHyperCube as Record<string, unknown>;
    expect(cond).toMatchObject({ qError: { qErrorCode: 7005 }, qCalcCondMsg: 'Select a region', qSize: { qcx: 1, qcy: 0 } });
    const err = (await layoutOf(rpc, 'chartErr')).layout.qHyperCube as { qError: unknown; qMeasureInfo: { qError: unknown }[] };
    expect(err.qError).toEqual({ qErrorCode: 7002 });
    expect(err.qMeasureInfo[0].qError).toEqual({ qErrorCode: 7004 });
    const linked = (await layoutOf(rpc, 'chartLinked')).layout;
    expect(linked).toMatchObject({ qExtendsId: 'masterViz', qInfo: { qId: 'chartLinked' }, visualization: 'barchart' });
    expect(linked.qHyperCube).toBeDefined();
    expect((await layoutOf(rpc, 'chartBroken')).layout.qError).toEqual({ qErrorCode: 8000 });
  });

  it('gives a session object whose qId is taken another id instead of failing (NxInfo.qId)', async () => {
    const rpc = rpcFor(app);
    await openDoc(rpc);
    // serializeapp creates two session objects with qId "BookmarkList" at once
    const prop = { qInfo: { qId: 'BookmarkList', qType: 'BookmarkList' }, qBookmarkListDef: { qType: 'bookmark' } };
    const [a, b] = await Promise.all([rpc.call(1, 'CreateSessionObject', [prop]), rpc.call(1, 'CreateSessionObject', [prop])]);
    const ids = [a, b].map((r) => (r.result?.qInfo as { qId: string }).qId);
    expect(ids).toContain('BookmarkList');
    expect(new Set(ids).size).toBe(2);
    for (const r of [a, b]) {
      const handle = (r.result?.qReturn as { qHandle: number }).qHandle;
      expect((await rpc.call(handle, 'GetLayout')).result?.qLayout).toHaveProperty('qBookmarkList');
    }
  });

  it('lists sheets, fields and variables like the session object list definitions', async () => {
    const rpc = rpcFor(app);
    await openDoc(rpc);
    const create = async (prop: object) => {
      const h = ((await rpc.call(1, 'CreateSessionObject', [prop])).result?.qReturn as { qHandle: number }).qHandle;
      return (await rpc.call(h, 'GetLayout')).result?.qLayout as Record<string, { qItems: Record<string, unknown>[] }>;
    };
    const sheets = await create({ qInfo: { qType: 'SheetList' }, qAppObjectListDef: { qType: 'sheet', qData: { title: '/qMetaDef/title', missing: '/nope' } } });
    expect(sheets.qAppObjectList.qItems).toEqual([
      { qInfo: { qId: 'sheet1', qType: 'sheet' }, qMeta: expect.objectContaining({ title: 'Main', published: true, approved: true }), qData: { title: 'Main' } },
    ]);
    const fields = await create({ qInfo: { qType: 'FieldList' }, qFieldListDef: { qShowSrcTables: true } });
    expect(fields.qFieldList.qItems.map((f) => f.qName)).toEqual(['CustomerID', 'Sales Amount', 'Order Date', 'Region']);
    expect(fields.qFieldList.qItems[0]).toEqual({ qName: 'CustomerID', qCardinal: 1000, qTags: ['$key', '$numeric', '$integer'], qSrcTables: ['Sales', 'Customers'] });
    const withSystem = await create({ qInfo: { qType: 'FieldList' }, qFieldListDef: { qShowSystem: true } });
    expect(withSystem.qFieldList.qItems.filter((f) => f.qIsSystem).map((f) => f.qName)).toContain('$Field');
    const vars = await create({ qInfo: { qType: 'VariableList' }, qVariableListDef: { qType: 'variable', qShowReserved: true, qShowConfig: true } });
    const byName = new Map(vars.qVariableList.qItems.map((v) => [v.qName, v]));
    expect(byName.get('vSales')).toMatchObject({ qDefinition: 'Sum([Sales Amount])' });
    expect(byName.get('ThousandSep')).toMatchObject({ qIsReserved: true, qIsConfig: true, qIsScriptCreated: true });
    expect(byName.get('vScriptVar')).toMatchObject({ qIsScriptCreated: true });
    expect(byName.get('vScriptVar')).not.toHaveProperty('qIsReserved');
    const noReserved = await create({ qInfo: { qType: 'VariableList' }, qVariableListDef: { qType: 'variable' } });
    expect(noReserved.qVariableList.qItems.map((v) => v.qName)).not.toContain('ThousandSep');
  });

  it('answers field descriptions, Evaluate from engine-behaviour, staged CheckExpression and GetFieldsFromExpression', async () => {
    const rpc = rpcFor(app);
    await openDoc(rpc);
    expect((await rpc.call(1, 'GetFieldDescription', ['Sales Amount'])).result?.qReturn).toMatchObject({ qName: 'Sales Amount', qSrcTables: ['Sales'], qCardinal: 90000, qTotalCount: 50_000_000, qIsNumeric: true });
    expect((await rpc.call(1, 'Evaluate', ['Max([Order Date])'])).result).toEqual({ qReturn: '46350' });
    expect((await rpc.call(1, 'EvaluateEx', ['=1+1'])).result?.qValue).toHaveProperty('qIsNumeric', true);
    expect((await rpc.call(1, 'CheckExpression', ['Sum(Staged)'])).result?.qDangerousFieldNames).toEqual([{ qFrom: 4, qCount: 6 }]);
    expect((await rpc.call(1, 'CheckExpression', ['[Revenue] / Count(CustomerID)'])).result?.qBadFieldNames).toEqual([]);
    expect((await rpc.call(1, 'GetFieldsFromExpression', ['$(vSales) / Count({<Region={"A"}>} CustomerID)'])).result).toEqual({ qFieldNames: ['Sales Amount', 'CustomerID'] });
    const rows = (await rpc.call(1, 'GetTableData', [0, 3, false, 'Customers'])).result?.qData as { qValue: { qText: string }[] }[];
    expect(rows).toHaveLength(3);
    expect(rows[0].qValue).toHaveLength(2);
  });

  it('records persistent writes, mutates only the in-memory app and sends change/close', async () => {
    const rpc = rpcFor(app);
    await openDoc(rpc);
    const sheet = await layoutOf(rpc, 'sheet1');
    const answer = await rpc.call(sheet.handle, 'ApplyPatches', [[{ qOp: 'replace', qPath: '/qMetaDef/title', qValue: '"Renamed"' }]]);
    expect(answer.change).toContain(sheet.handle);
    expect(appModelOf(app).objects.get('sheet1')?.properties.qMetaDef).toMatchObject({ title: 'Renamed' });
    expect(rpc.harness.calls.find((c) => c.method === 'ApplyPatches')).toMatchObject({ persistent: true, objectId: 'sheet1', objectType: 'GenericObject' });
    const created = await rpc.call(1, 'CreateSessionObject', [{ qInfo: { qId: 'tmp', qType: 'x' } }]);
    const handle = (created.result?.qReturn as { qHandle: number }).qHandle;
    await rpc.call(handle, 'GetLayout');
    expect(rpc.harness.calls.find((c) => c.handle === handle)).toMatchObject({ persistent: false, objectId: 'tmp' });
    const destroyed = await rpc.call(1, 'DestroySessionObject', ['tmp']);
    expect(destroyed.result).toEqual({ qSuccess: true });
    expect(destroyed.close).toEqual([handle]);
  });

  it('answers delta requests with patches: a root add first, then only what changed', async () => {
    const rpc = rpcFor(app);
    await openDoc(rpc);
    const sheet = await layoutOf(rpc, 'sheet1');
    const first = await rpc.call(sheet.handle, 'GetProperties', [], { delta: true });
    expect(first.delta).toBe(true);
    expect(first.result?.qProp).toEqual([{ op: 'add', path: '/', value: expect.objectContaining({ rank: 0 }) }]);
    expect((await rpc.call(sheet.handle, 'GetProperties', [], { delta: true })).result?.qProp).toEqual([]);
    await rpc.call(sheet.handle, 'ApplyPatches', [[{ qOp: 'replace', qPath: '/rank', qValue: '3' }]]);
    expect((await rpc.call(sheet.handle, 'GetProperties', [], { delta: true })).result?.qProp).toEqual([{ op: 'replace', path: '/rank', value: 3 }]);
    const primitive = await rpc.call(1, 'Evaluate', ['1'], { delta: true });
    expect(primitive.result?.qReturn).toEqual([{ op: 'add', path: '/', value: '1' }]);
  });

  it('answers GetSetAnalysis for a bookmark and pivot pages for a pivot cube, matching the spec', async () => {
    const rpc = rpcFor(app);
    await openDoc(rpc);
    expect((await rpc.call(1, 'GetSetAnalysis', ['$', 'bm1'])).result).toEqual({ qSetExpression: "{<[Region]={'North''s',7}>}" });
    expect((await rpc.call(1, 'GetSetAnalysis', ['$', 'gone'])).error).toMatchObject({ code: 2 });
    const { handle, layout } = await layoutOf(rpc, 'chartPivot');
    const cube = layout.qHyperCube as { qPivotDataPages: { qLeft: { qText: string }[]; qData: unknown[][] }[] };
    expect(cube.qPivotDataPages[0].qLeft.map((c) => c.qText)).toEqual(['Region 1', 'Region 2', 'Region 3']);
    const pages = await rpc.call(handle, 'GetHyperCubePivotData', ['/qHyperCubeDef', [{ qLeft: 0, qTop: 1, qWidth: 1, qHeight: 2 }]]);
    expect((pages.result?.qDataPages as { qData: unknown[][] }[])[0].qData).toHaveLength(2);
    const layoutAnswer = await rpc.call(1, 'GetAppLayout');
    expect(layoutAnswer.result?.qLayout).not.toHaveProperty('qIsOpenedWithoutData');
    expect(validateTraffic(rpc.sent, rpc.frames)).toEqual([]);
  });

  it('answers the Global methods clients call on connect, matching the spec', async () => {
    const rpc = rpcFor(app);
    for (const method of ['EngineVersion', 'ProductVersion', 'QTProduct', 'IsDesktopMode', 'GetDocList', 'OSName', 'GetAuthenticatedUser']) {
      expect((await rpc.call(-1, method)).error).toBeUndefined();
    }
    expect((await rpc.call(-1, 'GetActiveDoc')).error).toMatchObject({ code: 1007, parameter: 'No active document' });
    const bnf = await rpc.call(-1, 'GetBaseBNF', ['S']);
    expect((bnf.result?.qBnfDefs as unknown[]).length).toBe(2077);
    await openDoc(rpc);
    expect((await rpc.call(-1, 'GetActiveDoc')).result?.qReturn).toMatchObject({ qType: 'Doc', qHandle: 1 });
    expect(validateTraffic(rpc.sent, rpc.frames)).toEqual([]);
  });

  it('lists the objects linked to a master item or master visualization', async () => {
    const rpc = rpcFor(app);
    await openDoc(rpc);
    const measure = ((await rpc.call(1, 'GetMeasure', ['mRevenue'])).result?.qReturn as { qHandle: number }).qHandle;
    expect((await rpc.call(measure, 'GetLinkedObjects')).result).toEqual({ qItems: [{ qRootId: 'sheet1', qInfo: { qId: 'chartSlow', qType: 'barchart' } }] });
    const master = await layoutOf(rpc, 'masterViz');
    expect((await rpc.call(master.handle, 'GetLinkedObjects')).result).toEqual({ qItems: [{ qRootId: 'sheet1', qInfo: { qId: 'chartLinked', qType: 'barchart' } }] });
  });

  it('evaluates string expressions in child list qData, like the sheet layout shows them', async () => {
    const rpc = rpcFor(app);
    await openDoc(rpc);
    const sheet = (await layoutOf(rpc, 'sheet1')).layout as unknown as { qChildList: { qItems: { qInfo: { qId: string }; qData: { title?: string } }[] } };
    const titles = new Map(sheet.qChildList.qItems.map((i) => [i.qInfo.qId, i.qData.title]));
    expect(titles.get('chartBroken')).toBe('Broken link');
    expect(titles.get('chartSlow')).toBe('chartSlow');
  });
});
