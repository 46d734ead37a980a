import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/quality/expression-syntax-error';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('Q01 expression-syntax-error', () => {
  it('passes valid expressions everywhere', () => {
    const s = app().sheet().barchart({ measure: 'Sum(Sales)', dimension: '=Upper(Region)', calcCondition: 'Count(Region) < 100', showCondition: '=1' }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('finds errors in a measure and in a calculation condition, pointing at the position', () => {
    const s = app().sheet().barchart({ id: 'c', title: 'Broken', measure: 'Sum(Sales', calcCondition: 'Count(Region) <' }).build();
    const { findings } = runRule(rule, s);
    expect(findings.map((f) => f.path).sort()).toEqual(['/qHyperCubeDef/qCalcCondition/qCond/qv', '/qHyperCubeDef/qMeasures/0/qDef/qDef']);
    expect(findings.every((f) => f.target.id === 'c')).toBe(true);
    expect(findings.find((f) => f.path?.includes('qMeasures'))?.message).toMatch(/measure 1 of object "Broken"/);
  });

  it('reports an error only the engine found', () => {
    const s = app().sheet().kpi({ measure: 'Sum(Sales)' }).app.engineCheck('Sum(Sales)', { errorMsg: 'Error in expression', badFieldNames: [], dangerousFieldNames: [] }).build();
    expect(runRule(rule, s).messages[0]).toContain('engine: Error in expression');
  });

  it('reports calculated variables that do not parse, not text variables or expansion errors (Q17)', () => {
    const s = app().variable('vText', 'Hello (world').variable('vCalc', '=Max(Year').variable('vFactor', '1,05').sheet().kpi({ measure: 'Sum(Sales) * $(vFactor)' }).build();
    const { findings } = runRule(rule, s);
    expect(findings.map((f) => f.target)).toEqual([{ kind: 'variable', id: 'vCalc', name: 'vCalc' }]);
  });

  // Dollar-sign expansion (help: "Dollar-sign expansion") is text replacement before parsing: the text as
  // written cannot tell whether `$(vYear)` glued to a name completes it, but once expanded the missing ')' shows
  it('reports an error in the text as written that only the expanded text reveals, not a fragment the expansion completes', () => {
    const broken = app().variable('vYear', '2020').sheet().kpi({ id: 'k', measure: 'Sum(Sales$(vYear)' }).build();
    expect(runRule(rule, broken).findings.map((f) => f.target.id)).toEqual(['k']);
    const completed = app().variable('vOpen', '(').sheet().kpi({ measure: 'Max$(vOpen)Sales)' }).build();
    expect(runRule(rule, completed).findings).toEqual([]);
  });

  // issue #14 item 1: the engine's verdict wins on syntax
  const ok = { badFieldNames: [], dangerousFieldNames: [] };

  it('reports nothing when a live engine checked the expression and found no error, and records the parser gap in the result', () => {
    const s = app().sheet().kpi({ id: 'k1', title: 'Revenue', measure: 'Sum(Sales' }).app.engineCheck('Sum(Sales', ok).build();
    const { findings, result } = runRule(rule, s);
    expect(findings).toEqual([]);
    expect(result.errors).toEqual([
      {
        kind: 'parser-gap',
        rule: 'Q01',
        message: expect.stringContaining('The engine accepted the measure 1 of object "Revenue"'),
        expression: 'Sum(Sales',
        parserMessage: expect.any(String),
        target: expect.objectContaining({ kind: 'object', id: 'k1' }),
        path: '/qHyperCubeDef/qMeasures/0/qDef/qDef',
      },
    ]);
  });

  it('treats an empty engine message as no error too', () => {
    const s = app().sheet().kpi({ measure: 'Sum(Sales' }).app.engineCheck('Sum(Sales', { ...ok, errorMsg: '  ' }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('lets our parser decide alone in an offline snapshot (no engine check), with no parser gap', () => {
    const s = app().sheet().kpi({ measure: 'Sum(Sales' }).build();
    expect(s.expressions.every((e) => e.check === undefined)).toBe(true);
    const { findings, result } = runRule(rule, s);
    expect(findings).toHaveLength(1);
    expect(result.errors).toEqual([]);
  });

  it('reports when the engine and our parser agree on an error, with both messages', () => {
    const s = app().sheet().kpi({ measure: 'Sum(Sales' }).app.engineCheck('Sum(Sales', { ...ok, errorMsg: 'Error in expression' }).build();
    const { findings, result } = runRule(rule, s);
    expect(findings).toHaveLength(1);
    expect(findings[0].data).toMatchObject({ engineMessage: 'Error in expression', parserMessage: expect.any(String) });
    expect(result.errors).toEqual([]);
  });

  it('does not check what Sense keeps but does not evaluate: qLayoutExclude, an inactive colour mode, a switched-off colour expression (docs/property-shapes.md)', () => {
    const s = app()
      .sheet()
      .barchart({
        measure: 'Sum(Sales)',
        properties: {
          qLayoutExclude: { disabled: { measureAxis: { max: { qValueExpression: { qExpr: 'Max(Sales' } } } } },
          color: { auto: false, mode: 'byDimension', colorExpression: '=If(Sum(Sales) >, Red())' },
          style: { font: { useColorExpression: false, colorExpression: { qStringExpression: { qExpr: 'RGB(1,2' } } } },
        },
      })
      .build();
    expect(runRule(rule, s).findings).toEqual([]);
    expect(s.mentions?.map((m) => m.reason).sort()).toEqual(['inactive-colour', 'inactive-colour', 'kept-not-evaluated']);
  });
});
