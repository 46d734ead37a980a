// Validates the demo app folder (test/sim/apps/demo) on its own, without the simulator's loader:
// the files parse, ids are unique, every reference resolves except the planted broken ones, the
// data model files agree, and expected-findings.json covers every rule of the catalogue with targets
// that exist. What each planted finding means is described in test/sim/apps/README.md.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openApiErrors } from '../server/openapi-validate';

const here = dirname(fileURLToPath(import.meta.url));
const demo = join(here, 'demo');
const catalogue = join(here, '../../../../shared/rules-catalogue.md');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const readJson = (path: string): Json => JSON.parse(readFileSync(join(demo, path), 'utf8')) as Json;
const readObjects = (path: string): JsonObject[] => {
  const value = readJson(path);
  if (!Array.isArray(value)) throw new Error(`${path}: expected an array`);
  return value.filter(isObject);
};
const str = (v: Json | undefined): string => (typeof v === 'string' ? v : '');
const obj = (v: Json | undefined): JsonObject => (isObject(v) ? v : {});
const arr = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
const qIdOf = (p: JsonObject) => str(obj(p.qInfo).qId);
const qTypeOf = (p: JsonObject) => str(obj(p.qInfo).qType);

const Target = z.object({
  kind: z.enum(['object', 'sheet', 'app', 'master-measure', 'master-dimension', 'master-object', 'variable', 'bookmark', 'field', 'table', 'script', 'reload']),
  id: z.string().min(1),
  name: z.string().optional(),
  sheetId: z.string().optional(),
});
const Finding = z.object({ rule: z.string().regex(/^[QPRDSG]\d\d$/), name: z.string(), target: Target, detail: z.string().min(10) });
const Expected = z.object({
  app: z.object({ id: z.string(), name: z.string(), analysedAs: z.string() }),
  findings: z.array(Finding),
  whenEnabled: z.array(Finding),
  notPlanted: z.array(z.object({ rule: z.string(), reason: z.string().min(10) })),
  cleanObjects: z.array(z.string()),
  mustNotBeUnused: z.array(z.object({ field: z.string(), how: z.string() })),
  mustNotBeFlagged: z.array(z.object({ rule: z.string(), target: z.string(), why: z.string() })),
  contracts: z.array(z.string()),
});
type ExpectedFindings = z.infer<typeof Expected>;

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [relative(demo, path)];
  });
}

/** Every generic object of the app: top-level files and their qChildren, with parent and file. */
interface StoredObject {
  id: string;
  type: string;
  props: JsonObject;
  parentId?: string;
  file: string;
  childIds: string[];
}

function flatten(entry: JsonObject, file: string, out: StoredObject[], parentId?: string): StoredObject {
  const props = isObject(entry.qProperty) ? entry.qProperty : entry;
  const stored: StoredObject = { id: qIdOf(props), type: qTypeOf(props), props, parentId, file, childIds: [] };
  out.push(stored);
  for (const child of arr(entry.qChildren)) if (isObject(child)) stored.childIds.push(flatten(child, file, out, stored.id).id);
  return stored;
}

const objectFiles = readdirSync(join(demo, 'objects')).filter((n) => n.endsWith('.json'));
const objects: StoredObject[] = [];
for (const file of objectFiles) {
  const entry = readJson(join('objects', file));
  if (isObject(entry)) flatten(entry, file, objects);
}
const byId = new Map(objects.map((o) => [o.id, o]));
const measures = readObjects('measures.json');
const dimensions = readObjects('dimensions.json');
const variables = readObjects('variables.json');
const bookmarks = readObjects('bookmarks.json');
const expected: ExpectedFindings = Expected.parse(readJson('expected-findings.json'));
const tablesAndKeys = obj(readJson('tables-and-keys.json'));
const metadata = obj(readJson('metadata.json'));
const sim = obj(readJson('sim.json'));
const script = readFileSync(join(demo, 'script.qvs'), 'utf8');

const tables = arr(tablesAndKeys.qtr).filter(isObject);
const modelFields = new Set(tables.flatMap((t) => arr(t.qFields).filter(isObject).map((f) => str(f.qName))));
const masterLabels = new Set(measures.map((m) => str(obj(m.qMeasure).qLabel)));
const findingsOn = (id: string, ...rules: string[]) => expected.findings.filter((f) => f.target.id === id && (rules.length === 0 || rules.includes(f.rule)));

/** Every string in an object's properties that Qlik evaluates as an expression, with where it is. */
function expressions(value: Json, path = ''): { path: string; text: string; label?: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => expressions(v, `${path}[${i}]`));
  if (!isObject(value)) return [];
  const out: { path: string; text: string; label?: string }[] = [];
  for (const [key, v] of Object.entries(value)) {
    const at = `${path}/${key}`;
    if ((key === 'qStringExpression' || key === 'qValueExpression') && isObject(v)) out.push({ path: at, text: str(v.qExpr) });
    else if (key === 'qDef' && typeof v === 'string' && v) out.push({ path: at, text: v, label: str(value.qLabel) || undefined });
    else if (key === 'qFieldDefs') arr(v).forEach((f, i) => str(f).startsWith('=') && out.push({ path: `${at}[${i}]`, text: str(f).slice(1) }));
    else if ((key === 'qExpression' || key === 'qContextSetExpression') && typeof v === 'string' && v) out.push({ path: at, text: v });
    else if (key === 'qv' && typeof v === 'string' && (v.startsWith('=') || at.includes('qCond'))) out.push({ path: at, text: v.replace(/^=/, '') });
    else out.push(...expressions(v, at));
  }
  return out;
}

describe('demo app folder: files', () => {
  it('parses every JSON file and writes the script with CRLF line ends like GetScript', () => {
    const files = allFiles(demo);
    expect(files.filter((f) => f.endsWith('.json')).length).toBeGreaterThan(20);
    for (const file of files.filter((f) => f.endsWith('.json'))) expect(() => readJson(file), file).not.toThrow();
    expect(script.startsWith('///$tab Binary\r\n')).toBe(true);
    expect(script.replace(/\r\n/g, '').includes('\n')).toBe(false);
  });

  it('lists in config.yml only files that exist', () => {
    const config = readFileSync(join(demo, 'config.yml'), 'utf8');
    const entries = config.split('\n').filter(Boolean).map((line) => line.split(': ')[1]);
    expect(entries).toContain('bookmarks.json');
    for (const path of entries) expect(existsSync(join(demo, path.replace('/*.json', ''))), path).toBe(true);
  });

  it('names object files the way qlik-cli unbuild does: <type>-<visualization>-<title>-<id>', () => {
    const part = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    for (const file of objectFiles) {
      const top = objects.find((o) => o.file === file && o.parentId === undefined);
      if (!top) throw new Error(`${file}: no object`);
      const name = [top.type, str(top.props.visualization), str(obj(top.props.qMetaDef).title), top.id].map(part).join('-');
      expect(file).toBe(`${name}.json`);
    }
  });
});

describe('demo app folder: objects and references', () => {
  it('has unique ids across objects, master items, variables and bookmarks', () => {
    const ids = [...objects.map((o) => o.id), ...[measures, dimensions, variables, bookmarks].flat().map(qIdOf)];
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(variables.map((v) => str(v.qName))).size).toBe(variables.length);
  });

  it('has sheet cells and sheet children that match one to one', () => {
    const sheets = objects.filter((o) => o.type === 'sheet');
    expect(sheets).toHaveLength(8);
    for (const sheet of sheets) {
      const cells = arr(sheet.props.cells).filter(isObject).map((c) => str(c.name));
      expect(cells.sort(), sheet.id).toEqual([...sheet.childIds].sort());
    }
  });

  it('resolves every qLibraryId except the planted missing master items (Q04, Q05)', () => {
    const measureIds = new Set(measures.map(qIdOf));
    const dimensionIds = new Set(dimensions.map(qIdOf));
    const dangling: { owner: string; rule: string }[] = [];
    const visit = (value: Json, owner: string, inMeasure: boolean) => {
      if (Array.isArray(value)) return value.forEach((v) => visit(v, owner, inMeasure));
      if (!isObject(value)) return;
      if (typeof value.qLibraryId === 'string' && value.qLibraryId) {
        const known = inMeasure ? measureIds.has(value.qLibraryId) : dimensionIds.has(value.qLibraryId);
        if (!known) dangling.push({ owner, rule: inMeasure ? 'Q04' : 'Q05' });
      }
      for (const [key, v] of Object.entries(value)) {
        if (key === 'qInfo' || (key === 'qAttributeExpressions' && !inMeasure)) continue;
        visit(v, owner, key === 'qMeasures' ? true : key === 'qDimensions' || key === 'qListObjectDef' ? false : inMeasure);
      }
    };
    for (const o of objects) visit(o.props, o.id, false);
    expect(dangling.length).toBeGreaterThan(0);
    for (const d of dangling) expect(findingsOn(d.owner, d.rule), `${d.owner} ${d.rule}`).toHaveLength(1);
    const planted = expected.findings.filter((f) => f.rule === 'Q04' || f.rule === 'Q05').map((f) => f.target.id);
    expect(planted.sort()).toEqual(dangling.map((d) => d.owner).sort());
  });

  it('resolves every qExtendsId to a master visualization except the planted one (Q06)', () => {
    const masters = new Set(objects.filter((o) => o.type === 'masterobject').map((o) => o.id));
    const extending = objects.filter((o) => typeof o.props.qExtendsId === 'string');
    expect(extending.length).toBeGreaterThanOrEqual(3);
    const broken = extending.filter((o) => !masters.has(str(o.props.qExtendsId))).map((o) => o.id);
    expect(broken).toEqual(expected.findings.filter((f) => f.rule === 'Q06').map((f) => f.target.id));
    const used = new Set(extending.map((o) => str(o.props.qExtendsId)));
    for (const master of masters) expect(used.has(master), `master visualization ${master} is used`).toBe(true);
  });

  it('uses only alternate states of the app, except the planted one (Q12)', () => {
    const states = new Set(arr(obj(readJson('app-properties.json')).qStateNames).map(str));
    expect(states).toEqual(new Set(['Benchmark']));
    const used: { owner: string; state: string }[] = [];
    for (const o of objects) {
      for (const def of [obj(o.props.qHyperCubeDef), obj(o.props.qListObjectDef)]) {
        if (typeof def.qStateName === 'string') used.push({ owner: o.id, state: def.qStateName });
      }
    }
    expect(used.some((u) => states.has(u.state))).toBe(true);
    const unknown = used.filter((u) => !states.has(u.state)).map((u) => u.owner);
    expect(unknown).toEqual(expected.findings.filter((f) => f.rule === 'Q12').map((f) => f.target.id));
  });

  it('references only fields and master labels that exist, except the planted unknown names', () => {
    const owners: { owner: string; text: string }[] = [];
    for (const o of objects) for (const e of expressions(o.props)) owners.push({ owner: o.id, text: e.text });
    for (const m of measures) owners.push({ owner: qIdOf(m), text: str(obj(m.qMeasure).qDef) });
    for (const v of variables) owners.push({ owner: qIdOf(v), text: str(v.qDefinition) });
    const unknown = owners.flatMap(({ owner, text }) =>
      [...text.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]).filter((n) => !modelFields.has(n) && !masterLabels.has(n)).map((name) => ({ owner, name })),
    );
    expect(unknown.map((u) => u.name).sort()).toEqual(['Bulk order revenue', 'Fiscal Year', 'Net Revenue', 'Territory']);
    for (const u of unknown) {
      const planted = findingsOn(u.owner, 'Q02', 'Q15', 'Q16');
      expect(planted, `${u.owner} [${u.name}]`).toHaveLength(1);
      expect(planted[0].detail).toContain(u.name);
    }
  });

  it('plants exactly one cache-unfriendly duplicate (P19) and one inconsistent label (Q14)', () => {
    const all = objects.flatMap((o) => expressions(o.props).map((e) => ({ ...e, owner: o.id })));
    all.push(...measures.map((m) => ({ owner: qIdOf(m), path: 'measure', text: str(obj(m.qMeasure).qDef), label: str(obj(m.qMeasure).qLabel) })));
    const normal = (s: string) => s.replace(/\s+/g, '').toLowerCase();
    const spellings = new Map<string, Set<string>>();
    for (const e of all) spellings.set(normal(e.text), (spellings.get(normal(e.text)) ?? new Set()).add(e.text));
    const variants = [...spellings.values()].filter((s) => s.size > 1);
    expect(variants.map((s) => [...s].sort())).toEqual([['Sum([Sales Amount])', 'sum( [Sales Amount] )']]);
    const odd = all.filter((e) => e.text === 'sum( [Sales Amount] )').map((e) => e.owner);
    expect(odd).toEqual(expected.findings.filter((f) => f.rule === 'P19').map((f) => f.target.id));

    const byLabel = new Map<string, Set<string>>();
    for (const e of all.filter((x) => x.label)) byLabel.set(e.label as string, (byLabel.get(e.label as string) ?? new Set()).add(normal(e.text)));
    expect([...byLabel.entries()].filter(([, defs]) => defs.size > 1).map(([label]) => label)).toEqual(['Margin %']);
  });

  it('gives every visualization a title except the planted one (D08)', () => {
    const visual = objects.filter((o) => !['sheet', 'appprops', 'LoadModel'].includes(o.type) && o.props.qExtendsId === undefined);
    const untitled = visual.filter((o) => {
      const title = o.props.title;
      return !(isObject(title) ? str(obj(title.qStringExpression).qExpr) : str(title)) && o.type !== 'masterobject';
    });
    expect(untitled.map((o) => o.id)).toEqual(expected.findings.filter((f) => f.rule === 'D08').map((f) => f.target.id));
  });
});

describe('demo app folder: data model', () => {
  const metaFields = new Map(arr(metadata.fields).filter(isObject).map((f) => [str(f.name), f]));
  const metaTables = new Map(arr(metadata.tables).filter(isObject).map((t) => [str(t.name), t]));

  it('has the same tables in GetTablesAndKeys and /data/metadata, with the same rows and loose flags', () => {
    expect([...metaTables.keys()].sort()).toEqual(tables.map((t) => str(t.qName)).sort());
    for (const t of tables) {
      const meta = metaTables.get(str(t.qName)) ?? {};
      expect(meta.no_of_rows, str(t.qName)).toBe(t.qNoOfRows);
      expect(meta.is_loose, str(t.qName)).toBe(t.qLoose === true);
      const fields = arr(t.qFields).filter(isObject);
      const keys = fields.filter((f) => f.qKeyType !== 'NOT_KEY').length;
      expect(meta.no_of_key_fields, str(t.qName)).toBe(keys);
      expect(meta.no_of_fields, str(t.qName)).toBe(fields.length - keys);
    }
  });

  it('has the same fields in both, with matching source tables and distinct counts', () => {
    const nonSystem = [...metaFields.values()].filter((f) => f.is_system !== true);
    expect(new Set(nonSystem.map((f) => str(f.name)))).toEqual(modelFields);
    for (const name of modelFields) {
      const inTables = tables.filter((t) => arr(t.qFields).some((f) => isObject(f) && f.qName === name));
      const meta = metaFields.get(name) ?? {};
      expect(arr(meta.src_tables).map(str).sort(), name).toEqual(inTables.map((t) => str(t.qName)).sort());
      const totals = inTables.map((t) => arr(t.qFields).filter(isObject).find((f) => f.qName === name)?.qnTotalDistinctValues);
      expect(new Set(totals).size, name).toBe(1);
      expect(meta.cardinal, name).toBe(totals[0]);
    }
    const bytes = [...metaFields.values(), ...metaTables.values()].reduce((sum, x) => sum + Number(x.byte_size), 0);
    expect(metadata.static_byte_size).toBe(bytes);
  });

  it('keeps density, subset ratio and key types consistent with the counts and key groups', () => {
    const keyGroups = arr(tablesAndKeys.qk).filter(isObject);
    const keyTables = new Map<string, string[]>();
    for (const k of keyGroups) for (const f of arr(k.qKeyFields)) keyTables.set(str(f), arr(k.qTables).map(str));
    for (const t of tables) {
      for (const f of arr(t.qFields).filter(isObject)) {
        const where = `${str(t.qName)}.${str(f.qName)}`;
        const rows = Number(f.qnRows);
        expect(f.qInformationDensity, where).toBeCloseTo(rows ? Number(f.qnNonNulls) / rows : 0, 10);
        expect(f.qSubsetRatio, where).toBeCloseTo(Number(f.qnPresentDistinctValues) / Number(f.qnTotalDistinctValues || 1), 10);
        const isKey = keyTables.get(str(f.qName))?.includes(str(t.qName)) ?? false;
        expect(f.qKeyType !== 'NOT_KEY', where).toBe(isKey);
      }
    }
    expect(tables.filter((t) => t.qIsSynthetic === true).map((t) => t.qName)).toEqual(['$Syn 1 Table']);
    expect(tables.filter((t) => t.qLoose === true).map((t) => t.qName)).toEqual(['SalesReps']);
  });

  it('gives the fields that look unused but are used a real place in the model', () => {
    for (const { field } of expected.mustNotBeUnused) expect(modelFields.has(field), field).toBe(true);
    const unused = expected.findings.filter((f) => f.rule === 'R01').map((f) => f.target.id);
    for (const { field } of expected.mustNotBeUnused) expect(unused).not.toContain(field);
  });
});

describe('demo app folder: reloads, evaluation and engine behaviour', () => {
  const reloads = readObjects('reloads.json');

  it('has a failed newest reload after a slow successful skip-store reload, each with metadata and log', () => {
    expect(reloads.map((r) => r.status)).toEqual(['FAILED', 'SUCCEEDED', 'SUCCEEDED']);
    const times = reloads.map((r) => Date.parse(str(r.creationTime)));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const r of reloads) {
      expect(existsSync(join(demo, 'reload-metadata', `${str(r.id)}.json`)), str(r.id)).toBe(true);
      expect(existsSync(join(demo, 'reload-logs', `${str(r.id)}.log`)), str(r.id)).toBe(true);
    }
    const ok = obj(arr(obj(readJson(`reload-metadata/${str(reloads[1].id)}.json`)).data)[0]);
    expect(ok).toMatchObject({ success: true, skipStore: true, rowLimit: -1 });
    expect(Number(ok.duration)).toBeGreaterThan(30 * 60 * 1000);
    const log = readFileSync(join(demo, 'reload-logs', `${str(reloads[1].id)}.log`), 'utf8');
    expect(log).toContain('$Syn 1 = Region Code+Budget Month');
    expect(str(obj(readJson('app-properties.json')).qLastReloadTime)).toBe(str(reloads[1].endTime));
  });

  it('stores REST answers that match the Qlik Cloud OpenAPI specs', () => {
    expect(openApiErrors('apps', 'GET', '/api/v1/apps/{appId}/data/metadata', 200, readJson('metadata.json'))).toEqual([]);
    for (const reload of reloads) {
      expect(openApiErrors('reloads', 'GET', '/api/v1/reloads/{reloadId}', 200, reload), str(reload.id)).toEqual([]);
      const meta = readJson(`reload-metadata/${str(reload.id)}.json`);
      expect(openApiErrors('apps', 'GET', '/api/v1/apps/{appId}/reloads/metadata/{reloadId}', 200, meta), str(reload.id)).toEqual([]);
    }
    for (const evaluation of readObjects('evaluations.json')) {
      expect(openApiErrors('apps', 'GET', '/api/v1/apps/evaluations/{id}', 200, evaluation)).toEqual([]);
    }
  });

  it('times and flags only objects that exist', () => {
    const behaviour = obj(readJson('engine-behaviour.json'));
    expect(Number(behaviour.openDocMs)).toBeGreaterThan(10_000);
    for (const id of Object.keys(obj(behaviour.objects))) expect(byId.has(id), id).toBe(true);
    const result = obj(obj(readObjects('evaluations.json')[0]).result);
    for (const key of ['objNoCache', 'objSlowCached', 'objSlowUncached', 'objMemoryLimit', 'objSingleThreaded']) {
      const listed = arr(result[key]).filter(isObject);
      expect(listed.length, key).toBe(1);
      for (const o of listed) expect(byId.get(str(o.id))?.parentId, key).toBe(str(o.sheetId));
    }
  });
});

describe('demo app folder: expected findings', () => {
  const scriptTabs = [...script.matchAll(/^\/\/\/\$tab (.+?)\r?$/gm)].map((m) => m[1]);
  const exists: Record<string, (id: string) => boolean> = {
    object: (id) => byId.has(id),
    sheet: (id) => byId.get(id)?.type === 'sheet',
    'master-object': (id) => byId.get(id)?.type === 'masterobject',
    'master-measure': (id) => measures.some((m) => qIdOf(m) === id),
    'master-dimension': (id) => dimensions.some((d) => qIdOf(d) === id),
    variable: (name) => variables.some((v) => v.qName === name),
    bookmark: (id) => bookmarks.some((b) => qIdOf(b) === id),
    field: (id) => modelFields.has(id),
    table: (id) => tables.some((t) => t.qName === id),
    app: (id) => id === sim.id,
    reload: (id) => readObjects('reloads.json').some((r) => r.id === id),
    script: (id) => id === 'script',
  };

  it('points every finding at something that exists in the folder', () => {
    for (const f of [...expected.findings, ...expected.whenEnabled]) {
      expect(exists[f.target.kind](f.target.id), `${f.rule} ${f.target.kind} ${f.target.id}`).toBe(true);
      if (f.target.kind === 'object') expect(byId.get(f.target.id)?.file, f.rule).toBe(objects.find((o) => o.id === f.target.sheetId)?.file);
      if (f.target.kind === 'script') expect(scriptTabs, f.rule).toContain(f.target.name);
    }
    expect(expected.app.id).toBe(sim.id);
  });

  it('keeps clean objects clean and existing', () => {
    const targets = new Set(expected.findings.map((f) => f.target.id));
    expect(expected.cleanObjects.length).toBeGreaterThan(expected.findings.filter((f) => f.target.kind === 'object').length);
    for (const id of expected.cleanObjects) {
      expect(byId.has(id), id).toBe(true);
      expect(targets.has(id), id).toBe(false);
    }
  });

  it('plants the app-level design findings in the app metadata', () => {
    expect(sim).toMatchObject({ published: true, description: '' });
    expect(sim.thumbnail).toBeUndefined();
    expect(obj(readJson('app-properties.json')).qThumbnail).toEqual({});
    const privateSheets = Object.entries(obj(sim.sheets)).filter(([, meta]) => obj(meta).published === false).map(([id]) => id);
    expect(privateSheets).toEqual(expected.findings.filter((f) => f.rule === 'D12').map((f) => f.target.id));
  });

  const rulesText = existsSync(catalogue) ? readFileSync(catalogue, 'utf8') : undefined;
  it.skipIf(rulesText === undefined)(`covers every rule of ../shared/rules-catalogue.md${rulesText === undefined ? ' (SKIPPED: catalogue not found at ' + catalogue + ')' : ''}`, () => {
    const rules = new Map([...(rulesText ?? '').matchAll(/^\|\s*([QPRDSG]\d\d)\s*\|\s*([a-z0-9-]+)\s*\|/gm)].map((m) => [m[1], m[2]]));
    expect(rules.size).toBeGreaterThan(60);
    const covered = new Set([...expected.findings, ...expected.whenEnabled, ...expected.notPlanted].map((f) => f.rule));
    expect([...rules.keys()].filter((code) => !covered.has(code))).toEqual([]);
    for (const f of [...expected.findings, ...expected.whenEnabled]) expect(f.name, f.rule).toBe(rules.get(f.rule));
    for (const n of expected.notPlanted) expect(expected.findings.some((f) => f.rule === n.rule), n.rule).toBe(false);
  });
});
