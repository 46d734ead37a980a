import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/design/unused-variable';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('D06 unused-variable', () => {
  it('passes variables used directly, transitively, by name and by a button', () => {
    const s = app()
      .variable('vA', 'Sum($(vB))')
      .variable('vB', 'Sales')
      .variable('vByName', '2024')
      .variable('vInput', '1')
      .variable('ThousandSep', ',', { isReserved: true })
      .sheet()
      .kpi({ measures: ['$(vA)', 'vByName * 2'] })
      .object('action-button', { properties: { actions: [{ actionType: 'setVariable', variable: 'vInput' }] } })
      .build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags unused variables, saying which the script created', () => {
    const s = app().variable('vOld', '1').variable('vLoad', '2', { isScriptCreated: true }).build();
    const { findings } = runRule(rule, s);
    expect(findings.map((f) => [f.target.id, f.data?.scriptCreated])).toEqual([['vLoad', true], ['vOld', false]]);
    expect(runRule(rule, s, { includeScriptCreated: false }).findings.map((f) => f.target.id)).toEqual(['vOld']);
    expect(runRule(rule, s).found).toEqual([
      'D06 variable:vLoad Variable "vLoad" is not used by any expression, object or other variable (created by the script, which may still use it).',
      'D06 variable:vOld Variable "vOld" is not used by any expression, object or other variable.',
    ]);
  });
});
