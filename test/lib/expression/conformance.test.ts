// Parser conformance to Qlik's documented language: the example expressions of the help pages must
// parse without an error on the path Q01 uses (the text as written, $(…) read as unknown values), and
// known-broken forms must fail. See conformance/*.ts for the cases and the page each comes from.
import { describe, expect, it } from 'vitest';
import { collectReferences, lookupFunction, normaliseExpression, parseExpression, type Call } from '../../../lib/expression/index';
import { SYNTAX_CODES } from '../../../lib/rules/quality/expression-syntax-error';
import { BROKEN_CASES } from './conformance/broken';
import { CHART_FUNCTION_CASES } from './conformance/chart-functions';
import { DOLLAR_CASES } from './conformance/dollar';
import { HELP_CHART_FUNCTIONS } from './conformance/function-list';
import { PUBLISHED_APP_CASES } from './conformance/published-apps';
import { SET_ANALYSIS_CASES } from './conformance/set-analysis';

const DOCUMENTED = [...SET_ANALYSIS_CASES, ...DOLLAR_CASES, ...CHART_FUNCTION_CASES];

/** What Q01 reports for a text as written: error-severity diagnostics of a syntax kind. */
function q01Errors(text: string) {
  return parseExpression(text, { reportDollar: true }).diagnostics.filter((d) => d.severity === 'error' && SYNTAX_CODES.has(d.code));
}

describe('conformance: example expressions of the Qlik help', () => {
  it('has at least 400 documented cases, each naming its page', () => {
    expect(DOCUMENTED.length).toBeGreaterThanOrEqual(400);
    expect(DOCUMENTED.filter((c) => c.page.trim() === '')).toEqual([]);
  });

  it('gives no syntax error for any documented example', () => {
    const false_ = DOCUMENTED.flatMap((c) => q01Errors(c.expr).map((d) => `${c.page}: ${c.expr}  →  ${d.message}`));
    expect(false_).toEqual([]);
  });

  it('gives no argument-count or qualifier warning for any documented example (the function table agrees with the help)', () => {
    const warnings = DOCUMENTED.flatMap((c) =>
      parseExpression(c.expr)
        .diagnostics.filter((d) => d.code === 'argument-count' || d.code === 'qualifier-not-allowed')
        .map((d) => `${c.page}: ${c.expr}  →  ${d.message}`),
    );
    expect(warnings).toEqual([]);
  });
});

describe('conformance: the function table knows Qlik\'s chart-function list', () => {
  it('has a row for every function the help lists for charts', () => {
    const missing = Object.entries(HELP_CHART_FUNCTIONS).flatMap(([group, names]) => names.filter((n) => !lookupFunction(n)).map((n) => `${group}: ${n}`));
    expect(missing).toEqual([]);
  });
});

describe('conformance: the printer keeps every documented example valid', () => {
  it('prints each case to text that parses without error and prints to itself', () => {
    const problems = [...DOCUMENTED, ...PUBLISHED_APP_CASES].flatMap((c) => {
      const printed = normaliseExpression(c.expr);
      const again = normaliseExpression(printed);
      const errors = q01Errors(printed).map((d) => d.message);
      return errors.length > 0 || again !== printed ? [`${c.expr}  →  ${printed}  ${errors.join('; ')}`] : [];
    });
    expect(problems).toEqual([]);
  });
});

describe('conformance: forms that render in Qlik\'s own published apps', () => {
  it('gives no syntax error', () => {
    const false_ = PUBLISHED_APP_CASES.flatMap((c) => q01Errors(c.expr).map((d) => `${c.page}: ${c.expr}  →  ${d.message}`));
    expect(false_).toEqual([]);
  });
});

describe('conformance: known-broken forms', () => {
  it.each(BROKEN_CASES.map((c) => [c.why, c.expr]))('%s: %s is an error', (_why, expr) => {
    expect(q01Errors(expr).length).toBeGreaterThan(0);
  });
});

describe('conformance: forms the parser used to misread', () => {
  const call = (text: string) => parseExpression(text).ast.body as Call;

  it('reads RowNo(TOTAL) and NoOfRows(TOTAL) as the TOTAL qualifier, not a field called TOTAL (help, "RowNo - chart function")', () => {
    for (const text of ['RowNo(TOTAL)', 'NoOfRows(TOTAL)', 'ColumnNo(total)', 'NoOfColumns(TOTAL)']) {
      const c = call(text);
      expect(c.total).toMatchObject({ kind: 'Total', fields: [] });
      expect(c.args).toEqual([]);
      expect(collectReferences(parseExpression(text).ast).fields).toEqual([]);
    }
    // a field called Total stays a field where an aggregation takes it as its argument
    expect(call('Sum(Total)').args[0]).toMatchObject({ kind: 'Field', name: 'Total' });
  });

  it('reads AltState::BM01 as a bookmark of a state (help, "Set identifiers")', () => {
    const set = call('Sum({AltState::BM01} Sales)').set;
    expect(set?.body).toMatchObject({ kind: 'SetEntity', identifier: { kind: 'SetIdentifier', name: 'BM01', state: 'AltState', identifierKind: 'named' } });
    expect(normaliseExpression('Sum({AltState::BM01} Sales)')).toBe('Sum({AltState::BM01} Sales)');
  });

  it('reads a unary minus in a set as the complement (help, "Set operators")', () => {
    const set = call('Sum({-($+BM01)} Sales)').set;
    expect(set?.body).toMatchObject({ kind: 'SetOperation', operator: '-', unary: true, right: { kind: 'SetGroup' } });
    expect(normaliseExpression('Sum({-($+BM01)} Sales)')).toBe('Sum({-($ + BM01)} Sales)');
  });

  it('reads nested Aggr structured parameters, each field a dimension (help, "Aggr - chart function")', () => {
    const c = call('Aggr(Sum(Sales), (Region, (Month, (NUMERIC, ASCENDING))))');
    expect(c.dimensions.map((d) => [d.field.kind === 'Field' ? d.field.name : d.field.kind, d.sort])).toEqual([
      ['Region', ['NUMERIC', 'ASCENDING']],
      ['Month', ['NUMERIC', 'ASCENDING']],
    ]);
  });

  it('reports an empty argument where an expression is required', () => {
    expect(q01Errors('Aggr( , A)').map((d) => d.message)).toEqual(["Expected the expression 'Aggr' aggregates but found ','"]);
    expect(q01Errors("If(c, 'x',)")).toEqual([]);
  });

  it('keeps the element of {*} and the cleared fields of <A, B>', () => {
    const refs = collectReferences(parseExpression('Sum({<A, B={1}, C={*}>} x)').ast);
    expect(refs.modifiers.map((m) => [m.field, m.valueKind])).toEqual([['A', 'clear'], ['B', expect.any(String)], ['C', expect.any(String)]]);
    expect(refs.modifiers[2].literals.map((l) => l.value)).toEqual(['*']);
  });

  it("keeps a quote inside an unexpanded $(=…) from ending the string around it", () => {
    const { ast, diagnostics } = parseExpression("Sum({<M={'$(=Date(Max(D),'MMM YYYY'))'}>} x)");
    expect(diagnostics).toEqual([]);
    expect(collectReferences(ast).modifiers[0].literals.map((l) => l.value)).toEqual(["$(=Date(Max(D),'MMM YYYY'))"]);
  });
});
