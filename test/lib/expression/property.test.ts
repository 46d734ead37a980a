// Property tests: the parser and the expansion never throw, always give sane positions, and valid
// generated expressions parse cleanly and print to a fixed point.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseExpression, collectReferences, DiagnosticSchema, normaliseExpression, parseExpression, printExpression, type Diagnostic } from '../../../lib/expression/index';
import { corpusAvailable, corpusExpressions, corpusVariables, CORPUS_DIR } from './corpus';
import { VALID_EXPRESSIONS } from './fixtures/real-world';

const corpus = corpusAvailable() ? corpusExpressions() : [];
if (corpus.length === 0) console.warn(`[skip] corpus not found at ${CORPUS_DIR}: mutating only the committed fixtures`);
const seeds = [...VALID_EXPRESSIONS, ...corpus.map((e) => e.text)];
const variables = corpusAvailable() ? corpusVariables('reload-analyzer') : new Map();

/** Positions and shapes that must hold for any input; returns what is wrong (empty when all is well). */
function problemsOf(text: string, diagnostics: Diagnostic[], ranges: Array<{ from: number; to: number }>): string[] {
  const problems: string[] = [];
  for (const d of diagnostics) {
    if (!DiagnosticSchema.safeParse(d).success) problems.push(`malformed diagnostic ${JSON.stringify(d)}`);
    if (d.from < 0 || d.to < d.from || d.to > text.length) problems.push(`diagnostic out of range ${JSON.stringify(d)}`);
    if (d.message.length === 0) problems.push('empty message');
  }
  for (const r of ranges) if (r.from < 0 || r.to < r.from || r.to > text.length) problems.push(`reference out of range ${JSON.stringify(r)}`);
  return problems;
}

function analyseAll(text: string): void {
  const parsed = parseExpression(text);
  const refs = collectReferences(parsed.ast);
  printExpression(parsed.ast);
  const analysed = analyseExpression(text, { variables });
  expect([
    ...problemsOf(text, parsed.diagnostics, [...refs.fields, ...refs.calls]),
    ...problemsOf(text, analysed.diagnostics, [...analysed.references.fields, ...analysed.references.calls]),
  ]).toEqual([]);
}

const SIGNIFICANT = [...'(){}[]<>=+-*/&,\'"`$#.:;! \n', 'TOTAL ', 'DISTINCT ', ' and ', ' not ', '$(', '$(=', '//', '/*', '*/', "''", ']]'];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...SIGNIFICANT), fc.string({ maxLength: 3 })) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'delete': return text.slice(0, at) + text.slice(at + m.length);
    case 'insert': return text.slice(0, at) + m.text + text.slice(at);
    case 'truncate': return text.slice(0, at);
    case 'swap': {
      if (text.length < 2) return text;
      const a = at % text.length;
      const b = m.other % text.length;
      const chars = [...text];
      [chars[a], chars[b]] = [chars[b], chars[a]];
      return chars.join('');
    }
  }
}

describe('never throws', () => {
  it('on random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), analyseAll), { numRuns: 1500 });
  });

  it('on random text made of expression characters', () => {
    const chars = fc.constantFrom(...SIGNIFICANT, 'Sum', 'If', 'x', '1', '[a b]', "'s'", '{<', '>}', 'P(', 'Aggr(');
    fc.assert(fc.property(fc.array(chars, { maxLength: 60 }).map((a) => a.join('')), analyseAll), { numRuns: 1500 });
  });

  it('on mutated real expressions', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, mutations) => {
        analyseAll(mutations.reduce(mutate, seed));
      }),
      { numRuns: 2500 },
    );
  });
});

// ---- a generator of valid expressions ----

const name = fc.constantFrom('Sales', 'Year', '[Sales Amount]', '"Order Date"', '`Cost`', 'Orders.Amount', 'Größe', '%Key');
const number = fc.constantFrom('1', '0.5', '.25', '1e3', '2024');
const str = fc.constantFrom("'a'", "'It''s'", "''", "'#ff0000'");
const element = fc.oneof(number, str, fc.constantFrom('"*x*"', '">=2020<=2021"', '"=Sum(Sales)>10"', 'Jan'));
const modifier = fc
  .array(
    fc.tuple(name, fc.constantFrom('=', '+=', '-=', '*=', '/='), fc.oneof(fc.array(element, { minLength: 1, maxLength: 3 }).map((e) => `{${e.join(', ')}}`), fc.constant(''), name, fc.constant('P({1} Year)'))),
    { minLength: 1, maxLength: 3 },
  )
  .map((items) => `<${items.map(([f, op, v]) => `${f}${op}${v}`).join(', ')}>`);
const setExpr = fc
  .tuple(fc.constantFrom('', '$', '1', '$1', '$_1', 'BM01', '[State A]'), fc.option(modifier, { nil: '' }), fc.option(fc.constantFrom(' + 1', ' * $<Year={1}>', ' - BM02'), { nil: '' }))
  .map(([id, mod, tail]) => `{${id || mod ? id + mod : '$'}${tail}}`);

const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    name,
    number,
    str,
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '&', '=', '<>', '<', '<=', '>', '>=', 'and', 'or', 'xor', 'like', 'bitand', '<<'), tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('expr').map((e) => `(${e})`),
    tie('expr').map((e) => `-${e}`),
    tie('expr').map((e) => `not ${e}`),
    fc.tuple(fc.constantFrom('Sum', 'count', 'AVG', 'Max', 'Only'), fc.option(setExpr, { nil: '' }), fc.constantFrom('', 'DISTINCT ', 'TOTAL ', 'TOTAL <Year, [Region]> '), tie('expr')).map(([f, s, q, e]) => `${f}(${s}${s ? ' ' : ''}${q}${e})`),
    fc.tuple(tie('expr'), tie('expr'), fc.option(tie('expr'), { nil: undefined })).map(([c, t, e]) => `If(${c}, ${t}${e === undefined ? '' : `, ${e}`})`),
    fc.tuple(tie('expr'), fc.constantFrom('Customer', '(Customer, (NUMERIC, DESC))', 'Year, Month')).map(([e, d]) => `Aggr(${e}, ${d})`),
    fc.tuple(fc.constantFrom('RangeSum', 'Alt', 'RangeMax'), fc.array(tie('expr'), { minLength: 1, maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.tuple(setExpr, tie('expr')).map(([s, e]) => `${s} (${e})`),
    tie('expr').map((e) => `${e} // comment\n`),
    tie('expr').map((e) => `/* c */ ${e}`),
  ),
}));

describe('valid generated expressions', () => {
  it('parse without diagnostics and print to a fixed point', () => {
    fc.assert(
      fc.property(expr, (text) => {
        const { diagnostics } = parseExpression(text);
        expect(diagnostics).toEqual([]);
        const once = normaliseExpression(text);
        expect(parseExpression(once).diagnostics).toEqual([]);
        expect(normaliseExpression(once)).toBe(once);
      }),
      { numRuns: 1500 },
    );
  });
});
