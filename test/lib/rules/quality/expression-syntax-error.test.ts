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
});
