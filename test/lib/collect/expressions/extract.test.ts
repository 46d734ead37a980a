import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFromProperties, stripBrackets, toPointer } from '../../../../lib/collect/expressions/extract.ts';

const owner = { objectId: 'obj1', objectType: 'barchart', owner: 'object' as const, sheetId: 'sheet1' };

const barchart = {
  qInfo: { qId: 'obj1', qType: 'barchart' },
  qMetaDef: { title: '=not an expression (meta)' },
  title: { qStringExpression: { qExpr: "='Sales ' & Year" } },
  subtitle: '=Only(Region)',
  footnote: 'plain text',
  qHyperCubeDef: {
    qDimensions: [
      { qDef: { qFieldDefs: ['Region Name'], qFieldLabels: ['=literal label'], qSortCriterias: [{ qExpression: { qv: 'Sum(Sales)' } }] }, qOtherTotalSpec: { qOtherMode: 'OTHER_OFF', qOtherCounted: { qv: '10' } } },
      { qDef: { qFieldDefs: ['=If(A>1, B, C)'] }, qLibraryId: 'dimLib' },
      { qDef: { qFieldDefs: ['Year'] }, qOtherTotalSpec: { qOtherMode: 'OTHER_COUNTED', qOtherCounted: { qv: '5' } }, qOtherLabel: { qv: 'Others' }, qTotalLabel: { qv: "='Total ' & Year" } },
    ],
    qMeasures: [
      { qDef: { qDef: 'Sum(Sales)', qLabel: 'Sales', qLabelExpression: "='Sales ' & Year" }, qAttributeExpressions: [{ qExpression: 'RGB(1,2,3)', id: 'colorByExpression' }, { qExpression: 'Count(x)', id: 'customTooltipExpression' }] },
      { qLibraryId: 'measLib', qDef: {} },
    ],
    qCalcCondition: { qCond: { qv: 'Count(Region)>1' }, qMsg: { qv: 'Select a region' } },
    qCalcCond: { qv: '' },
  },
  qLayoutExclude: { qHyperCubeDef: { qMeasures: [{ qDef: { qDef: 'Sum(Hidden)' } }] } },
  color: { byMeasureDef: { expression: '=Avg(Margin)' } },
  refLine: { refLines: [{ refLineExpr: { value: { qValueExpression: { qExpr: 'Avg(Target)' } } } }] },
  filters: [{ field: '[Country]', values: ['DK'] }],
  qExtendsId: 'masterViz',
};

describe('extractFromProperties', () => {
  const out = extractFromProperties(barchart, owner);
  const byPath = new Map(out.expressions.map((e) => [e.location.path, e]));

  it('finds expressions in every expression slot with the right kind', () => {
    const expectations: [string, string, string][] = [
      ['/title/qStringExpression/qExpr', 'title', "='Sales ' & Year"],
      ['/subtitle', 'subtitle', '=Only(Region)'],
      ['/qHyperCubeDef/qDimensions/0/qDef/qFieldDefs/0', 'dimension', 'Region Name'],
      ['/qHyperCubeDef/qDimensions/0/qDef/qSortCriterias/0/qExpression/qv', 'sort', 'Sum(Sales)'],
      ['/qHyperCubeDef/qDimensions/1/qDef/qFieldDefs/0', 'dimension', '=If(A>1, B, C)'],
      ['/qHyperCubeDef/qDimensions/2/qDef/qFieldDefs/0', 'dimension', 'Year'],
      ['/qHyperCubeDef/qDimensions/2/qOtherTotalSpec/qOtherCounted/qv', 'limit', '5'],
      ['/qHyperCubeDef/qDimensions/2/qTotalLabel/qv', 'label', "='Total ' & Year"],
      ['/qHyperCubeDef/qMeasures/0/qDef/qDef', 'measure', 'Sum(Sales)'],
      ['/qHyperCubeDef/qMeasures/0/qDef/qLabelExpression', 'label', "='Sales ' & Year"],
      ['/qHyperCubeDef/qMeasures/0/qAttributeExpressions/0/qExpression', 'colour', 'RGB(1,2,3)'],
      ['/qHyperCubeDef/qMeasures/0/qAttributeExpressions/1/qExpression', 'tooltip', 'Count(x)'],
      ['/qHyperCubeDef/qCalcCondition/qCond/qv', 'calculation-condition', 'Count(Region)>1'],
      ['/color/byMeasureDef/expression', 'colour', '=Avg(Margin)'],
      ['/refLine/refLines/0/refLineExpr/value/qValueExpression/qExpr', 'reference-line', 'Avg(Target)'],
    ];
    for (const [path, kind, text] of expectations) {
      expect(byPath.get(path), path).toMatchObject({ text, location: { kind, path, objectId: 'obj1', objectType: 'barchart', sheetId: 'sheet1', owner: 'object' } });
    }
    expect(out.expressions).toHaveLength(expectations.length);
  });

  it('marks bare field names as field syntax and =expressions as expression syntax', () => {
    expect(byPath.get('/qHyperCubeDef/qDimensions/0/qDef/qFieldDefs/0')?.syntax).toBe('field');
    expect(byPath.get('/qHyperCubeDef/qDimensions/1/qDef/qFieldDefs/0')?.syntax).toBe('expression');
  });

  it('skips literals, meta, empty values, not-evaluated subtrees and others-off limits', () => {
    const texts = out.expressions.map((e) => e.text);
    expect(texts).not.toContain('Sum(Hidden)'); // qLayoutExclude
    expect(texts).not.toContain('10'); // others off
    expect(texts).not.toContain('Others'); // literal StringExpr
    expect(texts).not.toContain('Select a region'); // literal message
    expect(texts).not.toContain('=literal label'); // qFieldLabels are literal
    expect(texts).not.toContain('=not an expression (meta)');
    expect(texts).not.toContain('plain text');
  });

  it('records master-item links and chart filter fields', () => {
    expect(out.libraryReferences).toEqual([
      { kind: 'dimension', targetId: 'dimLib', objectId: 'obj1', objectType: 'barchart', sheetId: 'sheet1', path: '/qHyperCubeDef/qDimensions/1/qLibraryId' },
      { kind: 'measure', targetId: 'measLib', objectId: 'obj1', objectType: 'barchart', sheetId: 'sheet1', path: '/qHyperCubeDef/qMeasures/1/qLibraryId' },
      { kind: 'visualization', targetId: 'masterViz', objectId: 'obj1', objectType: 'barchart', sheetId: 'sheet1', path: '/qExtendsId' },
    ]);
    expect(out.fieldReferences).toEqual([{ field: 'Country', kind: 'chart-filter', objectId: 'obj1', objectType: 'barchart', sheetId: 'sheet1', path: '/filters/0/field' }]);
  });

  it('gives each expression a unique id from object and path', () => {
    const ids = out.expressions.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toMatch(/^obj1:\//);
  });

  it('keeps hostile strings as they are and survives odd shapes', () => {
    const hostile = '=Sum(x)</script><img src=x onerror=alert(1)>';
    const odd = extractFromProperties({ a: null, b: [1, true, { c: hostile }], qHyperCubeDef: 'not an object' }, owner);
    expect(odd.expressions.map((e) => e.text)).toEqual([hostile]);
    expect(extractFromProperties(null, owner).expressions).toEqual([]);
    expect(extractFromProperties('=x', owner).expressions).toHaveLength(1);
  });

  it('lists box fields from list objects', () => {
    const lb = extractFromProperties({ qListObjectDef: { qDef: { qFieldDefs: ['[Sales Rep]'] } } }, { ...owner, objectType: 'listbox' });
    expect(lb.fieldReferences).toMatchObject([{ field: 'Sales Rep', kind: 'listbox' }]);
    expect(lb.expressions).toMatchObject([{ syntax: 'field', location: { kind: 'dimension' } }]);
  });
});

describe('helpers', () => {
  it('escapes JSON pointer segments', () => {
    expect(toPointer(['a/b', 'c~d', '0'])).toBe('/a~1b/c~0d/0');
    expect(toPointer([])).toBe('');
  });
  it('strips brackets', () => {
    expect(stripBrackets('[A ]]B]')).toBe('A ]B');
    expect(stripBrackets(' Plain ')).toBe('Plain');
  });
});

const corpus = '../shared/corpus/reload-analyzer/objects';
describe.skipIf(!existsSync(corpus))('real Reload Analyzer trees (../shared/corpus)', () => {
  if (!existsSync(corpus)) console.warn(`skipped: ${corpus} not found`);
  it('finds every measure definition of every object, the same as an independent walk', () => {
    const isMeasureDef = (path: string[]) => path.length >= 4 && path.at(-1) === 'qDef' && path.at(-2) === 'qDef' && path.at(-4) === 'qMeasures';
    const count = (value: unknown, path: string[]): number => {
      if (path.includes('qLayoutExclude') || path.includes('qUndoExclude')) return 0;
      if (typeof value === 'string') return value.trim() && isMeasureDef(path) ? 1 : 0;
      if (!value || typeof value !== 'object') return 0;
      return Object.entries(value).reduce((n, [k, v]) => n + count(v, [...path, k]), 0);
    };
    let expected = 0;
    let found = 0;
    type Entry = { qProperty: Record<string, unknown>; qChildren?: Entry[] };
    const visit = (entry: Entry): void => {
      expected += count(entry.qProperty, []);
      const id = (entry.qProperty.qInfo as { qId: string }).qId;
      found += extractFromProperties(entry.qProperty, { objectId: id, objectType: 'x', owner: 'object' }).expressions.filter(
        (e) => e.location.kind === 'measure' && /\/qMeasures\/\d+\/qDef\/qDef$/.test(e.location.path),
      ).length;
      (entry.qChildren ?? []).forEach(visit);
    };
    for (const file of readdirSync(corpus).filter((f) => f.startsWith('sheet') || f.startsWith('masterobject'))) {
      const json = JSON.parse(readFileSync(`${corpus}/${file}`, 'utf8')) as Entry | Record<string, unknown>;
      // master visualizations without children are stored as bare properties
      visit('qProperty' in json ? (json as Entry) : { qProperty: json });
    }
    expect(expected).toBeGreaterThan(50);
    expect(found).toBe(expected);
  });
});
