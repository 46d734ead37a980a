// `qlarity analyze --folder`: an app folder becomes an AppSnapshot without a tenant (lib/offline).
// The three formats (unbuild, serializeapp, Gitoqlik) through an in-memory folder, the corpus apps
// from ../shared/corpus, and the demo app against its planted findings: every finding a rule that
// can run offline is expected to make is there, no error-level finding is made up, and every rule
// that needs the engine says it could not run, with the reason.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../../lib/rules/analyse';
import { snapshotFromFolder } from '../../../lib/cli/folder';
import { type FolderReader, jsonPositions } from '../../../lib/offline/folder-reader';
import { readAppFolder } from '../../../lib/offline/formats';
import { computedVariableNames } from '../../../lib/analyze/script-variables';
import { OFFLINE_UNAVAILABLE, snapshotFromRawApp } from '../../../lib/offline/snapshot';
import { AppSnapshot } from '../../../lib/snapshot/schema';

/** A folder held in memory: relative path → text; folders are implied by the paths. */
function memoryFolder(files: Record<string, string>): FolderReader {
  const paths = Object.keys(files);
  return {
    root: 'mem',
    list: async (dir) => {
      const prefix = dir ? `${dir}/` : '';
      return [...new Set(paths.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length).split('/')[0] ?? ''))];
    },
    exists: async (path) => path === '' || paths.some((p) => p === path || p.startsWith(`${path}/`)),
    readText: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`mem/${path}: file not found`);
      return text;
    },
  };
}

const chart = (id: string, measure: string, title = 'Revenue') => ({
  qInfo: { qId: id, qType: 'barchart' },
  visualization: 'barchart',
  title,
  qHyperCubeDef: { qDimensions: [], qMeasures: [{ qDef: { qDef: measure, qLabel: 'Revenue' } }] },
});

const sheetEntry = (children: object[]) => ({
  qProperty: { qInfo: { qId: 'sheet1', qType: 'sheet' }, qMetaDef: { title: 'Overview' }, rank: 0, cells: [{ name: 'c1', type: 'barchart', col: 0, row: 0, colspan: 12, rowspan: 6 }] },
  qChildren: children.map((c) => ({ qProperty: c, qChildren: [] })),
});

const SCRIPT = "SET ThousandSep=',';\nSET vTarget = 1000;\nLET vTemp = ;\nSales: LOAD * INLINE [Sales\n1];\n";

function snapshotOf(files: Record<string, string>) {
  return readAppFolder(memoryFolder(files)).then((raw) => snapshotFromRawApp({ raw, appId: 'app', fallbackName: 'folder', collectedAt: '2026-01-01T00:00:00.000Z' }));
}

describe('app folder formats read offline', () => {
  it('an unbuild folder: sheets, objects, master items, variables (saved and from the script), script', async () => {
    const snapshot = await snapshotOf({
      'app-properties.json': JSON.stringify({ qTitle: 'Sales app', qStateNames: ['Compare'] }),
      'objects/sheet1.json': JSON.stringify(sheetEntry([chart('c1', 'Sum(Sales) / $(vTarget)')])),
      'measures.json': JSON.stringify([{ qInfo: { qId: 'm1', qType: 'measure' }, qMeasure: { qLabel: 'Total', qDef: 'Sum(Sales)' }, qMetaDef: { title: 'Total' } }]),
      'variables.json': JSON.stringify([{ qInfo: { qId: 'v1', qType: 'variable' }, qName: 'vSaved', qDefinition: '=Max(Sales)' }]),
      'script.qvs': SCRIPT,
    });
    expect(() => AppSnapshot.parse(snapshot)).not.toThrow();
    expect(snapshot.app).toMatchObject({ id: 'app', name: 'Sales app', alternateStates: ['Compare'] });
    expect(snapshot.sheets.map((s) => [s.id, s.title, s.childIds])).toEqual([['sheet1', 'Overview', ['c1']]]);
    expect(snapshot.objects.map((o) => [o.id, o.sheetId, o.title])).toEqual([['c1', 'sheet1', 'Revenue']]);
    expect(snapshot.masterMeasures.map((m) => [m.id, m.label, m.definition])).toEqual([['m1', 'Total', 'Sum(Sales)']]);
    // the saved variable, and the script's (an emptied one is gone after a reload), a system one reserved as the engine lists it
    expect(snapshot.variables.map((v) => [v.name, v.isScriptCreated, v.isReserved])).toEqual([
      ['vSaved', false, false],
      ['ThousandSep', true, true],
      ['vTarget', true, false],
    ]);
    expect(snapshot.script?.text).toBe(SCRIPT);
    expect(snapshot.expressions.map((e) => e.text)).toContain('Sum(Sales) / $(vTarget)');
    // no engine: nothing is claimed to have been checked
    expect(snapshot.expressions.every((e) => e.check === undefined)).toBe(true);
    expect(snapshot.collectionIssues.filter((i) => i.code === OFFLINE_UNAVAILABLE).map((i) => i.part).sort()).toEqual(
      ['dataModel', 'evaluation', 'expressions', 'expressions', 'extensions', 'item', 'metadata', 'reloads', 'script', 'space', 'themes', 'timings'],
    );
  });

  it('a serializeapp JSON and a Gitoqlik folder give the same objects', async () => {
    const parts = {
      properties: { qTitle: 'Serialized' },
      loadScript: SCRIPT,
      sheets: [sheetEntry([chart('c1', 'Sum(Sales)')])],
      masterobjects: [],
      measures: [{ qProperty: { qInfo: { qId: 'm1', qType: 'measure' }, qMeasure: { qLabel: 'Total', qDef: 'Sum(Sales)' } } }],
      dimensions: [],
      variables: [],
    };
    const serialized = await snapshotOf({ 'app.json': JSON.stringify(parts) });
    const { loadScript, ...split } = parts;
    const gitoqlik = await snapshotOf({ ...Object.fromEntries(Object.entries(split).map(([k, v]) => [`${k}.json`, JSON.stringify(v)])), 'script.qvs': loadScript });
    for (const s of [serialized, gitoqlik]) {
      expect(s.app.name).toBe('Serialized');
      expect(s.objects.map((o) => o.id)).toEqual(['c1']);
      expect(s.masterMeasures.map((m) => m.id)).toEqual(['m1']);
      expect(s.variables.map((v) => v.name)).toEqual(['ThousandSep', 'vTarget']);
    }
  });

  it('a serializeapp JSON named as a file is read as the app, its name the file\'s; a JSON without app properties is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qlarity-serializeapp-'));
    try {
      writeFileSync(join(dir, 'Sales.json'), JSON.stringify({ properties: { qTitle: 'Serialized' }, sheets: [sheetEntry([chart('c1', 'Sum(Sales)')])] }, null, 2));
      const snapshot = await snapshotFromFolder(join(dir, 'Sales.json'));
      expect(snapshot.app.id).toBe('Sales');
      expect(snapshot.objects.map((o) => o.id)).toEqual(['c1']);
      expect(snapshot.sources?.items.find((i) => i.id === 'c1')?.file).toBe('Sales.json');
      writeFileSync(join(dir, 'other.json'), '{"sheets": []}');
      await expect(snapshotFromFolder(join(dir, 'other.json'))).rejects.toThrow(/other\.json: not a serializeapp JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records where each item was read: file, the line of its qId and of its expressions; bookmarks and variables by their own kind, the script verbatim or at its key', async () => {
    const pretty = (v: unknown) => JSON.stringify(v, null, 2);
    const bookmark = { qProperty: { qInfo: { qId: 'b1', qType: 'bookmark' }, qMetaDef: { title: 'B' } }, qChildren: [] };
    const unbuild = await snapshotOf({
      'app-properties.json': '{}',
      'objects/sheet1.json': pretty(sheetEntry([chart('c1', 'Sum(Sales)')])),
      'objects/b1.json': pretty(bookmark),
      'variables.json': pretty([{ qInfo: { qId: 'v1', qType: 'variable' }, qName: 'vSaved', qDefinition: '1' }]),
      'script.qvs': SCRIPT,
    });
    const sheetLines = pretty(sheetEntry([chart('c1', 'Sum(Sales)')])).split('\n');
    const lineWith = (lines: string[], id: string) => lines.findIndex((l) => l.includes(`"qId": "${id}"`)) + 1;
    expect(unbuild.sources).toMatchObject({ format: 'unbuild', folder: '', app: { file: 'app-properties.json' }, script: { file: 'script.qvs', verbatim: true } });
    expect(unbuild.sources?.items).toEqual(
      expect.arrayContaining([
        { kind: 'object', id: 'sheet1', file: 'objects/sheet1.json', line: lineWith(sheetLines, 'sheet1') },
        {
          kind: 'object',
          id: 'c1',
          file: 'objects/sheet1.json',
          line: lineWith(sheetLines, 'c1'),
          // the line of each property holding an expression, by the pointer findings name it with
          paths: expect.objectContaining({ '/qHyperCubeDef/qMeasures/0/qDef/qDef': sheetLines.findIndex((l) => l.includes('"qDef": "Sum(Sales)"')) + 1 }),
        },
        { kind: 'bookmark', id: 'b1', file: 'objects/b1.json', line: 4 },
        { kind: 'variable', id: 'vSaved', file: 'variables.json', line: 4, paths: { '/qDefinition': 8 } },
        // created by the script: at the SET that leaves it
        { kind: 'variable', id: 'vTarget', file: 'script.qvs', line: 2 },
      ]),
    );
    const serialized = await snapshotOf({ 'app.json': pretty({ properties: {}, loadScript: SCRIPT, sheets: [sheetEntry([])] }) });
    expect(serialized.sources).toMatchObject({ format: 'serializeapp', app: { file: 'app.json', line: 2 }, script: { file: 'app.json', line: 3, verbatim: false } });
    expect(serialized.sources?.items).toContainEqual({ kind: 'variable', id: 'vTarget', file: 'app.json', line: 3 });
    // the top-level keys, not a "properties" or "loadScript" nested in an item written before them
    const nested = { qProperty: { ...chart('c2', 'Sum(X)'), properties: { loadScript: 'x' } }, qChildren: [] };
    const reordered = await snapshotOf({ 'app.json': pretty({ sheets: [nested], properties: {}, loadScript: SCRIPT }) });
    const appLines = pretty({ sheets: [nested], properties: {}, loadScript: SCRIPT }).split('\n');
    expect(reordered.sources).toMatchObject({
      app: { file: 'app.json', line: appLines.indexOf('  "properties": {},') + 1 },
      script: { file: 'app.json', line: appLines.findIndex((l) => l.startsWith('  "loadScript": ')) + 1 },
    });
  });

  it('finds the line of every value by JSON pointer in one pass, and the properties holding each qInfo.qId', () => {
    const text = '[\n {"qInfo": {"qId": "a"},\n  "q/~": [1, {"x": "y\\"z"}]},\n {"qInfo" : {"qId" : "b\\"q"}},\n\n {"qInfo": {"qId": "a"}}\n]';
    const { lines, owners } = jsonPositions(text);
    expect([...owners]).toEqual([
      ['a', '/0'],
      ['b"q', '/1'],
    ]);
    expect(lines.get('/0/qInfo/qId')).toBe(2);
    expect(lines.get('/0/q~1~0/1/x')).toBe(3);
    expect(lines.get('/1/qInfo/qId')).toBe(4);
    expect(lines.get('/2')).toBe(6);
    expect(lines.size).toBe(new Set(lines.keys()).size);
    // a top-level key's value: the line of the key in pretty JSON (how serializeapp places the app and the script)
    expect(jsonPositions('{\n  "properties": {},\n  "loadScript": "x"\n}').lines.get('/loadScript')).toBe(3);
    expect(jsonPositions('{}').lines.get('/loadScript')).toBeUndefined();
  });

  it('a saved variable the script sets is script-created; bookmarks keep the selections the folder holds, one without them is an issue on it', async () => {
    const selection = { qStateData: [{ qStateName: '$', qFieldItems: [{ qDef: { qName: 'Region' }, qValues: [{ qText: 'North' }] }] }] };
    const snapshot = await snapshotOf({
      'app-properties.json': '{}',
      'objects/sheet1.json': JSON.stringify(sheetEntry([chart('c1', 'Sum(Sales)')])),
      'variables.json': JSON.stringify([{ qInfo: { qId: 'v1', qType: 'variable' }, qName: 'vTarget', qDefinition: '1000' }]),
      'bookmarks.json': JSON.stringify([
        { qInfo: { qId: 'b1', qType: 'bookmark' }, qMetaDef: { title: 'North' }, qBookmark: selection },
        { qInfo: { qId: 'b2', qType: 'bookmark' }, qMetaDef: { title: 'Bare' } },
      ]),
      'script.qvs': SCRIPT,
    });
    expect(snapshot.variables.find((v) => v.name === 'vTarget')).toMatchObject({ id: 'v1', isScriptCreated: true });
    expect(snapshot.bookmarks.map((b) => [b.id, b.selections])).toEqual([
      ['b1', [{ stateName: '$', field: 'Region', values: ['North'] }]],
      ['b2', []],
    ]);
    expect(snapshot.collectionIssues.filter((i) => i.part === 'bookmarks')).toEqual([
      { part: 'bookmarks', objectId: 'b2', code: OFFLINE_UNAVAILABLE, message: 'the app folder does not keep the selections of this bookmark (qBookmark)' },
    ]);
  });

  it('an unknown folder or broken JSON is a clear error naming the file', async () => {
    await expect(readAppFolder(memoryFolder({ 'notes.txt': 'hello' }))).rejects.toThrow(/unknown app folder format.*notes\.txt/);
    await expect(readAppFolder(memoryFolder({ 'app-properties.json': '{"qTitle": ', 'objects/a.json': '{}' }))).rejects.toThrow(/mem\/app-properties\.json: invalid JSON/);
  });
});

describe('script variables offline', () => {
  it('a variable with a computed name makes the variable list incomplete, so rules on variables cannot run', async () => {
    expect(computedVariableNames("FOR Each t in 'A','B'\n  LET size_$(t) = 1;\nNEXT\n")).toEqual(['size_$(t)']);
    const snapshot = await snapshotOf({
      'app-properties.json': '{}',
      'objects/sheet1.json': JSON.stringify(sheetEntry([chart('c1', 'Sum(Sales) * $(size_A)')])),
      'script.qvs': "FOR Each t in 'A'\n  LET size_$(t) = 1;\nNEXT\n",
    });
    const result = analyse(snapshot);
    const q10 = result.rules.find((r) => r.rule === 'Q10');
    expect(q10?.status).toBe('could-not-run');
    expect(q10?.reason).toMatch(/computed names \(size_\$\(t\)\)/);
    expect(result.findings.filter((f) => f.rule === 'Q10')).toEqual([]);
  });
});

describe('offline analysis of real folders', () => {
  const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
  const corpus = ['consumer-sales', 'reload-analyzer', 'app-h'].filter((name) => existsSync(`${CORPUS}${name}`));
  if (corpus.length < 3) console.warn(`offline-snapshot.test.ts: corpus apps missing under ${CORPUS}; testing the demo app only`);

  it.each(corpus)('corpus %s: a valid snapshot whose engine-only rules say they could not run', async (name) => {
    const snapshot = await snapshotFromFolder(`${CORPUS}${name}`);
    expect(() => AppSnapshot.parse(snapshot)).not.toThrow();
    expect(snapshot.sheets.length).toBeGreaterThan(0);
    expect(snapshot.objects.length).toBeGreaterThan(0);
    const result = analyse(snapshot);
    for (const code of ['Q02', 'Q11', 'Q13']) {
      const run = result.rules.find((r) => r.rule === code);
      expect(run?.status, code).toBe('could-not-run');
      expect(run?.reason, code).toMatch(/without an engine/);
    }
  });

  it('the demo app folder: the planted findings of rules that can run offline, and no error that is not planted', async () => {
    const dir = fileURLToPath(new URL('../../sim/apps/demo', import.meta.url));
    const expected = (await import('../../sim/apps/demo/expected-findings.json', { with: { type: 'json' } })).default as {
      findings: { rule: string; target: { kind: string; id: string } }[];
    };
    const result = analyse(await snapshotFromFolder(dir));
    const ran = new Set(result.rules.filter((r) => r.status === 'ran').map((r) => r.rule));
    const key = (f: { rule: string; target: { id: string } }) => `${f.rule} ${f.target.id}`;
    const found = new Set(result.findings.map(key));
    // app-level findings depend on the tenant's item meta (sim.json), which a folder does not carry
    const offlineExpected = expected.findings.filter((f) => f.target.kind !== 'app' && ran.has(f.rule));
    expect(offlineExpected.length).toBeGreaterThan(5);
    expect(offlineExpected.map(key).filter((k) => !found.has(k))).toEqual([]);
    const planted = new Set(expected.findings.map(key));
    expect(result.findings.filter((f) => f.severity === 'error' && !planted.has(key(f))).map(key)).toEqual([]);
  });
});

describe('the script syntax offline', () => {
  it('S01 says the syntax was not checked and why, and reports no syntax error of its own (the demo script has one the engine finds)', async () => {
    const dir = fileURLToPath(new URL('../../sim/apps/demo', import.meta.url));
    const result = analyse(await snapshotFromFolder(dir));
    expect(result.rules.find((r) => r.rule === 'S01')).toMatchObject({
      status: 'could-not-run',
      reason: "the script's syntax was not checked: only the engine checks a script's syntax (CheckScriptSyntax), and an app folder is analysed without an engine",
    });
    expect(result.findings.filter((f) => f.rule === 'S01')).toEqual([]);
    // G04 does not say the script was not read: only its check is missing
    expect(result.findings.map((f) => f.message)).toContain(
      "The load script could not be collected in full: only the engine checks a script's syntax (CheckScriptSyntax), and an app folder is analysed without an engine (OFFLINE_UNAVAILABLE). The script was read, but the engine did not check its syntax (CheckScriptSyntax): script syntax errors (S01) are not reported.",
    );
  });
});

describe('offline with a saved data model (--tables-and-keys)', () => {
  it('the data-model rules run: the demo folder with its GetTablesAndKeys finds the planted unknown field, and no unplanted error', async () => {
    const dir = fileURLToPath(new URL('../../sim/apps/demo', import.meta.url));
    const expected = (await import('../../sim/apps/demo/expected-findings.json', { with: { type: 'json' } })).default as { findings: { rule: string; target: { id: string } }[] };
    const result = analyse(await snapshotFromFolder(dir, `${dir}/tables-and-keys.json`));
    expect(result.rules.find((r) => r.rule === 'Q02')?.status).toBe('ran');
    expect(result.findings.some((f) => f.rule === 'Q02' && f.target.id === 'zCDpvU')).toBe(true);
    const planted = new Set(expected.findings.map((f) => `${f.rule} ${f.target.id}`));
    expect(result.findings.filter((f) => f.severity === 'error' && !planted.has(`${f.rule} ${f.target.id}`)).map((f) => `${f.rule} ${f.target.id}: ${f.message}`)).toEqual([]);
  });

  it('something that is not a GetTablesAndKeys result is refused with a clear message', async () => {
    const dir = fileURLToPath(new URL('../../sim/apps/demo', import.meta.url));
    await expect(snapshotFromFolder(dir, `${dir}/sim.json`)).rejects.toThrow(/not a GetTablesAndKeys result/);
  });
});
