import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appModelOf, loadAppFolder, loadAppsDir, resetAppModel } from './load-app';

const corpus = resolve(__dirname, '../../../../shared/corpus');
const hasCorpus = existsSync(corpus);
if (!hasCorpus) console.warn(`[skip] ${corpus} is absent: corpus loading tests skipped`);

const tempDirs: string[] = [];
afterAll(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempApp(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sim-app-'));
  tempDirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

describe.runIf(hasCorpus)('loading the corpus apps', () => {
  it('loads every corpus app', async () => {
    const apps = await loadAppsDir(corpus);
    expect(apps.map((a) => a.name).sort()).toEqual(['App H', 'Consumer+Sales', 'Reload Analyzer']);
  });

  it('reads the Consumer Sales unbuild folder with its data model', async () => {
    const app = await loadAppFolder(join(corpus, 'consumer-sales'));
    const model = appModelOf(app);
    expect(model.format).toBe('unbuild');
    expect([...model.objects.values()].filter((o) => o.type === 'sheet')).toHaveLength(8);
    expect([...model.objects.values()].filter((o) => o.type === 'masterobject')).toHaveLength(5);
    expect(model.measures.size).toBe(39);
    expect(model.dimensions.size).toBe(25);
    // a chart inside a sheet keeps its parent link (the real qId, not the lower-cased file name)
    expect(model.objects.get('PyQXKt')?.parentId).toBe('jDSPJ');
    expect(model.dataModel.tables).toHaveLength(21);
    expect(app.notes).toEqual([]);
    const metadata = app.dataMetadata as { tables: { name: string; no_of_rows: number; no_of_fields: number; no_of_key_fields: number }[]; fields: { name: string; is_system: boolean }[] };
    const fact = metadata.tables.find((t) => t.name === 'FactTable');
    expect(fact?.no_of_rows).toBe(73417);
    expect((fact?.no_of_fields ?? 0) + (fact?.no_of_key_fields ?? 0)).toBe(model.dataModel.tableByName.get('FactTable')?.fieldNames.length);
    expect(metadata.fields.some((f) => f.name === '$Field' && f.is_system)).toBe(true);
    expect(app.reloads).toHaveLength(1);
    const reloadId = (app.reloads[0] as { id: string }).id;
    expect(app.reloadLogs[reloadId]).toContain('Execution finished.');
    // a full reload: no row limit (qRowLimit < 0), as in recorded metadata, so S03 sees no debug reload
    expect(app.reloadMetadata[reloadId]).toMatchObject({ data: [{ reloadId, success: true, rowLimit: -1, skipStore: false }] });
  });

  it('reads the Gitoqlik split files of App H and builds the model from fields.json', async () => {
    const app = await loadAppFolder(join(corpus, 'app-h'));
    const model = appModelOf(app);
    expect(model.format).toBe('gitoqlik');
    expect(model.objects.get('RCmaqq')?.parentId).toBe('f80abe69-3654-4e46-9fbf-00a7255f4fd1');
    expect(model.dataModel.source).toBe('fields.json');
    expect(model.dataModel.fieldByName.has('Expression1')).toBe(true);
    expect(app.notes.join(' ')).toMatch(/fields\.json/);
  });

  it('says when there is no data model', async () => {
    const app = await loadAppFolder(join(corpus, 'reload-analyzer'));
    expect(app.notes.join(' ')).toMatch(/no data model file/);
    expect(appModelOf(app).variables.size).toBe(44);
  });
});

describe('bad app folders', () => {
  it('names the file and the position of bad JSON', async () => {
    const dir = await tempApp({ 'app-properties.json': '{"qTitle": "x",\n  oops}', 'objects/.keep': '' });
    await expect(loadAppFolder(dir)).rejects.toThrow(/app-properties\.json: invalid JSON at line 2, column 3/);
  });

  it('names an unknown format', async () => {
    const dir = await tempApp({ 'readme.txt': 'hello' });
    await expect(loadAppFolder(dir)).rejects.toThrow(/unknown app folder format/);
  });

  it('names a missing required file', async () => {
    const dir = await tempApp({ 'config.yml': 'script: script.qvs\n' });
    await expect(loadAppFolder(dir)).rejects.toThrow(/app-properties\.json: file not found/);
  });

  it('rejects a tables-and-keys.json of the wrong shape', async () => {
    const dir = await tempApp({ 'app-properties.json': '{}', 'objects/.keep': '', 'tables-and-keys.json': '{"tables": []}' });
    await expect(loadAppFolder(dir)).rejects.toThrow(/tables-and-keys\.json: expected a GetTablesAndKeys result/);
  });

  it('loads a serializeapp single JSON with sim.json overrides and an empty model note', async () => {
    const dir = await tempApp({
      'app.json': JSON.stringify({ properties: { qTitle: 'S' }, loadScript: 'LOAD 1 AS a AUTOGENERATE 1;', sheets: [{ qProperty: { qInfo: { qId: 's1', qType: 'sheet' } }, qChildren: [{ qProperty: { qInfo: { qId: 'c1', qType: 'table' } }, qChildren: [] }] }], measures: [], dimensions: [], variables: [] }),
      'sim.json': JSON.stringify({ id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', name: 'Serialized' }),
    });
    const app = await loadAppFolder(dir);
    expect(app.id).toBe('aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee');
    expect(app.name).toBe('Serialized');
    expect(appModelOf(app).objects.get('c1')?.parentId).toBe('s1');
    expect(app.notes.join(' ')).toMatch(/empty data model/);
  });

  it('reads extra files from an overlay folder first, leaving the app folder as it is', async () => {
    const model = (field: string) => JSON.stringify({ qtr: [{ qName: 'T', qNoOfRows: 1, qFields: [{ qName: field }] }], qk: [] });
    const apps = await tempApp({ 'one/app-properties.json': '{"qTitle": "One"}', 'one/objects/.keep': '', 'one/tables-and-keys.json': model('Old'), 'two/app-properties.json': '{"qTitle": "Two"}', 'two/objects/.keep': '' });
    const overlays = await tempApp({ 'one/tables-and-keys.json': model('New'), 'one/sim.json': '{"name": "One (overlaid)"}' });
    const [one, two] = await loadAppsDir(apps, { overlays });
    expect(one.name).toBe('One (overlaid)');
    expect([...appModelOf(one).dataModel.fieldByName.keys()]).toContain('New');
    expect([...appModelOf(one).dataModel.fieldByName.keys()]).not.toContain('Old');
    expect(one.notes.join(' ')).toMatch(/extra files from .* take precedence/);
    // an app without an overlay sub-folder loads as before
    expect(two.name).toBe('Two');
    expect(two.notes.join(' ')).toMatch(/empty data model/);
  });

  it('resets the in-memory model to the loaded state', async () => {
    const dir = await tempApp({ 'app-properties.json': '{"qTitle": "R"}', 'objects/sheet-a.json': JSON.stringify({ qProperty: { qInfo: { qId: 'a', qType: 'sheet' }, qMetaDef: { title: 'A' } }, qChildren: [] }) });
    const app = await loadAppFolder(dir);
    const model = appModelOf(app);
    model.objects.get('a')!.properties.qMetaDef = { title: 'changed' };
    model.objects.delete('a');
    model.script = 'changed';
    resetAppModel(app);
    expect(appModelOf(app)).toBe(model);
    expect(model.objects.get('a')?.properties.qMetaDef).toEqual({ title: 'A' });
    expect(model.script).toBe('');
  });
});
