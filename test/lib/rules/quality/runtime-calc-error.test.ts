import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/quality/runtime-calc-error';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('Q11 runtime-calc-error', () => {
  const withError = (code: number) =>
    app().sheet().barchart({ id: 'c', title: 'Chart' }, { layoutErrors: [{ path: '/qHyperCube/qError', qErrorCode: code }] }).app.timings([{ objectId: 'c', firstMs: 10 }]).build();

  it('passes objects without errors, unfulfilled calculation conditions and limits (P05)', () => {
    for (const code of [7005, 7014, 7002]) expect(runRule(rule, withError(code)).findings).toEqual([]);
  });

  it('flags a calculation error with the engine message', () => {
    expect(runRule(rule, withError(7008)).messages[0]).toContain('Invalid properties sort order (7008)');
    expect(runRule(rule, withError(7008)).found).toEqual([
      'Q11 object:c Object "Chart" fails to calculate: Invalid properties sort order (7008) at /qHyperCube/qError.',
    ]);
  });

  it('could not run without collected layouts', () => {
    expect(runRule(rule, app().sheet().barchart().build()).run.status).toBe('could-not-run');
  });

  it('leaves a calculation error to Q01 only when Q01 reports it: not when the engine accepted what our parser rejects (issue #14 item 1)', () => {
    const broken = (check?: { errorMsg?: string }) => {
      const b = app().sheet().barchart({ id: 'c', title: 'Chart', measure: 'Sum(Sales' }, { layoutErrors: [{ path: '/qHyperCube/qError', qErrorCode: 7008 }] }).app.timings([{ objectId: 'c', firstMs: 10 }]);
      return (check ? b.engineCheck('Sum(Sales', { badFieldNames: [], dangerousFieldNames: [], ...check }) : b).build();
    };
    expect(runRule(rule, broken()).findings).toEqual([]);
    expect(runRule(rule, broken({ errorMsg: 'Error in expression' })).findings).toEqual([]);
    expect(runRule(rule, broken({})).findings.map((f) => f.target.id)).toEqual(['c']);
  });
});
