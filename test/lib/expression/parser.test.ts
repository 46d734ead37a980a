import { describe, expect, it } from 'vitest';
import { collectReferences, normaliseExpression, parseExpression, type Binary, type Call, type Expr, type SetEntity } from '../../../lib/expression/index';
import { VALID_EXPRESSIONS } from './fixtures/real-world';

function body(text: string): Expr {
  const { ast, diagnostics } = parseExpression(text);
  expect(diagnostics).toEqual([]);
  if (!ast.body) throw new Error(`no body for ${text}`);
  return ast.body;
}

describe('parseExpression: valid real-world expressions', () => {
  it.each(VALID_EXPRESSIONS.map((e) => [e]))('%s parses without diagnostics', (text) => {
    expect(parseExpression(text).diagnostics).toEqual([]);
  });
});

describe('parseExpression: tokens and literals', () => {
  it('reads numbers with exponents and a leading dot', () => {
    const b = body('1e3 + .5') as Binary;
    expect(b.left).toMatchObject({ kind: 'Number', value: 1000, raw: '1e3' });
    expect(b.right).toMatchObject({ kind: 'Number', value: 0.5 });
  });

  it("unescapes '' in strings and ]] in brackets", () => {
    expect(body("'It''s'")).toMatchObject({ kind: 'String', value: "It's" });
    expect(body("'a''''b'")).toMatchObject({ kind: 'String', value: "a''b" });
    expect(body('[A]]B]')).toMatchObject({ kind: 'Field', name: 'A]B', quoting: 'bracket' });
  });

  it('reads every field quoting and qualified names', () => {
    expect(body('"Sales Amount"')).toMatchObject({ kind: 'Field', name: 'Sales Amount', quoting: 'double' });
    expect(body('`Sales Amount`')).toMatchObject({ kind: 'Field', name: 'Sales Amount', quoting: 'backtick' });
    expect(body('Orders.Amount')).toMatchObject({ kind: 'Field', name: 'Orders.Amount', quoting: 'bare' });
    expect(body('Größe')).toMatchObject({ kind: 'Field', name: 'Größe' });
    expect(body('[State A]::Region')).toMatchObject({ kind: 'Field', name: 'Region', state: 'State A' });
  });

  it('keeps source ranges', () => {
    const call = body('  Sum( [Sales] )') as Call;
    expect(call).toMatchObject({ from: 2, to: 16, nameRange: { from: 2, to: 5 } });
    expect(call.args[0]).toMatchObject({ from: 7, to: 14 });
  });

  it('skips comments and notes a leading =', () => {
    const { ast } = parseExpression('= /* c */ Sum(x) // end');
    expect(ast.leadingEquals).toBe(true);
    expect(ast.body).toMatchObject({ kind: 'Call', name: 'Sum' });
  });
});

describe('parseExpression: operator precedence', () => {
  const shape = (e: Expr): string => {
    switch (e.kind) {
      case 'Binary': return `(${shape(e.left)} ${e.operator} ${shape(e.right)})`;
      case 'Unary': return `(${e.operator} ${shape(e.operand)})`;
      case 'Field': return e.name;
      case 'Number': return e.raw;
      case 'String': return `'${e.value}'`;
      default: return e.kind;
    }
  };
  it.each([
    ['a + b * c', '(a + (b * c))'],
    ['a - b - c', '((a - b) - c)'],
    ["'x' & a + b", "('x' & (a + b))"],
    ["a & 'b' = 'ab'", "((a & 'b') = 'ab')"],
    ['a = 1 and b = 2 or c = 3', '(((a = 1) AND (b = 2)) OR (c = 3))'],
    ['not a = 1 and b', '((NOT (a = 1)) AND b)'],
    ['a or b xor c', '((a OR b) XOR c)'],
    ['-a * b', '((- a) * b)'],
    ['a < b', '(a < b)'],
    ["a like 'x*'", "(a LIKE 'x*')"],
    ['1 << 2 + 3', '(1 << (2 + 3))'],
    ['a bitand b bitor c', '((a BITAND b) BITOR c)'],
  ])('%s → %s', (text, expected) => {
    expect(shape(body(text))).toBe(expected);
  });
});

describe('parseExpression: aggregations and set analysis', () => {
  it('reads qualifiers in any order', () => {
    const call = body('Count(DISTINCT {1<A={1}>} TOTAL <X, [Y Z]> ID)') as Call;
    expect(call.distinct).toBe('DISTINCT');
    expect(call.set?.body).toMatchObject({ kind: 'SetEntity', identifier: { name: '1', identifierKind: 'all' } });
    expect(call.total?.fields.map((f) => (f.kind === 'Field' ? f.name : f.raw))).toEqual(['X', 'Y Z']);
    expect(call.args).toHaveLength(1);
  });

  it('treats a qualifier word as a field when nothing follows it', () => {
    const call = body('Sum(Total)') as Call;
    expect(call.total).toBeNull();
    expect(call.args[0]).toMatchObject({ kind: 'Field', name: 'Total' });
  });

  it('reads modifiers with every operator, empty values, field-to-field and element functions', () => {
    const call = body("Sum({$<A={1,'x'}, B+={\"*y*\"}, C-={2}, D*={3}, E/={4}, F=, G=H, I=P({1} J), K=E()>} S)") as Call;
    const entity = call.set?.body as SetEntity;
    const items = entity.modifier?.items ?? [];
    expect(items.map((i) => (i.kind === 'ModifierItem' ? `${(i.field as { name: string }).name}${i.operator}${i.value?.kind ?? 'clear'}` : ''))).toEqual([
      'A=ElementList', 'B+=ElementList', 'C-=ElementList', 'D*=ElementList', 'E/=ElementList', 'F=clear', 'G=Field', 'I=ElementFunction', 'K=ElementFunction',
    ]);
  });

  it('reads set identifiers and operators', () => {
    const call = body('Sum({$1 + $_2 - BM01 * [State A] / $} S)') as Call;
    const kinds: string[] = [];
    const visit = (t: unknown): void => {
      const n = t as { kind: string; left?: unknown; right?: unknown; identifier?: { identifierKind: string } };
      if (n.kind === 'SetOperation') {
        visit(n.left);
        visit(n.right);
      } else if (n.kind === 'SetEntity') kinds.push(n.identifier?.identifierKind ?? '');
    };
    visit(call.set?.body);
    expect(kinds).toEqual(['previous', 'next', 'named', 'named', 'current']);
  });

  it('parses "=expr" search strings so their fields are seen', () => {
    const call = body('Sum({<C={"=Sum(x)>10"}>} S)') as Call;
    const item = (call.set?.body as SetEntity).modifier?.items[0];
    expect(item).toMatchObject({ value: { kind: 'ElementList', elements: [{ kind: 'Search', expression: { body: { kind: 'Binary' } } }] } });
  });

  it('reads outer set expressions', () => {
    expect(body('{<Y={1}>} Sum(S) / Count(C)')).toMatchObject({ kind: 'Scoped', expr: { kind: 'Binary', operator: '/' } });
  });

  it('reads Aggr with structured sort parameters', () => {
    const call = body('Aggr(Sum(S), (Customer, (NUMERIC, DESC)), Year)') as Call;
    expect(call.args).toHaveLength(1);
    expect(call.dimensions.map((d) => [d.field.kind === 'Field' ? d.field.name : '', d.sort])).toEqual([
      ['Customer', ['NUMERIC', 'DESC']],
      ['Year', []],
    ]);
  });

  it('reads an unexpanded $(…) in front of an operand as an unknown set prefix, not an error', () => {
    const call = body('Sum($(vSet) Sales)') as Call;
    expect(call.set).toMatchObject({ implicit: true, body: { kind: 'Dollar', raw: '$(vSet)' } });
    expect(call.args[0]).toMatchObject({ kind: 'Field', name: 'Sales' });
    expect(body('$(vSet) Sum(Sales)')).toMatchObject({ kind: 'Scoped', set: { implicit: true }, expr: { kind: 'Call' } });
    expect(body('$(vA) - 1')).toMatchObject({ kind: 'Binary', operator: '-' });
  });

  it('reads a bare name with an unexpanded part as a dynamic field', () => {
    expect(body('Sum(Sales$(vYear))')).toMatchObject({ args: [{ kind: 'Field', name: 'Sales$(vYear)', dynamic: true }] });
  });

  it('accepts an omitted argument, as the engine does', () => {
    expect((body("If(c, 'x',\n)") as Call).args.map((a) => a.kind)).toEqual(['Field', 'String', 'Empty']);
  });
});

describe('parseExpression: errors', () => {
  it.each([
    ['Sum(a b)', "Expected ',' or ')' but found name 'b'", 6],
    ['Sum(a', "Expected ')' to close 'Sum(' but found end of expression", 5],
    ['(a + b', "Expected ')' but found end of expression", 6],
    ['a +', 'Expected an expression but found end of expression', 3],
    ['Sum(a))', "Expected end of expression but found ')'", 6],
    ['Sum({<A={1}} S)', "Expected '>' but found '}'", 11],
    ['Sum({<A {1}>} S)', "Expected '=' after the field name but found '{'", 8],
    ['Sum({<A={1 2}>} S)', "Expected ',' or '}' but found number 2", 11],
    ["'abc", "Unterminated string: expected '''", 0],
    ['[abc', "Unterminated field name: expected ']'", 0],
    ['/* abc', "Unterminated comment: expected '*/'", 0],
    ['a ; b', "Expected end of expression but found unexpected character ';'", 2],
  ])('%s → %s', (text, message, from) => {
    const { diagnostics } = parseExpression(text);
    expect(diagnostics[0]).toMatchObject({ code: 'syntax', message, from, severity: 'error' });
  });

  it('reports unknown functions by name', () => {
    expect(parseExpression('Summ(Sales)').diagnostics).toEqual([
      { code: 'unknown-function', message: "Unknown function 'Summ'", from: 0, to: 4, severity: 'error' },
    ]);
  });

  it('does not report plugin functions of analytic connections', () => {
    expect(parseExpression("R.ScriptEval('x', S)").diagnostics).toEqual([]);
  });

  it('warns about argument counts', () => {
    expect(parseExpression('Sum(a, b)').diagnostics[0]).toMatchObject({ code: 'argument-count', message: 'Sum takes 1 argument but got 2', severity: 'warning' });
    expect(parseExpression('If(a)').diagnostics[0]).toMatchObject({ message: 'If takes 2 to 3 arguments but got 1' });
  });

  it('warns about qualifiers a function does not take', () => {
    expect(parseExpression('RangeSum(TOTAL x)').diagnostics).toEqual([
      { code: 'qualifier-not-allowed', message: 'RangeSum does not take TOTAL', from: 9, to: 14, severity: 'warning' },
    ]);
    expect(parseExpression('Sum(TOTAL x) + Rank(TOTAL Sum(x))').diagnostics).toEqual([]);
  });

  it('reports errors inside "=expr" search strings as warnings at their place', () => {
    const text = 'Count({<C={"=Sum(x>10"}>} C)';
    const [d] = parseExpression(text).diagnostics;
    expect(d).toMatchObject({ code: 'syntax', severity: 'warning', message: "In search string: Expected ')' to close 'Sum(' but found end of expression" });
    expect(d.from).toBe(text.indexOf('"}'));
  });

  it('recovers and keeps the rest of the expression', () => {
    const { ast, diagnostics } = parseExpression('Sum(a b) + Count(c)');
    expect(diagnostics).toHaveLength(1);
    expect(ast.body).toMatchObject({ kind: 'Binary', right: { kind: 'Call', name: 'Count' } });
  });

  it('keeps fragments after a stray token', () => {
    const { ast } = parseExpression('Sum(a)) + Sum(b)');
    expect(ast.recovered?.length).toBe(1);
  });

  it('reports an unbalanced $( when no expansion ran', () => {
    expect(parseExpression('Sum($(vX').diagnostics[0]).toMatchObject({ message: "Unbalanced '$(': expected ')'" });
  });

  it.each([
    ['parentheses', `${'('.repeat(5000)}1${')'.repeat(5000)}`, 'Expression is nested too deeply'],
    ['calls', `${'Sum('.repeat(5000)}x${')'.repeat(5000)}`, 'Expression is nested too deeply'],
    ['unary minus', `${'-'.repeat(100_000)}a`, 'Expression is nested too deeply'],
    ['NOT', `${'not '.repeat(50_000)}a`, 'Expression is nested too deeply'],
    ['set braces', `Sum(${'{'.repeat(50_000)}$${'}'.repeat(50_000)} x)`, 'Expression is nested too deeply'],
    ['element groups', `Sum({<A=${'('.repeat(50_000)}{1}${')'.repeat(50_000)}>} x)`, 'Expression is nested too deeply'],
    ['operator chain', `${'a+'.repeat(100_000)}a`, 'Expression has too many operators to analyse (more than 5000)'],
    ['set operator chain', `Sum({${'$+'.repeat(50_000)}$} x)`, 'Expression has too many operators to analyse (more than 5000)'],
  ])('gives up cleanly on hostile %s', (_name, text, message) => {
    const { ast, diagnostics } = parseExpression(text);
    expect(diagnostics.map((d) => d.message)).toContain(message);
    // the tree stays shallow enough for every walker
    expect(() => normaliseExpression(text)).not.toThrow();
    expect(() => collectReferences(ast)).not.toThrow();
  });

  it('still parses long legitimate expressions', () => {
    const text = `Pick(Match(x, ${Array.from({ length: 2000 }, (_, i) => i).join(', ')}), ${Array.from({ length: 2000 }, (_, i) => `Sum(S${i}) + ${i}`).join(', ')})`;
    expect(parseExpression(text).diagnostics).toEqual([]);
  });
});
