import { describe, expect, it } from 'vitest';
import { analyseExpression, expandDollars, toOriginalRange, type VariableDefinition } from '../../../lib/expression/index';

const vars = (entries: Record<string, string | VariableDefinition>) =>
  new Map(Object.entries(entries).map(([k, v]) => [k, typeof v === 'string' ? { definition: v } : v]));

describe('expandDollars', () => {
  it('expands variables, also inside strings and set modifiers', () => {
    const r = expandDollars("Sum({<Year={$(vYear)}>} Sales) & '$(vYear)'", { variables: vars({ vYear: '2024' }) });
    expect(r.text).toBe("Sum({<Year={2024}>} Sales) & '2024'");
    expect(r.diagnostics).toEqual([]);
    expect(r.variables.map((v) => v.name)).toEqual(['vYear', 'vYear']);
  });

  it('substitutes parameters $1…$n and $0, leaving missing ones as written', () => {
    const variables = vars({ MUL: '$1*$2', CNT: '$0' });
    expect(expandDollars('$(MUL(3,7))', { variables }).text).toBe('3*7');
    expect(expandDollars('$(MUL(10))', { variables }).text).toBe('10*$2');
    expect(expandDollars('$(MUL(5,7,8))', { variables }).text).toBe('5*7');
    expect(expandDollars('$(CNT(a,b))', { variables }).text).toBe('2');
  });

  it('splits arguments at top-level commas only', () => {
    expect(expandDollars("$(F(Sum(a, b), 'x,y'))", { variables: vars({ F: '$1 & $2' }) }).text).toBe("Sum(a, b) & 'x,y'");
  });

  it('expands inner $(…) first and the results of variables recursively', () => {
    const variables = vars({ c_alpha: 'ARGB($1,71,104,136)', vMax: '10', vOuter: 'Sum($(vInner))', vInner: 'Sales' });
    expect(expandDollars('$(c_alpha(([X] * 255 / $(vMax))))', { variables }).text).toBe('ARGB(([X] * 255 / 10),71,104,136)');
    expect(expandDollars('$(vOuter)', { variables }).text).toBe('Sum(Sales)');
  });

  it('uses the engine value of calculated variables and $(=…), otherwise leaves them and lists them', () => {
    const variables = vars({ vMaxYear: { definition: '=Max(Year)', value: '2024' }, vUnknown: '=Min(Year)' });
    const evaluated = new Map([['Max(Year)', '2024']]);
    const r = expandDollars('$(vMaxYear) + $(=Max(Year)) + $(vUnknown) + $(=Min(Year))', { variables, evaluated });
    expect(r.text).toBe('2024 + 2024 + $(vUnknown) + $(=Min(Year))');
    expect(r.unknownValues.map((u) => [u.reason, u.expression])).toEqual([
      ['variable', 'Min(Year)'],
      ['computed', 'Min(Year)'],
    ]);
  });

  it('reports undefined variables at their place in the original text', () => {
    const r = expandDollars('Sum(x) * $(vRate)', { variables: vars({ vrate: '2' }) });
    expect(r.diagnostics).toEqual([
      {
        code: 'undefined-variable',
        message: "Variable 'vRate' is not defined (did you mean 'vrate'? variable names are case-sensitive)",
        from: 9,
        to: 17,
        severity: 'error',
      },
    ]);
    expect(r.text).toBe('Sum(x) * $(vRate)');
  });

  it('reports undefined variables reached through another variable', () => {
    const r = expandDollars('$(vA)', { variables: vars({ vA: 'Sum($(vB))' }) });
    expect(r.diagnostics[0]).toMatchObject({ code: 'undefined-variable', message: "Variable 'vB' is not defined (used in the definition of 'vA')", from: 0, to: 5 });
    expect(r.variables.find((v) => v.name === 'vB')).toMatchObject({ defined: false, via: ['vA'] });
  });

  it('reports recursion without looping', () => {
    const r = expandDollars('$(vA)', { variables: vars({ vA: '1 + $(vB)', vB: '$(vA)' }) });
    expect(r.diagnostics[0]).toMatchObject({ code: 'recursive-variable', message: "Variable 'vA' refers to itself: vA → vB → vA" });
  });

  it('stops at the maximum depth', () => {
    const r = expandDollars('$(v0)', { variables: vars({ v0: '$(v1)', v1: '$(v2)', v2: '$(v3)', v3: 'x' }), maxDepth: 2 });
    expect(r.diagnostics[0]).toMatchObject({ code: 'expansion-too-deep' });
  });

  it('stops a hostile expansion that doubles at every level', () => {
    const entries: Record<string, string> = { v19: 'x' };
    for (let i = 0; i < 19; i++) entries[`v${i}`] = `$(v${i + 1})$(v${i + 1})`;
    const r = expandDollars('$(v0)', { variables: vars(entries) });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['expansion-too-deep']);
    expect(r.text.length).toBeLessThan(20_000);
  });

  it('stops at $( nested absurdly deep, without overflowing', () => {
    const text = `${'$('.repeat(100_000)}x${')'.repeat(100_000)}`;
    const r = expandDollars(text, { variables: new Map() });
    expect(r.diagnostics.map((d) => d.code)).toContain('expansion-too-deep');
    expect(() => analyseExpression(text, { variables: new Map() })).not.toThrow();
  });

  it('reports an unbalanced $( and keeps the rest of the text', () => {
    const r = expandDollars('Sum(x) + $(vA', { variables: vars({ vA: '1' }) });
    expect(r.diagnostics).toEqual([{ code: 'unbalanced-dollar', message: "Unbalanced '$(': no matching ')'", from: 9, to: 13, severity: 'error' }]);
    expect(r.text).toBe('Sum(x) + $(vA');
  });

  it('keeps a source map from expanded offsets to original ones', () => {
    const text = 'Sum($(vF)) + Count(y)';
    const r = expandDollars(text, { variables: vars({ vF: '[Long Field Name]' }) });
    expect(r.text).toBe('Sum([Long Field Name]) + Count(y)');
    const y = r.text.indexOf('y)');
    expect(toOriginalRange(r.sourceMap, y, y + 1)).toEqual({ from: text.indexOf('y)'), to: text.indexOf('y)') + 1 });
    expect(toOriginalRange(r.sourceMap, 5, 10)).toEqual({ from: 4, to: 9, expansion: 'vF' });
  });
});

describe('analyseExpression', () => {
  it('maps syntax errors inside an expansion back to the $(…)', () => {
    const a = analyseExpression('Sum(x) + $(vBad)', { variables: vars({ vBad: 'Sum(y' }) });
    expect(a.diagnostics).toHaveLength(1);
    expect(a.diagnostics[0]).toMatchObject({ code: 'syntax', from: 9, to: 16 });
    expect(a.diagnostics[0].message).toContain('(in the expansion of $(vBad))');
  });

  it('does not cascade syntax errors from an undefined variable', () => {
    const a = analyseExpression('Interval($(vQuota)/24)', { variables: new Map() });
    expect(a.diagnostics.map((d) => d.code)).toEqual(['undefined-variable']);
  });

  it('analyses the fields of unknown $(=…) as far as possible', () => {
    const a = analyseExpression('Sum({<Year={$(=Max(OrderYear))}>} Sales)', { variables: new Map() });
    expect(a.references.fields.map((f) => [f.name, f.viaDollar === true])).toEqual([
      ['Year', false],
      ['Sales', false],
      ['OrderYear', true],
    ]);
  });

  it('marks bare names that are variables', () => {
    const a = analyseExpression('Sales * vRate', { variables: vars({ vRate: '1.2' }) });
    expect(a.references.fields.map((f) => [f.name, f.isVariable])).toEqual([
      ['Sales', false],
      ['vRate', true],
    ]);
  });

  it('maps reference ranges to the original text', () => {
    const text = "$(vSet) Sum([Sales Amount])";
    const a = analyseExpression(text, { variables: vars({ vSet: "{<Region={'North'}>}" }) });
    const sales = a.references.fields.find((f) => f.name === 'Sales Amount');
    expect(sales && text.slice(sales.from, sales.to)).toBe('[Sales Amount]');
    const region = a.references.fields.find((f) => f.name === 'Region');
    expect(region).toMatchObject({ from: 0, to: 7, expansion: 'vSet', inSetModifier: true });
    // string literals too: one the expansion made points at the $(…), one the user wrote keeps its place
    const written = "$(vPad)FieldValue('Region', 1)";
    const b = analyseExpression(written, { variables: vars({ vPad: "'x' & " }) });
    expect(b.references.strings.map((s) => [s.value, written.slice(s.from, s.to)])).toEqual([
      ['x', '$(vPad)'],
      ['Region', "'Region'"],
    ]);
  });
});
