import { describe, expect, it } from 'vitest';
import {
  aggrCalls,
  bareField,
  bracketedNames,
  colourReferences,
  countDistinctFields,
  dateFunctionsInAggregations,
  fieldReferences,
  functionCalls,
  ifCalls,
  ifInsideAggregations,
  inSetAnalysis,
  maxIfDepth,
  parseExpression,
  setIdentifiers,
  setModifiers,
  stringComparisonsInAggregations,
  variableReferences,
  type ExpressionRoot,
} from '../../../lib/expression/index';

const ast = (text: string): ExpressionRoot => parseExpression(text).ast;

describe('fieldReferences', () => {
  it('gives each field with its range, role, quoting and context', () => {
    const text = 'Sum({<[Region Name]={"W"}, C=P({1} D), E=F>} TOTAL <G> "H I") + Aggr(Max(J), K) + `L`';
    const refs = fieldReferences(ast(text));
    expect(refs.map((f) => [f.name, f.role, f.quoting, f.aggregationDepth])).toEqual([
      ['Region Name', 'modifier-field', 'bracket', 0],
      ['C', 'modifier-field', 'bare', 0],
      ['D', 'element-function', 'bare', 0],
      ['E', 'modifier-field', 'bare', 0],
      ['F', 'modifier-value', 'bare', 0],
      ['G', 'total', 'bare', 0],
      ['H I', 'expression', 'double', 1],
      ['J', 'expression', 'bare', 1],
      ['K', 'aggr-dimension', 'bare', 0],
      ['L', 'expression', 'backtick', 0],
    ]);
    const region = refs[0];
    expect(text.slice(region.from, region.to)).toBe('[Region Name]');
    expect(refs[2]).toMatchObject({ inSetModifier: true, inElementFunction: true });
    expect(refs[5]).toMatchObject({ inTotal: true });
    expect(refs[8]).toMatchObject({ inAggrDimension: true });
  });

  it('includes the fields of "=expr" search strings', () => {
    const refs = fieldReferences(ast('Count({<Customer={"=Sum(Sales)>10"}>} Customer)'));
    expect(refs.find((f) => f.name === 'Sales')).toMatchObject({ inSearch: true, aggregationDepth: 1 });
  });

  it('says which expression holds each field: top level, a call, a search string, a calculated Aggr dimension', () => {
    const refs = fieldReferences(ast('A + Sum({<B={"=C>0"}, D={"=Len(E)>0"}>} F) + Aggr(Sum(G), H & I, If(J, K))'));
    expect(refs.map((f) => [f.name, f.role, f.within])).toEqual([
      ['A', 'expression', 'root'],
      ['B', 'modifier-field', 'root'],
      ['C', 'expression', 'search'],
      ['D', 'modifier-field', 'root'],
      ['E', 'expression', 'call'],
      ['F', 'expression', 'call'],
      ['G', 'expression', 'call'],
      ['H', 'expression', 'aggr-dimension'],
      ['I', 'expression', 'aggr-dimension'],
      ['J', 'expression', 'call'],
      ['K', 'expression', 'call'],
    ]);
    // a bare field of an "=expr" search is part of set analysis; inside a call of the search it is a value
    expect(refs.filter(inSetAnalysis).map((f) => f.name)).toEqual(['B', 'C', 'D']);
  });

  it('marks the fields of fragments the parser recovered after a syntax error', () => {
    const root = ast('Sum(X) Y');
    expect(root.recovered).toBeDefined();
    expect(fieldReferences(root).map((f) => [f.name, f.recovered])).toEqual([
      ['X', false],
      ['Y', true],
    ]);
  });
});

describe('functionCalls', () => {
  it('gives the nesting of aggregations, Aggr and If', () => {
    const calls = functionCalls(ast('Sum(Aggr(If(Count(x) > 1, Avg(y)), d))'));
    expect(calls.map((c) => [c.canonicalName, c.aggregation, c.aggregationDepth, c.aggrDepth, c.ifDepth, c.inIfBranch, c.parent])).toEqual([
      ['Sum', true, 0, 0, 0, false, null],
      ['Aggr', false, 1, 0, 0, false, 'Sum'],
      ['If', false, 1, 1, 0, false, 'Aggr'],
      ['Count', true, 1, 1, 1, false, 'If'],
      ['Avg', true, 1, 1, 1, true, 'If'],
    ]);
  });

  it('reports unknown functions as not known', () => {
    expect(functionCalls(ast('Summ(x)'))[0]).toMatchObject({ known: false, canonicalName: 'Summ' });
  });
});

describe('If queries', () => {
  it('finds aggregations in the branches of an If (P08)', () => {
    const [outer] = ifCalls(ast('If(Sum(a) > 0, Sum(b), Count(c))'));
    expect(outer.branchAggregations.map((c) => c.canonicalName)).toEqual(['Sum', 'Count']);
  });

  it('finds If inside aggregations (P09) and the deepest If nesting (P11)', () => {
    const root = ast("Sum(If(a = 1, If(b = 2, If(c = 3, x, y), z), w))");
    expect(ifInsideAggregations(root)).toHaveLength(3);
    expect(maxIfDepth(root)).toBe(3);
    expect(maxIfDepth(ast('Sum(x)'))).toBe(0);
  });
});

describe('aggregation queries', () => {
  it('finds date functions inside aggregations (P10)', () => {
    const found = dateFunctionsInAggregations(ast("Sum(If(InYear(D, Today(), 0), S)) + InMonth(D, Today(), 0) + Count(If(Date#(T, 'YYYY') = 1, x))"));
    expect(found.map((c) => c.canonicalName)).toEqual(['InYear', 'Date#']);
  });

  it('finds string comparisons inside aggregations (P21)', () => {
    const found = stringComparisonsInAggregations(ast("Sum(If(Region = 'North', S)) + Count(If(WildMatch(P, 'a*'), 1)) + If(Region = 'x', 1)"));
    expect(found.map((c) => [c.kind, c.text])).toEqual([
      ['operator', '='],
      ['function', 'WildMatch'],
    ]);
  });

  it('finds Count(DISTINCT field) (P14)', () => {
    const found = countDistinctFields(ast('Count(DISTINCT [Customer ID]) / Count(Orders) + Count({<Y={1}>} DISTINCT Product)'));
    expect(found.map((c) => c.fields)).toEqual([['Customer ID'], ['Product']]);
  });

  it('counts neither the fields of a search string nor those of TOTAL <fld> (Qlik help: Count - chart function; Set modifiers with searches)', () => {
    const found = countDistinctFields(ast('Count({<Customer={"=Sum(Sales)>0"}>} DISTINCT Customer) + Count(TOTAL <Region> DISTINCT Product)'));
    expect(found.map((c) => c.fields)).toEqual([['Customer'], ['Product']]);
  });

  it('describes Aggr calls with inner and outer aggregations (P12, P13)', () => {
    const [aggr] = aggrCalls(ast('Max({<Y={1}>} Aggr(Sum(Sales) + Count(Aggr(Avg(z), e)), Customer, Year))'));
    expect(aggr.dimensions).toEqual(['Customer', 'Year']);
    expect(aggr.innerAggregations.map((c) => c.canonicalName)).toEqual(['Sum', 'Count']);
    expect(aggr.outerAggregation).toMatchObject({ canonicalName: 'Max', hasSet: true });
  });
});

describe('set analysis queries', () => {
  it('lists set identifiers (Q03)', () => {
    expect(setIdentifiers(ast('Sum({$ + BM01 - [State A] * 1 + $1} S)')).map((s) => [s.name, s.identifierKind, s.bracketed])).toEqual([
      ['$', 'current', false],
      ['BM01', 'named', false],
      ['State A', 'named', true],
      ['1', 'all', false],
      ['$1', 'previous', false],
    ]);
  });

  it('lists modifiers with literal values (D10)', () => {
    const mods = setModifiers(ast("Sum({<Year={2023}, Month={'Jan', Feb}, Region={\"N*\"}, Date=, A=B>} S)"));
    expect(mods.map((m) => [m.field, m.valueKind, m.literals.map((l) => `${l.quoting}:${l.value}`)])).toEqual([
      ['Year', 'list', ['none:2023']],
      ['Month', 'list', ['single:Jan', 'none:Feb']],
      ['Region', 'list', ['search:N*']],
      ['Date', 'clear', []],
      ['A', 'field', []],
    ]);
  });
});

describe('other queries', () => {
  it('finds colour functions and hex colour strings (D09)', () => {
    const found = colourReferences(ast("If(x, RGB(1,2,3), If(y, ARGB(1,2,3,4), If(z, '#FFAA00', Red())))"));
    expect(found.map((c) => [c.kind, c.text])).toEqual([
      ['function', 'RGB'],
      ['function', 'ARGB'],
      ['hex', '#FFAA00'],
      ['function', 'Red'],
    ]);
  });

  it('lists bracketed names used as values: master-item label candidates (Q15)', () => {
    const names = bracketedNames(ast('[Margin %] * 2 + Sum({<[Year]={1}>} [Sales])'));
    expect(names.map((n) => n.name)).toEqual(['Margin %', 'Sales']);
  });

  it('tells a calculated dimension that is only a field (P07)', () => {
    expect(bareField(ast('=[Region Name]'))).toBe('Region Name');
    expect(bareField(ast('= ( Region )'))).toBe('Region');
    expect(bareField(ast('=Region & Country'))).toBeNull();
    expect(bareField(ast('=Aggr(Sum(S), Region)'))).toBeNull();
    expect(bareField(ast('=Sales$(vYear)'))).toBeNull();
  });

  it('lists $(…) left in the text', () => {
    expect(variableReferences(ast('Sum($(vField)) * $(vRate(2)) + $(=Max(Y))')).map((v) => [v.name, v.computed])).toEqual([
      ['vField', false],
      ['vRate', false],
      ['=Max(Y)', true],
    ]);
  });
});
