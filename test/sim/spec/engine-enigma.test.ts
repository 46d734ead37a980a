// The whole engine driven by the REAL enigma.js client over an in-memory socket, once with
// the delta protocol (enigma's default) and once without; the non-delta traffic is validated
// answer by answer against the OpenRPC result schemas.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimApp } from '../types';
import { appModelOf, loadAppFolder } from '../app/load-app';
import { engineSpec } from './openrpc';
import { enigmaSession } from './engine-harness';
import type { HyperCubeLayout, QixGlobal } from './qix-client';
import { validateTraffic } from './validate-traffic';

const demo = resolve(__dirname, '../apps/demo');
const corpusApp = resolve(__dirname, '../../../../shared/corpus/consumer-sales');
const appDir = existsSync(demo) ? demo : corpusApp;
const hasApp = existsSync(appDir);
if (!hasApp) console.warn(`[skip] neither ${demo} nor ${corpusApp} exists: enigma.js engine tests skipped`);

for (const delta of [true, false]) {
  describe.runIf(hasApp)(`engine via enigma.js (delta ${delta}) on ${appDir}`, () => {
    let app: SimApp;
    beforeAll(async () => {
      app = await loadAppFolder(appDir);
    });

    it('collects the app through the main methods, creating only session objects', async () => {
      const { harness, enigmaSession: session } = enigmaSession(app, { delta });
      const global = (await session.open()) as unknown as QixGlobal;
      expect((await global.engineVersion()).qComponentVersion).toBe(engineSpec().version);
      const doc = await global.openDoc(app.id);
      expect((await doc.getAppLayout()).qTitle).toBe(app.name);

      const infos = await doc.getAllInfos();
      const sheetInfo = infos.find((i) => i.qType === 'sheet');
      expect(sheetInfo).toBeDefined();
      const sheet = await doc.getObject(sheetInfo!.qId);
      expect((await sheet.getLayout()).qInfo.qId).toBe(sheetInfo!.qId);
      const tree = await sheet.getFullPropertyTree();
      expect(tree.qProperty.qInfo.qId).toBe(sheetInfo!.qId);
      const children = await sheet.getChildInfos();
      expect(children.length).toBe(tree.qChildren.length);
      expect(children.length).toBeGreaterThan(0);
      const chart = await sheet.getChild(children[0].qId);
      const chartLayout = await chart.getLayout();
      expect(await chart.getLayout()).toEqual(chartLayout);
      if ('qHyperCube' in chartLayout) await chart.getHyperCubeData('/qHyperCubeDef', [{ qLeft: 0, qTop: 0, qWidth: 2, qHeight: 3 }]);

      const list = async (prop: object) => (await (await doc.createSessionObject(prop)).getLayout()) as Record<string, { qItems: Record<string, unknown>[] }>;
      const measures = await list({ qInfo: { qType: 'MeasureList' }, qMeasureListDef: { qType: 'measure', qData: { title: '/qMetaDef/title', def: '/qMeasure/qDef' } } });
      expect(measures.qMeasureList.qItems.length).toBe(appModelOf(app).measures.size);
      expect(typeof (measures.qMeasureList.qItems[0].qData as { def?: unknown }).def).toBe('string');
      await list({ qInfo: { qType: 'DimensionList' }, qDimensionListDef: { qType: 'dimension', qData: { title: '/qMetaDef/title', dim: '/qDim' } } });
      await list({ qInfo: { qType: 'VariableList' }, qVariableListDef: { qType: 'variable', qShowReserved: true, qShowConfig: true, qData: { tags: '/tags' } } });
      await list({ qInfo: { qType: 'BookmarkList' }, qBookmarkListDef: { qType: 'bookmark', qData: { title: '/qMetaDef/title' } } });
      await list({ qInfo: { qType: 'MasterObjectList' }, qAppObjectListDef: { qType: 'masterobject', qData: { name: '/qMetaDef/title', visualization: '/visualization' } } });
      const fields = await list({ qInfo: { qType: 'FieldList' }, qFieldListDef: { qShowSystem: true, qShowHidden: true, qShowSrcTables: true, qShowSemantic: true, qShowDerivedFields: true } });
      expect(fields.qFieldList.qItems.some((f) => f.qName === '$Field' && f.qIsSystem === true)).toBe(true);
      expect(fields.qFieldList.qItems.find((f) => !f.qIsSystem)).not.toHaveProperty('qIsSystem');
      const sheets = await list({ qInfo: { qType: 'SheetList' }, qAppObjectListDef: { qType: 'sheet', qData: { title: '/qMetaDef/title', cells: '/cells' } } });
      expect(sheets.qAppObjectList.qItems.every((i) => (i.qInfo as { qType: string }).qType === 'sheet')).toBe(true);

      const cube = await doc.createSessionObject({
        qInfo: { qType: 'cube' },
        qHyperCubeDef: { qDimensions: [{ qDef: { qFieldDefs: ['No Such Field'] } }], qMeasures: [{ qDef: { qDef: 'Sum(x)' } }], qInitialDataFetch: [{ qLeft: 0, qTop: 0, qWidth: 2, qHeight: 5 }] },
      });
      // a dimension on a field the model does not have: error 2 (not found), naming the field
      expect(((await cube.getLayout()) as HyperCubeLayout).qHyperCube.qDimensionInfo[0].qError).toEqual({ qErrorCode: 2, qContext: 'No Such Field' });

      const tk = await doc.getTablesAndKeys({ qcx: 0, qcy: 0 }, { qcx: 0, qcy: 0 }, 0, true, false);
      expect(tk.qtr.map((t) => (t as { qName?: unknown }).qName)).toEqual(appModelOf(app).dataModel.tablesAndKeys.qtr.map((t) => t.qName));
      expect(tk.qtr.length).toBeGreaterThan(0);
      expect((await doc.checkExpression('Sum([Sales Amt])')).qBadFieldNames).toEqual([{ qFrom: 4, qCount: 11 }]);
      expect(typeof (await doc.getScript())).toBe('string');
      expect(typeof (await doc.evaluate('1+1'))).toBe('string');
      const firstMeasure = [...infos].find((i) => i.qType === 'measure');
      if (firstMeasure) await (await doc.getMeasure(firstMeasure.qId)).getLayout();
      expect(await doc.getObject('does-not-exist').catch((e: { code: number }) => e.code)).toBe(-2);
      await doc.destroySessionObject(cube.id);

      const persistentWrites = harness.calls.filter((c) => c.persistent && /^(Set|Apply|Create|Destroy)/.test(c.method));
      expect(persistentWrites).toEqual([]);
      expect(harness.calls.find((c) => c.method === 'GetLayout' && c.objectId === children[0].qId)?.persistent).toBe(true);
      expect(harness.calls.some((c) => c.method === 'GetLayout' && c.persistent === false)).toBe(true);
      expect(harness.calls.every((c) => c.errorCode === undefined)).toBe(true);
      if (!delta) expect(validateTraffic(harness.socket!.sent, harness.socket!.received)).toEqual([]);
      else expect(harness.socket!.received.filter((f) => f.includes('"result"')).every((f) => JSON.parse(f).delta === true)).toBe(true);
      await session.close();
    });
  });
}
