// Dollar expansion exactly as the engine does it: text replacement before parsing. Q01 judges the text
// as written without inventing errors that only an expansion could cause or cure; Q17 judges the
// expanded text and names only the variable that breaks it.
import { describe, expect, it } from 'vitest';
import { analyseExpression, brokenExpansions, judgeExpansion, parseExpression, type VariableDefinition } from '../../../lib/expression/index';
import q01 from '../../../lib/rules/quality/expression-syntax-error';
import q17 from '../../../lib/rules/quality/variable-definition-error';
import { app } from '../../fixtures/builders';
import { runRule } from '../rules/run-rule';

const vars = (entries: Record<string, string>): Map<string, VariableDefinition> =>
  new Map(Object.entries(entries).map(([name, definition]) => [name, { definition }]));
const errors = (text: string) => parseExpression(text).diagnostics.filter((d) => d.severity === 'error');

describe('the text as written: $(…) may be any fragment', () => {
  it('gives no error for a variable whose text an expansion completes', () => {
    expect(errors('=Max$(vOpen)Aggr$(vOpen)Avg(x),A))')).toEqual([]);
    expect(errors('Sum(Sales) $(vScale)')).toEqual([]);
    expect(errors('Sum(Sales $(vClose)')).toEqual([]);
  });

  it('keeps what it cannot tell as information, not as an error', () => {
    const d = parseExpression('=Max$(vOpen)Aggr$(vOpen)Avg(x),A))').diagnostics;
    expect(d.map((x) => x.severity)).toEqual(['info']);
    expect(d[0].message).toContain('unless the $(…) text completes it');
  });

  it('still reports errors that no expansion can cure', () => {
    expect(errors('Sum($(vField)').map((d) => d.message)).toEqual(["Expected ')' to close 'Sum(' but found end of expression"]);
    expect(errors('Sum({<Year = {$(vYear)}>} Sales').length).toBe(1);
    expect(errors('Sum(Sales +* 2) + $(vX)').length).toBeGreaterThan(0);
  });

  it('reads a string of many unclosed $( once, not once per $( (hostile text)', () => {
    const hostile = `'${'$('.repeat(200_000)}'`;
    const started = Date.now();
    const d = parseExpression(hostile).diagnostics;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(d).toEqual([]);
  });

  it('never ends a string at a quote inside an unexpanded $(=…)', () => {
    expect(errors("Sum({<M={'$(=Date(Max(D),'MMM YYYY'))'}>} x)")).toEqual([]);
    expect(errors("='As of ' & '$(=Date(Max(D), 'DD.MM.YYYY'))'")).toEqual([]);
  });
});

describe('brokenExpansions: the variable that breaks an expression', () => {
  it('blames nobody when the expansion completes a fragment', () => {
    expect(brokenExpansions('=Max$(vOpen)Aggr$(vOpen)Avg(x),A))', vars({ vOpen: '(' }))).toEqual([]);
  });

  it('names the variable that breaks it, not every variable the expression uses', () => {
    const broken = brokenExpansions('Sum({<Year={$(vYear)}>} Sales) * $(vFactor)', vars({ vYear: '2024', vFactor: '1,05' }));
    expect(broken.map((b) => b.variable)).toEqual(['vFactor']);
    expect(broken[0].diagnostic).toMatchObject({ code: 'syntax', severity: 'error' });
  });

  it('names a fragment that yields an invalid expression', () => {
    expect(brokenExpansions('=Max$(vOpen)Aggr$(vOpen)Avg(x),A))', vars({ vOpen: ')' })).map((b) => b.variable)).toEqual(['vOpen']);
  });

  it('names each of two variables that break it on their own', () => {
    expect(brokenExpansions('$(vA) * $(vB)', vars({ vA: '1,05', vB: '2,5' })).map((b) => b.variable)).toEqual(['vA', 'vB']);
  });

  it('blames no variable for an error of the text that only the expansion reveals, and says it is in the text', () => {
    // Sales$(vYear) may be any name until expanded; once expanded, the missing ')' is the text's own
    const verdict = judgeExpansion('Sum(Sales$(vYear)', vars({ vYear: '2024' }));
    expect(verdict.broken).toEqual([]);
    expect(verdict.written.map((d) => [d.message, d.from])).toEqual([["Expected ')' to close 'Sum(' but found end of expression", 17]]);
    expect(judgeExpansion('Sum(Sales$(vYear))', vars({ vYear: '2024' }))).toEqual({ broken: [], written: [] });
  });

  it('blames no variable when the text is broken whatever they hold', () => {
    expect(brokenExpansions('Sum(Sales +* $(vX))', vars({ vX: '1' }))).toEqual([]);
  });
});

describe('analyseExpression expands first, then parses', () => {
  it('reads the completed text of a fragment variable, with its fields', () => {
    const a = analyseExpression('=Max$(vOpen)Aggr$(vOpen)Avg(x),A))', { variables: vars({ vOpen: '(' }) });
    expect(a.expandedText).toBe('=Max(Aggr(Avg(x),A))');
    expect(a.diagnostics).toEqual([]);
    expect(a.references.fields.map((f) => f.name).sort()).toEqual(['A', 'x']);
  });
});

describe('Q01 and Q17 on expansions', () => {
  it('reports neither for a variable holding an operator and its operand', () => {
    const s = app().variable('vScale', '/ 1000').sheet().kpi({ measure: 'Sum(Sales) $(vScale)' }).build();
    expect(runRule(q01, s).findings).toEqual([]);
    expect(runRule(q17, s).findings).toEqual([]);
  });

  it('reports neither for a fragment variable that the expansion completes', () => {
    const s = app().variable('vOpen', '(').sheet().kpi({ measure: '=Max$(vOpen)Aggr$(vOpen)Avg(x),A))' }).build();
    expect(runRule(q01, s).findings).toEqual([]);
    expect(runRule(q17, s).findings).toEqual([]);
  });

  it('Q17 names the fragment variable when its expansion yields an invalid expression, and Q01 stays silent', () => {
    const s = app().variable('vOpen', ')').sheet().kpi({ measure: '=Max$(vOpen)Aggr$(vOpen)Avg(x),A))' }).build();
    expect(runRule(q01, s).findings).toEqual([]);
    expect(runRule(q17, s).findings.map((f) => f.target.id)).toEqual(['vOpen']);
  });

  it('Q17 names only the variable that breaks the expression', () => {
    const s = app()
      .variable('vYear', '2024')
      .variable('vFactor', '1,05')
      .sheet()
      .kpi({ measure: 'Sum({<Year={$(vYear)}>} Sales) * $(vFactor)' })
      .build();
    expect(runRule(q17, s).findings.map((f) => f.target.id)).toEqual(['vFactor']);
  });

  it('Q01 accepts a quoted $(=…) with quotes inside', () => {
    const s = app().sheet().kpi({ measure: "Sum({<M={'$(=Date(Max(D),'MMM YYYY'))'}>} x)" }).build();
    expect(runRule(q01, s).findings).toEqual([]);
  });
});
