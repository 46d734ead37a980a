// Engine behaviour the real analyzer met on the demo app: calculated variables in dollar
// expansion, alternate states in the app layout, script variables the script deletes, and
// bookmark methods under many concurrent requests over enigma.js.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimApp } from '../types';
import { appModelOf, loadAppFolder } from '../app/load-app';
import { enigmaSession, rpcFor } from '../spec/engine-harness';

const demoDir = resolve(__dirname, '../apps/demo');
const hasDemo = existsSync(demoDir);
if (!hasDemo) console.warn(`[skip] ${demoDir} is missing: demo engine tests skipped`);

/** The "Revenue trend" subtitle on Executive Overview (vMaxOrderDate is '=Max([Order Date])'). */
const SUBTITLE = "'Orders up to ' & Date($(vMaxOrderDate), 'YYYY-MM-DD')";

interface BookmarkHandle {
  getLayout(): Promise<{ qBookmark: { qStateData: unknown[] } }>;
  getProperties(): Promise<{ qInfo: { qId: string } }>;
  apply(): Promise<boolean>;
  applyAndVerify(): Promise<{ qApplySuccess: boolean; qWarnings: { qField: string; qVerifyResult: string }[] }>;
  getFieldValues(field: string, excluded: boolean, page: object): Promise<{ qText: string }[]>;
}
interface DemoDoc {
  getBookmark(id: string): Promise<BookmarkHandle>;
  getSetAnalysis(state: string, id: string): Promise<string>;
  applyBookmark(id: string): Promise<boolean>;
  cloneBookmark(id: string): Promise<string>;
  /** enigma's schema lists only qId as its out param, so the call resolves with the id */
  createTemporaryBookmark(options: object, ids: string[]): Promise<string>;
  applyTemporaryBookmark(id: string): Promise<boolean>;
  getAppLayout(): Promise<{ qStateNames: string[] }>;
}

describe.runIf(hasDemo)('simulated engine on the demo app', () => {
  let app: SimApp;
  beforeAll(async () => {
    app = await loadAppFolder(demoDir);
  });

  async function opened() {
    const rpc = rpcFor(app);
    await rpc.call(-1, 'OpenDoc', [app.id]);
    return rpc;
  }

  it('expands a variable defined as =expression to its calculated value everywhere it expands dollars', async () => {
    const rpc = await opened();
    expect((await rpc.call(1, 'CheckExpression', [SUBTITLE])).result).toEqual({ qErrorMsg: '', qBadFieldNames: [], qDangerousFieldNames: [] });
    // engine-behaviour.json evaluate: Max([Order Date]) → 46350; the value is pasted, not '=Max(…)'
    expect((await rpc.call(1, 'ExpandExpression', [SUBTITLE])).result).toEqual({ qExpandedExpression: "'Orders up to ' & Date(46350, 'YYYY-MM-DD')" });
    expect((await rpc.call(1, 'GetFieldsFromExpression', [SUBTITLE])).result).toEqual({ qFieldNames: [] });
    expect((await rpc.call(1, 'CheckExpression', ['Sum([Sales Amount]) / $(vMaxOrderDate)'])).result?.qErrorMsg).toBe('');
    const created = await rpc.call(1, 'CreateSessionObject', [{ qInfo: { qType: 'probe' }, text: { qStringExpression: { qExpr: '=$(vMaxOrderDate)' } }, n: { qValueExpression: { qExpr: '=$(vMaxOrderDate) + 1' } } }]);
    const handle = (created.result?.qReturn as { qHandle: number }).qHandle;
    const layout = (await rpc.call(handle, 'GetLayout')).result?.qLayout as { text: string; n: number };
    expect(layout.text).toBe('46350');
    expect(typeof layout.n).toBe('number');
    expect((await rpc.call(1, 'Evaluate', ['$(vMaxOrderDate)'])).result).toEqual({ qReturn: '46350' });
  });

  it("answers the app's alternate states in GetAppLayout qStateNames, not in the app properties", async () => {
    const rpc = await opened();
    const layout = (await rpc.call(1, 'GetAppLayout')).result?.qLayout as { qStateNames: string[] };
    expect(layout.qStateNames).toEqual(['Benchmark']);
    expect((await rpc.call(1, 'GetAppProperties')).result?.qProp).not.toHaveProperty('qStateNames');
    await rpc.call(1, 'AddSessionAlternateState', ['Scratch']);
    expect(((await rpc.call(1, 'GetAppLayout')).result?.qLayout as { qStateNames: string[] }).qStateNames).toEqual(['Benchmark', 'Scratch']);
    expect((await (await opened()).call(1, 'GetAppLayout')).result?.qLayout).toMatchObject({ qStateNames: ['Benchmark'] });
  });

  it('lists the variables the script leaves after a reload: LET vMinDate = ; deletes vMinDate', async () => {
    const rpc = await opened();
    const list = await rpc.call(1, 'CreateSessionObject', [{ qInfo: { qType: 'VariableList' }, qVariableListDef: { qType: 'variable' } }]);
    const handle = (list.result?.qReturn as { qHandle: number }).qHandle;
    const items = ((await rpc.call(handle, 'GetLayout')).result?.qLayout as { qVariableList: { qItems: { qName: string; qIsScriptCreated?: boolean }[] } }).qVariableList.qItems;
    const names = items.map((i) => i.qName);
    expect(appModelOf(app).script).toMatch(/LET vMinDate = ;/);
    expect(names).not.toContain('vMinDate');
    expect(names).not.toContain('vMaxDate');
    expect(items.find((i) => i.qName === 'vDataRoot')?.qIsScriptCreated).toBe(true);
    expect(items.find((i) => i.qName === 'vCurrentYear')?.qIsScriptCreated).toBe(true);
    expect(items.find((i) => i.qName === 'vTopN')?.qIsScriptCreated).toBeUndefined();
    expect((await rpc.call(1, 'ExpandExpression', ['$(vMinDate)'])).result).toEqual({ qExpandedExpression: '' });
  });

  for (const delta of [true, false]) {
    it(`answers every bookmark method under many concurrent requests over enigma.js (delta ${delta})`, async () => {
      const { harness, enigmaSession: session } = enigmaSession(app, { delta });
      const global = (await session.open()) as unknown as { openDoc(id: string): Promise<DemoDoc> };
      const doc = await global.openDoc(app.id);
      const ids = [...appModelOf(app).bookmarks.keys()];
      const rounds = await Promise.all(
        Array.from({ length: 12 }, () =>
          Promise.all(
            ids.map(async (id) => {
              const handle = await doc.getBookmark(id);
              const [layout, properties, set] = await Promise.all([handle.getLayout(), handle.getProperties(), doc.getSetAnalysis('$', id)]);
              return { id, states: layout.qBookmark.qStateData.length, qId: properties.qInfo.qId, set };
            }),
          ),
        ),
      );
      for (const round of rounds) expect(round).toEqual(rounds[0]);
      expect(rounds[0].find((r) => r.qId === 'NyMunY')?.set).toBe("{<[Sales Channel]={'Online'}>}");

      const online = await doc.getBookmark('NyMunY');
      const legacy = await doc.getBookmark('LVvCJx');
      const [applied, verified, values, byDoc, clone, temp] = await Promise.all([
        online.apply(),
        legacy.applyAndVerify(),
        online.getFieldValues('Sales Channel', false, { qStartIndex: 0, qEndIndex: 10 }),
        doc.applyBookmark('GrfphX'),
        doc.cloneBookmark('NyMunY'),
        doc.createTemporaryBookmark({ qIncludeVariables: false, qIncludeAllPatches: false }, []),
      ]);
      expect(applied).toBe(true);
      expect(verified.qWarnings).toEqual([expect.objectContaining({ qField: 'Territory', qVerifyResult: 'FIELD_MISSING' })]);
      expect(values.map((v) => v.qText)).toEqual(['Online']);
      expect(byDoc).toBe(true);
      expect(typeof clone).toBe('string');
      expect(await doc.applyTemporaryBookmark(temp)).toBe(true);
      expect((await doc.getAppLayout()).qStateNames).toEqual(['Benchmark']);
      expect(harness.calls.filter((c) => c.errorCode !== undefined)).toEqual([]);
      await session.close();
    });
  }
});
