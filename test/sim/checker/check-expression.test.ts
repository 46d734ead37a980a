import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExpression, type CheckContext } from './check-expression';
import { checkScriptSyntax, knownStatements } from './check-script';
import { catalogue } from './function-catalogue';
import { expandDollars } from './dollar-expansion';

const fields = new Set(['Sales Amount', 'Region Name', 'Year', 'Sales', 'A]B']);
const ctx: CheckContext = {
  fieldExists: (n) => fields.has(n),
  masterLabels: new Set(['Margin %']),
  variable: (n) => (n === 'vSales' ? 'Sum([Sales Amount])' : n === 'vBad' ? 'Sum([Nope])' : undefined),
  evaluate: () => '2020',
};

describe('checkExpression', () => {
  it('reports unknown fields with exact offsets', () => {
    expect(checkExpression('Sum([Sales Amt])', ctx).qBadFieldNames).toEqual([{ qFrom: 4, qCount: 11 }]);
    expect(checkExpression('Sum(Sales) + Avg("Nope")', ctx).qBadFieldNames).toEqual([{ qFrom: 17, qCount: 6 }]);
    expect(checkExpression('Count(`Bad Name`)', ctx).qBadFieldNames).toEqual([{ qFrom: 6, qCount: 10 }]);
  });

  it('handles the ]] escape in bracketed names', () => {
    expect(checkExpression('Sum([A]]B])', ctx).qBadFieldNames).toEqual([]);
  });

  it('does not check names inside set modifiers, like the engine', () => {
    const r = checkExpression('Sum({<[Not A Field]={1}>} [Sales Amount])', ctx);
    expect(r).toMatchObject({ qErrorMsg: '', qBadFieldNames: [] });
    expect(r.fieldNames).toEqual(['Sales Amount']);
  });

  it('accepts master measure labels, variables and qLabels as references', () => {
    expect(checkExpression('[Margin %] * 2', ctx).qBadFieldNames).toEqual([]);
    expect(checkExpression('Sum(Sales) * vSales', ctx).qBadFieldNames).toEqual([]);
    expect(checkExpression('[Other Label] * 2', ctx, ['Other Label']).qBadFieldNames).toEqual([]);
    expect(checkExpression('[Other Label] * 2', ctx).qBadFieldNames).toEqual([{ qFrom: 0, qCount: 13 }]);
  });

  it('flags a name that is both a field and a variable as dangerous', () => {
    const both: CheckContext = { ...ctx, variable: (n) => (n === 'Year' ? '2020' : undefined) };
    expect(checkExpression('Count(DISTINCT Year)', both)).toMatchObject({ qBadFieldNames: [], qDangerousFieldNames: [{ qFrom: 15, qCount: 4 }] });
  });

  it('expands variables first and points a bad name from a variable at the $() text', () => {
    expect(checkExpression('$(vSales) / 2', ctx)).toMatchObject({ qErrorMsg: '', qBadFieldNames: [] });
    expect(checkExpression('1 + $(vBad)', ctx).qBadFieldNames).toEqual([{ qFrom: 4, qCount: 7 }]);
  });

  it('pastes the calculated value of a variable defined as =expression, not its text (help.qlik.com dollar-sign expansion using an expression)', () => {
    const calculated: CheckContext = {
      ...ctx,
      variable: (n) => (n === 'vMax' ? '=Max([Year])' : n === 'vSelf' ? '=$(vSelf) + 1' : undefined),
      evaluate: (expr) => (expr === 'Max([Year])' ? '2026' : '0'),
    };
    expect(expandDollars("Date($(vMax), 'YYYY')", calculated).text).toBe("Date(2026, 'YYYY')");
    expect(checkExpression("'Up to ' & Date($(vMax), 'YYYY')", calculated)).toMatchObject({ qErrorMsg: '', qBadFieldNames: [], fieldNames: [] });
    // a calculated variable that refers to itself ends instead of recursing forever
    expect(typeof expandDollars('$(vSelf)', calculated).text).toBe('string');
  });

  it('reports syntax errors in the engine wording', () => {
    expect(checkExpression('Sum(Sales', ctx).qErrorMsg).toBe("Error in expression: ')' expected");
    expect(checkExpression('Sum(Sales) x', ctx).qErrorMsg).toBe("Garbage after expression: 'x'");
    expect(checkExpression('Sum(Sum(Sales))', ctx).qErrorMsg).toBe('Error in expression: Nested aggregation not allowed');
    expect(checkExpression('Summ(Sales)', ctx).qErrorMsg).toMatch(/Summ is not a valid function/);
    expect(checkExpression('Sum(Aggr(Sum(Sales), Year))', ctx).qErrorMsg).toBe('');
  });

  it('nests an aggregation whose inner function has TOTAL (help.qlik.com ChartFunctions/NestedAggregations/nested-aggregations.htm)', () => {
    expect(checkExpression('Sum(If(Year(Sales) = Max(TOTAL Year(Sales)), Sales))', ctx).qErrorMsg).toBe('');
    expect(checkExpression('Sum(If(Year(Sales) = Max(Year(Sales)), Sales))', ctx).qErrorMsg).toBe('Error in expression: Nested aggregation not allowed');
  });
});

describe('the function catalogue (help.qlik.com chart functions and the engine\'s GetBaseBNF)', () => {
  it.each([
    ['InObject (Scripting/SystemFunctions/InObject.htm)', "If(InObject('abc'), 1, 0)"],
    ['ObjectId (Scripting/SystemFunctions/ObjectId.htm)', "ObjectId('sheet')"],
    ['StateName (Scripting/SystemFunctions/StateName.htm)', 'StateName()'],
    ['ValueList (ChartFunctions/SyntheticDimensionFunctions/valuelist.htm)', "ValueList('Reloads', 'Errors')"],
    ['ValueLoop (ChartFunctions/SyntheticDimensionFunctions/valueloop.htm)', 'ValueLoop(1, 10)'],
    ['Rank with TOTAL (ChartFunctions/RelationalFunctions/rank.htm)', 'Rank(TOTAL Sum(Sales))'],
    ['Above (ChartFunctions/InterRecordFunctions/inter-record-functions-charts.htm)', 'Above(Sum(Sales), 1, 2)'],
    ['GetStateCounts (ChartFunctions/FieldFunctions/field-functions-charts.htm)', "GetStateCounts(Year, 'Selected')"],
    ['Window (engine BNF, WINDOW group)', 'Window(Sum(Sales))'],
    ['an analytic connection function', "R.ScriptEval('q$Sales', Sum(Sales))"],
  ])('knows %s', (_, expression) => {
    expect(checkExpression(expression, ctx).qErrorMsg).toBe('');
  });
});

describe('checkScriptSyntax: only what the engine grammar (script-bnf.json) rejects', () => {
  it('reports an unknown statement and unbalanced parentheses with positions', () => {
    const errors = checkScriptSyntax('///$tab Main\nLOAD a, (b FROM x;\nFOO bar;\n///$tab Two\nLET a=1;\n');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ qTabIx: 0, qLineInTab: 1 });
    expect(errors[1]).toMatchObject({ qTabIx: 0, qLineInTab: 2, qColInLine: 0, qErrLen: 3 });
  });

  it('does not pair control blocks, which the grammar does not describe', () => {
    expect(checkScriptSyntax('IF 1=1 THEN\nLET a=1;\n')).toEqual([]);
    expect(checkScriptSyntax('NEXT i\n')).toEqual([]);
  });

  it('takes the words that start a statement from the grammar: prefixes, LIB CONNECT, control words', () => {
    const words = knownStatements();
    for (const w of ['LOAD', 'SELECT', 'CONCATENATE', 'CROSSTABLE', 'NOCONCATENATE', 'MAPPING', 'LIB', 'IF', 'NEXT', 'TRACE', 'STORE', 'DROP']) expect(words.has(w), w).toBe(true);
    expect(words.has('FOO')).toBe(false);
    expect(checkScriptSyntax('T: CrossTable(Month, Sales) LOAD * INLINE [a, b\n1, 2];\nLIB CONNECT TO \'x\';\n')).toEqual([]);
  });

  it('accepts a clean script', () => {
    expect(checkScriptSyntax("SET ThousandSep=',';\nT:\nLOAD * INLINE [a\n1];\nTRACE it's done;\ni = 1;\nFOR i = 1 TO 2\nNEXT i\n")).toEqual([]);
  });
});

const corpus = resolve(__dirname, '../../../../shared/corpus');
if (!existsSync(corpus)) console.warn(`[skip] ${corpus} is absent: corpus script checks skipped`);

describe.runIf(existsSync(corpus))('real scripts that reload', () => {
  it.each(['consumer-sales', 'reload-analyzer', 'app-h'])('%s has no syntax errors', (name) => {
    expect(checkScriptSyntax(readFileSync(resolve(corpus, name, 'script.qvs'), 'utf8'))).toEqual([]);
  });
});

describe('the catalogue cites a help.qlik.com page for every function', () => {
  it('has a page for each entry, the chart-only ones their own', () => {
    const all = catalogue();
    expect(all.size).toBeGreaterThan(450);
    for (const [name, entry] of all) expect(entry.page, name).toMatch(/^https:\/\/help\.qlik\.com\/en-US\/cloud-services\/.+\.htm$/);
    expect(all.get('INOBJECT')?.page).toMatch(/SystemFunctions\/InObject\.htm$/);
    expect(all.get('VALUELIST')).toMatchObject({ chartOnly: true, aggregation: false });
    expect(all.get('SUM')).toMatchObject({ chartOnly: false, aggregation: true });
    expect(all.get('SUBFIELD')?.page).toMatch(/StringFunctions\/string-functions\.htm$/);
  });
});
