// collectApp against the simulated tenant: the demo app over real enigma.js + ws, and over an
// in-memory socket into the engine; completeness, read-only behaviour from the call record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectProgress } from '../../../lib/collect/context';
import { DEFAULT_TIMING_MODE } from '../../../lib/snapshot/timing-mode';
import { collectApp } from '../../../lib/collect/index';
import { openEngineSession } from '../../../lib/qlik/engine/session';
import { AppSnapshot } from '../../../lib/snapshot/schema';
import { appModelOf, loadAppFolder } from '../../sim/app/index';
import { type Simulator, startSimulator } from '../../sim/index';
import type { CallRecord, SimApp } from '../../sim/types';
import { connectWs, demoApp, inMemorySocketFactory, onVirtualClock, readOnlyViolations } from './sim-harness';

let sim: Simulator;
let demoId: string;

beforeAll(async () => {
  sim = await startSimulator({ http: true });
  demoId = demoApp(sim).id;
});
afterAll(async () => {
  await sim?.close();
});

describe('collectApp over enigma.js + ws (demo app)', () => {
  let snapshot: AppSnapshot;
  let calls: CallRecord[];
  const progress: CollectProgress[] = [];

  beforeAll(async () => {
    sim.reset();
    const { engine, rest } = await connectWs(sim, demoId);
    try {
      snapshot = await collectApp({ engine, rest, appId: demoId, source: { host: sim.url, mode: 'test' }, onProgress: (p) => progress.push(p) });
    } finally {
      await engine.close();
    }
    calls = sim.calls();
  }, 120_000);

  it('returns a valid, versioned snapshot', () => {
    expect(AppSnapshot.parse(snapshot)).toEqual(snapshot);
    expect(snapshot.schemaVersion).toBe(1);
    expect(snapshot.source).toMatchObject({ appId: demoId, mode: 'test' });
    expect(snapshot.collectionIssues).toEqual([]);
  });

  it('has every sheet, every object of every tree, master item, variable and bookmark of the app', () => {
    const app = sim.apps.find((a) => a.id === demoId);
    if (!app) throw new Error('demo app missing');
    const model = appModelOf(app);
    const stored = [...model.objects.values()];
    const rootOf = (id: string): string => {
      let o = model.objects.get(id);
      while (o?.parentId) o = model.objects.get(o.parentId);
      return o?.id ?? id;
    };
    const sheetIds = stored.filter((o) => o.type === 'sheet').map((o) => o.id).sort();
    expect(snapshot.sheets.map((s) => s.id).sort()).toEqual(sheetIds);
    const sheetSet = new Set(sheetIds);
    const masterIds = stored.filter((o) => o.type === 'masterobject').map((o) => o.id).sort();
    const onSheets = stored.filter((o) => o.parentId && sheetSet.has(rootOf(o.id))).map((o) => o.id).sort();
    expect(snapshot.objects.filter((o) => o.sheetId).map((o) => o.id).sort()).toEqual(onSheets);
    expect(snapshot.masterVisualizations.map((m) => m.id).sort()).toEqual(masterIds);
    expect(snapshot.masterMeasures.map((m) => m.id).sort()).toEqual([...model.measures.keys()].sort());
    expect(snapshot.masterDimensions.map((m) => m.id).sort()).toEqual([...model.dimensions.keys()].sort());
    expect(snapshot.bookmarks.map((b) => b.id).sort()).toEqual([...model.bookmarks.keys()].sort());
    // calculated variables carry their value, evaluated by the engine (EvaluateEx); the others none
    const calculated = snapshot.variables.filter((v) => v.definition.trimStart().startsWith('='));
    expect(calculated.length).toBeGreaterThan(0);
    for (const v of calculated) expect(v.value, v.name).toBe(model.behaviour.evaluate[v.definition.trimStart().slice(1)]);
    expect(snapshot.variables.filter((v) => !calculated.includes(v) && v.value !== undefined)).toEqual([]);
    // Doc.GetSetAnalysis('$', id) per bookmark: the default state's selections as a set expression
    expect(snapshot.bookmarks.every((b) => b.setExpression !== undefined)).toBe(true);
    for (const b of snapshot.bookmarks) {
      for (const { field } of b.selections.filter((s) => s.stateName === '$')) expect(b.setExpression, b.id).toContain(`[${field}]`);
    }
    const userVariables = [...model.variables.values()].map((v) => v.qName);
    for (const name of userVariables) expect(snapshot.variables.map((v) => v.name)).toContain(name);
    expect(snapshot.dataModel?.tables.length).toBe(model.dataModel.tables.length);
    expect(snapshot.script?.text).toBe(model.script);
  });

  it('finds every chart measure and master measure definition among the expressions, with engine answers', () => {
    const texts = new Set(snapshot.expressions.map((e) => e.text));
    for (const m of snapshot.masterMeasures) if (m.definition) expect(texts).toContain(m.definition);
    const measureExpressions = snapshot.expressions.filter((e) => e.location.kind === 'measure');
    expect(measureExpressions.length).toBeGreaterThan(snapshot.masterMeasures.length);
    for (const e of snapshot.expressions.filter((x) => x.syntax === 'expression' && x.location.kind !== 'variable')) {
      expect(e.check, e.id).toBeDefined();
      expect(e.fieldsFromEngine, e.id).toBeDefined();
    }
  });

  it('asks the engine once per unique expression text (CheckExpression: per text and label set, labels scoped to the chart)', () => {
    const fields = calls.filter((c) => c.method === 'GetFieldsFromExpression').map((c) => JSON.stringify((c.params as unknown[])[0]));
    expect(new Set(fields).size).toBe(fields.length);
    const unique = new Set(snapshot.expressions.filter((e) => e.check).map((e) => e.text));
    expect(fields.length).toBe(unique.size);
    const checked = calls.filter((c) => c.method === 'CheckExpression').map((c) => JSON.stringify(c.params));
    expect(new Set(checked).size).toBe(checked.length);
    const texts = new Set(calls.filter((c) => c.method === 'CheckExpression').map((c) => JSON.stringify((c.params as unknown[])[0])));
    expect(texts.size).toBe(unique.size);
    // a chart on the demo app's Sales analysis sheet labels its measure Sum([Quantity]) "Quantity",
    // a field's name too: there the text goes with that label, elsewhere without it
    const quantity = calls.filter((c) => c.method === 'CheckExpression' && (c.params as unknown[])[0] === 'Sum([Quantity])').map((c) => (c.params as unknown[])[1] ?? []);
    expect(quantity).toHaveLength(2);
    expect(quantity).toContainEqual(['Quantity']);
    expect(quantity).toContainEqual([]);
    // and the answers follow: the field is dangerous in the "Order lines" table (TrnwjL) only
    const sumQuantity = snapshot.expressions.filter((e) => e.text === 'Sum([Quantity])');
    expect(sumQuantity.length).toBeGreaterThan(1);
    expect(sumQuantity.map((e) => e.location.objectId)).toContain('TrnwjL');
    for (const e of sumQuantity) {
      expect(e.check?.dangerousFieldNames.length ? e.location.objectId : undefined, e.id).toBe(e.location.objectId === 'TrnwjL' ? 'TrnwjL' : undefined);
    }
  });

  it('fetches each sheet tree with one call and inventories with list objects (no N+1)', () => {
    const trees = calls.filter((c) => c.method === 'GetFullPropertyTree');
    expect(trees.length).toBe(snapshot.sheets.length + snapshot.masterVisualizations.length + snapshot.stories.length);
    expect(calls.filter((c) => c.method === 'GetMeasure' || c.method === 'GetDimension' || c.method === 'GetVariableById' || c.method === 'GetFieldDescription')).toEqual([]);
  });

  it('times every object on a sheet (the default quick mode: one pass) and keeps its layout', () => {
    const onSheets = snapshot.objects.filter((o) => o.sheetId);
    expect(snapshot.timings?.objects.map((t) => t.objectId).sort()).toEqual(onSheets.map((o) => o.id).sort());
    // the demo app's engine-behaviour.json makes OpenDoc take 12 s: the measured open time includes it
    expect(snapshot.timings?.appOpenMs).toBeGreaterThanOrEqual(11_000);
    for (const o of onSheets) expect(o.layout, o.id).toBeDefined();
    const layoutCalls = calls.filter((c) => c.method === 'GetLayout' && c.persistent === true && c.objectType === 'GenericObject');
    expect(layoutCalls.length).toBe(onSheets.length);
  });

  it('never changes, creates or destroys a persistent object, and destroys every session object', () => {
    expect(calls.length).toBeGreaterThan(0);
    expect(readOnlyViolations(calls)).toEqual([]);
  });

  it('works in its own session identity', () => {
    expect(new Set(calls.map((c) => c.session)).size).toBe(1);
    expect(calls[0]?.session).toMatch(new RegExp(`^${demoId}/identity/qlarity-`));
  });

  it('reports progress per phase, ending with done', () => {
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['inventory', 'objects', 'expressions', 'timings', 'done']));
    expect(progress.at(-1)).toEqual({ phase: 'done', done: 1, total: 1 });
    for (const p of progress) expect(p.done).toBeLessThanOrEqual(p.total);
  });

  it('collects app facts, data model statistics and REST parts', () => {
    expect(snapshot.app).toMatchObject({ id: demoId, published: true, sectionAccess: true, directQuery: false });
    expect(snapshot.access).toMatchObject({ canEdit: true, canReadScript: true, canReload: true });
    const field = snapshot.dataModel?.tables.flatMap((t) => t.fields)[0];
    expect(field).toMatchObject({ keyType: expect.any(String), informationDensity: expect.any(Number), subsetRatio: expect.any(Number) });
    expect(snapshot.metadata).toBeDefined();
    expect(snapshot.reloads?.reloads.length).toBeGreaterThan(0);
    expect(snapshot.reloads?.lastLog?.text.length).toBeGreaterThan(0);
    expect(snapshot.reloads?.metadata[0]?.statements.length).toBeGreaterThan(0);
    // the newest reload failed: its log and metadata are kept, and those of the newest successful one too
    const [newest, ...older] = snapshot.reloads?.reloads ?? [];
    const successful = older.find((r) => r.status === 'SUCCEEDED');
    expect(newest?.status).toBe('FAILED');
    expect(snapshot.reloads?.lastLog?.reloadId).toBe(newest?.id);
    expect(snapshot.reloads?.lastSuccessful?.reloadId).toBe(successful?.id);
    expect(snapshot.reloads?.lastSuccessful?.log?.reloadId).toBe(successful?.id);
    expect(snapshot.reloads?.lastSuccessful?.log?.text).not.toBe(snapshot.reloads?.lastLog?.text);
    expect(snapshot.reloads?.metadata.map((m) => m.reloadId)).toEqual([newest?.id, successful?.id]);
    expect(snapshot.reloads?.metadata[1]?.statements.length).toBeGreaterThan(0);
    expect(snapshot.extensions).toBeDefined();
    expect(snapshot.themes).toBeDefined();
  });
});

describe('collectApp over an in-memory socket into the simulated engine', () => {
  let app: SimApp;
  beforeAll(async () => {
    const demo = sim.apps.find((a) => a.id === demoId);
    if (!demo) throw new Error('demo app missing');
    app = await loadAppFolder(demo.source); // a copy, without the 12 s simulated open time
    appModelOf(app).behaviour.openDocMs = 0;
  });

  it('collects the same inventory without a network, read-only', async () => {
    const calls: CallRecord[] = [];
    const engine = await openEngineSession({ url: 'https://tenant.example', appId: demoId, createSocket: inMemorySocketFactory(app, sim.users.developer, (c) => calls.push(c)) });
    const snapshot = await collectApp({ engine, appId: demoId, source: { host: 'tenant.example', mode: 'test' }, timings: false });
    await engine.close();
    const model = appModelOf(app);
    expect(snapshot.sheets.length).toBe([...model.objects.values()].filter((o) => o.type === 'sheet').length);
    expect(snapshot.masterMeasures.length).toBe(model.measures.size);
    expect(snapshot.timings).toBeUndefined();
    expect(snapshot.collectionIssues).toContainEqual(expect.objectContaining({ code: 'NO_REST' }));
    expect(readOnlyViolations(calls)).toEqual([]);
  }, 60_000);

  it('with at most 2 objects of a sheet in flight, an object\'s time is its own modelled cost, not its siblings\' queueing', async () => {
    const model = appModelOf(app);
    const calls: CallRecord[] = [];
    const snapshot = await onVirtualClock(async () => {
      const engine = await openEngineSession({ url: 'https://tenant.example', appId: demoId, createSocket: inMemorySocketFactory(app, sim.users.developer, (c) => calls.push(c)) });
      try {
        return await collectApp({ engine, appId: demoId, source: { host: 'tenant.example', mode: 'test' }, timings: { concurrency: 2, mode: 'full' } });
      } finally {
        await engine.close();
      }
    });
    const timings = snapshot.timings?.objects ?? [];
    expect(snapshot.timings?.method).toContain('2 object(s) in flight');
    expect(timings.map((t) => t.objectId).sort()).toEqual(snapshot.objects.filter((o) => o.sheetId).map((o) => o.id).sort());
    const modelled = timings.filter((t) => model.behaviour.objects[t.objectId]?.calcMs !== undefined && t.cellsFetched > 0);
    expect(modelled.length).toBeGreaterThan(20);
    for (const t of modelled) {
      const behaviour = model.behaviour.objects[t.objectId];
      // first: the calculation plus one data page (a few ms), never a sibling's calculation on top
      expect(t.firstMs, t.objectId).toBeGreaterThanOrEqual(behaviour?.calcMs ?? 0);
      expect(t.firstMs, t.objectId).toBeLessThan((behaviour?.calcMs ?? 0) + 20);
      expect(t.cachedMs ?? Infinity, t.objectId).toBeLessThan(t.firstMs);
    }
    expect(readOnlyViolations(calls)).toEqual([]);
  }, 60_000);

  it('times sheets one after another, the objects of a sheet together: first pass of all, then the cached pass', async () => {
    const calls: CallRecord[] = [];
    const snapshot = await onVirtualClock(async () => {
      const engine = await openEngineSession({ url: 'https://tenant.example', appId: demoId, createSocket: inMemorySocketFactory(app, sim.users.developer, (c) => calls.push(c)) });
      try {
        return await collectApp({ engine, appId: demoId, source: { host: 'tenant.example', mode: 'test' }, timings: { mode: 'full' } });
      } finally {
        await engine.close();
      }
    });
    const sheetOf = new Map(snapshot.objects.filter((o) => o.sheetId).map((o) => [o.id, o.sheetId]));
    // the timing pass: GetLayout on saved sheet objects (the inventory reads trees, not layouts)
    const layouts = calls.filter((c) => c.method === 'GetLayout' && c.persistent === true && c.objectId !== undefined && sheetOf.has(c.objectId));
    const order = layouts.map((c) => sheetOf.get(c.objectId ?? ''));
    const sheetsInOrder = order.filter((s, i) => s !== order[i - 1]);
    expect(sheetsInOrder.length, 'each sheet is timed in one block').toBe(new Set(order).size);
    for (const sheetId of new Set(order)) {
      const ids = layouts.filter((c) => sheetOf.get(c.objectId ?? '') === sheetId).map((c) => c.objectId);
      const objects = new Set(ids);
      // every object of the sheet got its first layout before any got its second
      expect(new Set(ids.slice(0, objects.size))).toEqual(objects);
      expect(ids.length).toBe(objects.size * 2);
    }
    expect(snapshot.timings?.method).toContain('the objects of one sheet together');
    expect(readOnlyViolations(calls)).toEqual([]);
  }, 60_000);

  it('quick mode (the default) times each object once: first calculation only, no cached time', async () => {
    const calls: CallRecord[] = [];
    const snapshot = await onVirtualClock(async () => {
      const engine = await openEngineSession({ url: 'https://tenant.example', appId: demoId, createSocket: inMemorySocketFactory(app, sim.users.developer, (c) => calls.push(c)) });
      try {
        return await collectApp({ engine, appId: demoId, source: { host: 'tenant.example', mode: 'test' } });
      } finally {
        await engine.close();
      }
    });
    expect(DEFAULT_TIMING_MODE).toBe('quick');
    expect(snapshot.timings?.mode).toBe('quick');
    expect(snapshot.timings?.method).toContain('once (first calculation only)');
    const timings = snapshot.timings?.objects ?? [];
    expect(timings.length).toBe(snapshot.objects.filter((o) => o.sheetId).length);
    expect(timings.filter((t) => t.cachedMs !== undefined)).toEqual([]);
    expect(timings.filter((t) => t.error)).toEqual([]);
    // the planted slow scatter plot (engine-behaviour calcMs 1,150) is still measured as slow
    expect(timings.find((t) => t.objectId === 'yWgwuj')?.firstMs).toBeGreaterThanOrEqual(1150);
    const sheetObjects = new Set(snapshot.objects.filter((o) => o.sheetId).map((o) => o.id));
    const layouts = calls.filter((c) => c.method === 'GetLayout' && c.persistent === true && c.objectId !== undefined && sheetObjects.has(c.objectId));
    expect(layouts.length).toBe(sheetObjects.size);
    // layouts still reach the objects (layout errors, calculation conditions)
    expect(snapshot.objects.filter((o) => o.sheetId && o.layout === undefined)).toEqual([]);
    expect(AppSnapshot.parse(snapshot)).toEqual(snapshot);
  }, 60_000);

  it('hands the snapshot over before the timing pass (the first onPartial): checked expressions, no timings or layouts yet', async () => {
    const calls: CallRecord[] = [];
    let inventory: AppSnapshot | undefined;
    let timedCallsBefore = -1;
    const snapshot = await onVirtualClock(async () => {
      const engine = await openEngineSession({ url: 'https://tenant.example', appId: demoId, createSocket: inMemorySocketFactory(app, sim.users.developer, (c) => calls.push(c)) });
      try {
        return await collectApp({
          engine,
          appId: demoId,
          source: { host: 'tenant.example', mode: 'test' },
          onPartial: (s, { measured }) => {
            if (measured > 0) return;
            inventory = s;
            timedCallsBefore = calls.filter((c) => c.method === 'GetLayout' && c.persistent === true && c.objectType === 'GenericObject').length;
          },
        });
      } finally {
        await engine.close();
      }
    });
    if (!inventory) throw new Error('onPartial was not called before the timing pass');
    expect(timedCallsBefore, 'no object was timed before the inventory was handed over').toBe(0);
    expect(inventory.timings?.objects ?? []).toEqual([]);
    expect(inventory.objects.filter((o) => o.layout !== undefined)).toEqual([]);
    expect(inventory.expressions).toEqual(snapshot.expressions);
    expect(inventory.expressions.some((e) => e.check)).toBe(true);
    expect(inventory.objects.map((o) => o.id)).toEqual(snapshot.objects.map((o) => o.id));
    expect(snapshot.timings?.objects.length).toBeGreaterThan(0);
    expect(AppSnapshot.parse(inventory)).toEqual(inventory);
  }, 60_000);

  it('without the expression checks (expressionChecks: false) asks the engine nothing about expressions', async () => {
    const calls: CallRecord[] = [];
    const engine = await openEngineSession({ url: 'https://tenant.example', appId: demoId, createSocket: inMemorySocketFactory(app, sim.users.developer, (c) => calls.push(c)) });
    const snapshot = await collectApp({ engine, appId: demoId, source: { host: 'tenant.example', mode: 'test' }, timings: false, expressionChecks: false });
    await engine.close();
    expect(calls.filter((c) => c.method === 'CheckExpression' || c.method === 'GetFieldsFromExpression')).toEqual([]);
    expect(snapshot.expressions.length).toBeGreaterThan(0);
    expect(snapshot.expressions.filter((e) => e.check !== undefined)).toEqual([]);
  }, 60_000);

  it('also works with the delta protocol switched on', async () => {
    const engine = await openEngineSession({ url: 'https://tenant.example', appId: demoId, delta: true, createSocket: inMemorySocketFactory(app, sim.users.developer, () => undefined) });
    const snapshot = await collectApp({ engine, appId: demoId, source: { host: 'tenant.example', mode: 'test' }, timings: false });
    await engine.close();
    expect(snapshot.sheets.length).toBeGreaterThan(0);
    expect(snapshot.expressions.some((e) => e.check)).toBe(true);
  }, 60_000);
});
