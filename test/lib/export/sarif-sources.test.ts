// An app folder analysis in SARIF (and Markdown, CSV): every result points at the folder's real file,
// relative to %SRCROOT% (the repository root), at the line of the property it names (its path) or
// of its item (the item's qInfo.qId) or, for the script, the script's own line. The three folder kinds as small fixtures
// (test/fixtures/app-folders: one app, written as a qlik-cli unbuild, Gitoqlik files and one
// serializeapp JSON), then the real apps of ../shared/corpus when present.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { snapshotFromFolder } from '../../../lib/cli/folder';
import { renderCsv } from '../../../lib/export/csv';
import { renderMarkdown } from '../../../lib/export/markdown';
import { SRCROOT, toSarif } from '../../../lib/export/sarif';
import { analyse } from '../../../lib/rules/analyse';
import type { AppSnapshot } from '../../../lib/snapshot/schema';
import { sarifValidator } from './sarif-validator';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = 'test/fixtures/app-folders';
const validate = sarifValidator();

async function analysed(folder: string) {
  const snapshot = await snapshotFromFolder(folder);
  const result = analyse(snapshot);
  const input = { result, generator: { name: 'qlarity', version: '0.1.0' }, ...(snapshot.sources ? { sources: snapshot.sources } : {}) };
  return { snapshot, result, input, log: toSarif(input) };
}

const lineOf = (file: string, line: number) => readFileSync(file, 'utf8').split('\n')[line - 1] ?? '';

type Target = { kind: string; id: string };

/** The saved item a finding is about: its qId in the folder and its properties (variables are found by name). */
function itemOf(snapshot: AppSnapshot, target: Target): { qId: string; properties: unknown } | undefined {
  if (target.kind === 'variable') {
    const raw = snapshot.variables.find((v) => v.name === target.id && !v.isScriptCreated)?.raw;
    const qId = (raw?.qInfo as { qId?: string } | undefined)?.qId;
    return qId ? { qId, properties: raw } : undefined;
  }
  const all = [...snapshot.sheets, ...snapshot.objects, ...snapshot.masterMeasures, ...snapshot.masterDimensions, ...snapshot.masterVisualizations, ...snapshot.bookmarks];
  const found = ['sheet', 'object', 'master-object', 'master-measure', 'master-dimension', 'bookmark'].includes(target.kind) ? all.find((x) => x.id === target.id) : undefined;
  return found ? { qId: found.id, properties: found.properties } : undefined;
}

const valueAt = (value: unknown, pointer: string): unknown =>
  pointer.split('/').slice(1).reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], value);

/** The scalar a pretty-printed JSON line holds (`"key": value,` or `value,`). */
function scalarOnLine(line: string): unknown {
  const value = /^\s*(?:"(?:[^"\\]|\\.)*"\s*:\s*)?(.*?),?\s*$/.exec(line)?.[1] ?? '';
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** Every result names a file that exists (under `base`); an item's result sits on the line of the property it names, or of its qId. */
function expectRealPlaces(log: Sarif.Log, snapshot: AppSnapshot, base: string) {
  const results = log.runs[0]?.results ?? [];
  expect(results.length).toBeGreaterThan(0);
  let onProperty = 0;
  for (const r of results) {
    const physical = r.locations?.[0]?.physicalLocation;
    expect(physical?.artifactLocation?.uriBaseId).toBe(SRCROOT);
    const file = `${base}${decodeURIComponent(physical?.artifactLocation?.uri ?? '')}`;
    expect(existsSync(file), file).toBe(true);
    const { target, path } = r.properties as { target: Target; path?: string };
    const item = itemOf(snapshot, target);
    if (!item) continue;
    const line = lineOf(file, physical?.region?.startLine ?? 0);
    const value = path === undefined ? undefined : valueAt(item.properties, path);
    const holdsValue = typeof value === 'string' && value !== '' && scalarOnLine(line) === value;
    if (holdsValue) onProperty++;
    expect(holdsValue || line.includes(`"qId": ${JSON.stringify(item.qId)}`), `${r.ruleId} ${item.qId} ${path ?? ''}: ${line}`).toBe(true);
  }
  return onProperty;
}

describe.each([
  { kind: 'unbuild', app: 'app-properties.json', script: 'script.qvs', object: 'objects/sheet--overview-sheet1.json', measures: 'measures.json', variables: 'variables.json' },
  { kind: 'gitoqlik', app: 'properties.json', script: 'script.qvs', object: 'sheets.json', measures: 'measures.json', variables: 'variables.json' },
  { kind: 'serializeapp', app: 'fixture-app.json', script: 'fixture-app.json', object: 'fixture-app.json', measures: 'fixture-app.json', variables: 'fixture-app.json' },
])('SARIF of a $kind folder', ({ kind, app, script, object, measures, variables }) => {
  const folder = `${FIXTURES}/${kind}`;
  const at = (file: string) => `${folder}/${file}`;
  const place = (log: Sarif.Log, rule: string, targetId: string) => {
    const r = log.runs[0]?.results?.find((x) => x.ruleId === rule && (x.properties as { target: { id: string } }).target.id === targetId);
    const physical = r?.locations?.[0]?.physicalLocation;
    return { uri: physical?.artifactLocation?.uri, line: physical?.region?.startLine };
  };

  it('is valid against the OASIS schema and points every result at a real file, relative to the repository root', async () => {
    const { log, snapshot } = await analysed(`${ROOT}${folder}`);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(snapshot.sources).toMatchObject({ format: kind, folder });
    expect(log.runs[0]?.originalUriBaseIds?.[SRCROOT]).toBeDefined();
    expect(expectRealPlaces(log, snapshot, ROOT)).toBeGreaterThan(0);
    expect(log.runs[0]?.artifacts?.map((a) => a.location?.uri)).not.toContain(expect.stringMatching(/^qlik-app\//));
  });

  it('puts each finding at its item: the object, the master measure, the variables, the app properties', async () => {
    const { log } = await analysed(`${ROOT}${folder}`);
    const p09 = place(log, 'P09', 'chart1');
    expect(p09.uri).toBe(at(object));
    // at the measure the finding names, not only the chart
    expect(lineOf(`${ROOT}${at(object)}`, p09.line ?? 0)).toContain('"qDef": "Sum(If(Year = 2024, Sales))"');
    expect(place(log, 'D02', 'sheet1').uri).toBe(at(object));
    expect(place(log, 'D04', 'measure1').uri).toBe(at(measures));
    expect(place(log, 'D06', 'vUnused').uri).toBe(at(variables));
    expect(place(log, 'D03', kind).uri).toBe(at(app));
    // a serializeapp file holds everything: each item at its own line, the app at its "properties" key
    const appLine = place(log, 'D03', kind).line ?? 0;
    expect(lineOf(`${ROOT}${at(app)}`, appLine)).toMatch(kind === 'serializeapp' ? /"properties":/ : /./);
  });

  it("puts a script finding at the script's line: the same line in a script file, the loadScript key in a serializeapp JSON", async () => {
    const { log } = await analysed(`${ROOT}${folder}`);
    const literal = place(log, 'S07', 'script');
    const fromScript = place(log, 'D06', 'vFromScript');
    expect(literal.uri).toBe(at(script));
    expect(fromScript.uri).toBe(at(script));
    if (kind === 'serializeapp') {
      expect(lineOf(`${ROOT}${at(script)}`, literal.line ?? 0)).toMatch(/"loadScript":/);
      expect(fromScript.line).toBe(literal.line);
    } else {
      expect(literal.line).toBe(5);
      expect(lineOf(`${ROOT}${at(script)}`, 5)).toContain('C:\\Data\\sales.qvd');
      expect(lineOf(`${ROOT}${at(script)}`, fromScript.line ?? 0)).toBe('SET vFromScript = 1;');
    }
  });

  it('shows the file and line in Markdown and CSV too', async () => {
    const { input } = await analysed(`${ROOT}${folder}`);
    const { log } = await analysed(`${ROOT}${folder}`);
    const p09 = place(log, 'P09', 'chart1');
    expect(renderMarkdown(input)).toContain(`${p09.uri}:${p09.line}`.replace(/_/g, '\\_'));
    const csv = renderCsv(input).split('\r\n');
    expect(csv[0]).toMatch(/,source_file,source_line$/);
    expect(csv.find((row) => row.includes('P09'))).toMatch(new RegExp(`,${p09.uri},${p09.line}$`));
  });
});

describe('SARIF of a serializeapp JSON named as the file itself', () => {
  it('names the file from the repository root like its folder would', async () => {
    const { log, snapshot } = await analysed(`${ROOT}${FIXTURES}/serializeapp/fixture-app.json`);
    expect(validate(log)).toBe(true);
    expect(snapshot.sources).toMatchObject({ format: 'serializeapp', folder: `${FIXTURES}/serializeapp`, app: { file: 'fixture-app.json', line: 2 } });
    expect(expectRealPlaces(log, snapshot, ROOT)).toBeGreaterThan(0);
  });
});

describe('SARIF of an engine analysis (no sources)', () => {
  it('keeps the stand-in artifact qlik-app/<id>, with no base URI', async () => {
    const { result } = await analysed(`${ROOT}${FIXTURES}/unbuild`);
    const log = toSarif({ result });
    expect(validate(log)).toBe(true);
    expect(log.runs[0]?.originalUriBaseIds).toBeUndefined();
    expect(log.runs[0]?.artifacts?.map((a) => a.location?.uri)).toEqual(['qlik-app/unbuild']);
    for (const r of log.runs[0]?.results ?? []) expect(r.locations?.[0]?.physicalLocation?.artifactLocation).toEqual({ uri: 'qlik-app/unbuild' });
    expect(renderCsv({ result }).split('\r\n')[0]).not.toContain('source_file');
  });
});

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const corpus = ['consumer-sales', 'reload-analyzer', 'app-h'].filter((name) => existsSync(`${CORPUS}${name}`));
if (corpus.length < 3) console.warn(`[skip] sarif-sources.test.ts: corpus apps missing under ${CORPUS}; SARIF places checked on the fixtures only`);

describe.skipIf(corpus.length === 0)('SARIF of the corpus apps (../shared/corpus, read in place)', () => {
  it.each(corpus)('%s: valid, every result at a file of the app folder, every item at the line of its qId', async (name) => {
    const { log, snapshot } = await analysed(`${CORPUS}${name}`);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // outside a repository and the working directory: paths relative to the app folder itself
    expect(snapshot.sources?.folder).toBe('');
    expectRealPlaces(log, snapshot, `${CORPUS}${name}/`);
  });
});
