import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/quality/variable-definition-error';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('Q17 variable-definition-error', () => {
  it('passes valid calculated variables and plain text variables', () => {
    const s = app().variable('vMax', '=Max(Year)').variable('vPath', 'lib://Data/file.qvd').variable('vM', 'Sum(Sales)').sheet().kpi({ measure: '$(vM)' }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('leaves calculated variables that do not parse to Q01, and set-modifier fragments alone', () => {
    const s = app().variable('vBad', '=Max(Year').variable('vFilter', '[Year]={2024}').sheet().kpi({ measure: 'Sum({<$(vFilter)>} Sales)' }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags a decimal-comma variable that breaks the expression', () => {
    const s = app().variable('vFactor', '1,05').sheet().kpi({ measure: 'Sum(Sales) * $(vFactor)' }).build();
    expect(runRule(rule, s).findings.map((f) => f.target)).toEqual([{ kind: 'variable', id: 'vFactor', name: 'vFactor' }]);
  });

  it('flags a variable that breaks the expression it is expanded into', () => {
    const s = app().variable('vMeasure', 'Sum(Sales) - Sum(Cost').sheet().kpi({ title: 'K', measure: '$(vMeasure) * 2' }).build();
    const { findings } = runRule(rule, s);
    expect(findings.map((f) => f.target.id)).toEqual(['vMeasure']);
    expect(findings[0].message).toContain('object "K"');
  });

  it('reports nothing when a live engine checked the expanded expression and found no error; records the parser gap (issue #14 item 1)', () => {
    const s = app()
      .variable('vFactor', '1,05')
      .sheet()
      .kpi({ measure: 'Sum(Sales) * $(vFactor)' })
      .app.engineCheck('Sum(Sales) * $(vFactor)', { badFieldNames: [], dangerousFieldNames: [] })
      .build();
    const { findings, result } = runRule(rule, s);
    expect(findings).toEqual([]);
    expect(result.errors.map((e) => [e.kind, e.rule, e.expression])).toEqual([['parser-gap', 'Q17', 'Sum(Sales) * $(vFactor)']]);
  });

  it('judges a variable the load script creates where it is expanded (issue #14 item 6)', () => {
    const s = app().script('SET vFactor = 1,05;\n').sheet().kpi({ measure: 'Sum(Sales) * $(vFactor)' }).build();
    const { findings } = runRule(rule, s);
    expect(findings.map((f) => [f.target.id, f.expression?.text])).toEqual([['vFactor', '1,05']]);
  });
});
