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

  it('counts a use in the load script: an expansion or a name in a statement, not the assignment or a DROP (issue #14 item 6)', () => {
    const script = ['SET vRoot = lib://Data/;', 'LET vLimit = 10;', 'LET vNext = vLimit + 1;', 'SET vAssignedOnly = 1;', 'LOAD * FROM [$(vRoot)orders.qvd] (qvd);', 'DROP VARIABLE vDropped;'].join('\n');
    const s = app()
      .script(script)
      .variable('vRoot', 'lib://Data/', { isScriptCreated: true })
      .variable('vLimit', '10', { isScriptCreated: true })
      .variable('vNext', '11', { isScriptCreated: true })
      .variable('vAssignedOnly', '1', { isScriptCreated: true })
      .variable('vDropped', 'x')
      .build();
    expect(runRule(rule, s).findings.map((f) => f.target.id).sort()).toEqual(['vAssignedOnly', 'vDropped', 'vNext']);
  });
});
