import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFromProperties, stripBrackets, toPointer } from '../../../../lib/collect/expressions/extract';

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
  it('locates expressions by escaped JSON pointers, the same pointer for the same path in every object', () => {
    const properties = { 'a/b': { 'c~d': ['=Sum(X)'] } };
    const first = extractFromProperties(properties, owner).expressions[0];
    const second = extractFromProperties(properties, { ...owner, objectId: 'other' }).expressions[0];
    expect(first?.location.path).toBe('/a~1b/c~0d/0');
    expect(second?.location.path).toBe(first?.location.path);
    expect(second?.id).toBe('other:/a~1b/c~0d/0');
  });
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

// docs/property-shapes.md: what Qlik writes itself and is not a live expression or link
describe('property shapes Qlik writes itself', () => {
  const textsOf = (properties: unknown) => {
    const out = extractFromProperties(properties, owner);
    return { expressions: out.expressions.map((e) => e.text), mentions: out.mentions.map((m) => `${m.reason} ${m.location.path} ${m.text}`), links: out.libraryReferences.map((r) => r.targetId) };
  };

  it('reads a container child list definition as a template, not a link (engine-rpc ChildListDef.qData: paths to retrieve)', () => {
    const container = { qInfo: { qId: 'c1', qType: 'sn-layout-container' }, qChildListDef: { qData: { visualization: '/visualization', qExtendsId: '/qExtendsId', title: '/title', childRefId: '/childRefId' } }, qExtendsId: '' };
    expect(textsOf(container)).toEqual({ expressions: [], mentions: [], links: [] });
    const listbox = { qInfo: { qId: 'l1', qType: 'filterpane' }, qChildListDef: { qData: { info: '/qInfo' } }, qAppObjectListDef: { qData: { title: '=/title' } } };
    expect(textsOf(listbox)).toEqual({ expressions: [], mentions: [], links: [] });
  });

  it('links an attribute expression to a master measure and an attribute dimension to a master dimension (engine-rpc NxAttrExprDef, NxAttrDimDef)', () => {
    const chart = {
      qHyperCubeDef: {
        qDimensions: [{ qLibraryId: 'dim-1', qAttributeExpressions: [{ qLibraryId: 'colour-measure' }] }],
        qMeasures: [{ qLibraryId: 'measure-1', qAttributeDimensions: [{ qLibraryId: 'colour-dim' }] }],
      },
      qListObjectDef: { qLibraryId: 'listbox-dim' },
    };
    const kinds = extractFromProperties(chart, owner).libraryReferences.map((r) => `${r.kind} ${r.targetId}`);
    expect(kinds).toEqual(['dimension dim-1', 'measure colour-measure', 'measure measure-1', 'dimension colour-dim', 'dimension listbox-dim']);
  });

  it('keeps a real qExtendsId of a container child as a link', () => {
    expect(textsOf({ qInfo: { qId: 'x', qType: 'barchart' }, qExtendsId: 'mv-1' }).links).toEqual(['mv-1']);
  });

  it('reads colour settings of the inactive colour modes as mentions, the selected one as an expression', () => {
    const byDimension = { color: { auto: false, mode: 'byDimension', colorExpression: '=Sum(A)', byMeasureDef: { key: 'Sum(B)', type: 'expression' }, byDimDef: { key: 'Region', type: 'expression' } } };
    expect(textsOf(byDimension)).toEqual({
      expressions: [],
      mentions: ['inactive-colour /color/colorExpression =Sum(A)', 'inactive-colour /color/byMeasureDef/key Sum(B)'],
      links: [],
    });
    const byExpression = { color: { auto: false, mode: 'byExpression', colorExpression: '=RGB(1,2,3)', byMeasureDef: { key: 'Sum(B)' } } };
    expect(textsOf(byExpression)).toMatchObject({ expressions: ['=RGB(1,2,3)'], mentions: ['inactive-colour /color/byMeasureDef/key Sum(B)'] });
    const automatic = { color: { auto: true, mode: 'byExpression', colorExpression: '=RGB(1,2,3)' } };
    expect(textsOf(automatic)).toMatchObject({ expressions: [], mentions: ['inactive-colour /color/colorExpression =RGB(1,2,3)'] });
  });

  it('reads a style colour expression that is switched off (useColorExpression: false) as a mention', () => {
    const style = (use: boolean) => ({ style: { font: { useColorExpression: use, color: { index: 1 }, colorExpression: { qStringExpression: { qExpr: "If(InObject('a'), RGB(1,1,1))" } } } } });
    expect(textsOf(style(true)).expressions).toEqual(["If(InObject('a'), RGB(1,1,1))"]);
    expect(textsOf(style(false))).toEqual({ expressions: [], mentions: ["inactive-colour /style/font/colorExpression/qStringExpression/qExpr If(InObject('a'), RGB(1,1,1))"], links: [] });
  });

  it('reads the segment limits of a KPI whose conditional colouring is off as mentions (KpiConditionalColoring.useConditionalColoring)', () => {
    const kpi = (use: boolean) => ({ qHyperCubeDef: { qMeasures: [{ qDef: { qDef: 'Sum(A)', conditionalColoring: { useConditionalColoring: use, segments: { limits: [{ value: { qValueExpression: { qExpr: 'Avg(Target)' } } }] } } } }] } });
    expect(textsOf(kpi(true)).expressions).toEqual(['Sum(A)', 'Avg(Target)']);
    expect(textsOf(kpi(false))).toMatchObject({ expressions: ['Sum(A)'], mentions: ['inactive-colour /qHyperCubeDef/qMeasures/0/qDef/conditionalColoring/segments/limits/0/value/qValueExpression/qExpr Avg(Target)'] });
  });

  it('reads axis limits not in force as mentions (MeasureAxis.Max: automatic max/min off and minMax max or minMax)', () => {
    const axis = (settings: Record<string, unknown>) => ({ measureAxis: { ...settings, min: { qValueExpression: { qExpr: '=Min(Low)' } }, max: { qValueExpression: { qExpr: '=Max(High)' } } } });
    expect(textsOf(axis({ autoMinMax: false, minMax: 'minMax' })).expressions).toEqual(['=Min(Low)', '=Max(High)']);
    expect(textsOf(axis({ autoMinMax: false, minMax: 'max' }))).toMatchObject({ expressions: ['=Max(High)'], mentions: ['inactive-setting /measureAxis/min/qValueExpression/qExpr =Min(Low)'] });
    expect(textsOf(axis({ autoMinMax: false, minMax: 'min' })).expressions).toEqual(['=Min(Low)']);
    expect(textsOf(axis({ autoMinMax: true, minMax: 'minMax' })).expressions).toEqual([]);
  });

  it('reads what qLayoutExclude keeps (alternatives, disabled axis settings) as mentions', () => {
    const chart = { qLayoutExclude: { disabled: { measureAxes: [{ max: { qValueExpression: { qExpr: 'Max(Target)' } } }] }, qHyperCubeDef: { qMeasures: [{ qDef: { qDef: 'Sum(Alt)' }, qLibraryId: 'lib-alt' }] } } };
    expect(textsOf(chart)).toEqual({
      expressions: [],
      mentions: ['kept-not-evaluated /qLayoutExclude/disabled/measureAxes/0/max/qValueExpression/qExpr Max(Target)', 'kept-not-evaluated /qLayoutExclude/qHyperCubeDef/qMeasures/0/qDef/qDef Sum(Alt)'],
      links: [],
    });
  });

  it.skipIf(!existsSync(corpus))('finds no link in any container template of the real apps', () => {
    const all = (dir: string) => readdirSync(dir).map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as unknown);
    const walkEntries = (value: unknown, visit: (props: Record<string, unknown>) => void): void => {
      if (Array.isArray(value)) return value.forEach((v) => walkEntries(v, visit));
      if (!value || typeof value !== 'object') return;
      const record = value as Record<string, unknown>;
      if (record.qProperty) visit(record.qProperty as Record<string, unknown>);
      else if (record.qInfo) visit(record);
      walkEntries(record.qChildren, visit);
    };
    const targets: string[] = [];
    for (const json of all(corpus)) walkEntries(json, (props) => targets.push(...extractFromProperties(props, owner).libraryReferences.map((r) => r.targetId)));
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((t) => t.startsWith('/'))).toEqual([]);
  });
});
