import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/script/script-syntax-error';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('S01 script-syntax-error', () => {
  it('passes a script without errors', () => {
    expect(runRule(rule, app().script('LOAD 1 AS X AUTOGENERATE 1;').build()).findings).toEqual([]);
  });

  it('reports the tab, line and text of an error, skipping secondary failures', () => {
    const text = 'LOAD 1 AS X AUTOGENERATE 1;\nLOAD FROM;';
    const s = app().script(text, { tabs: ['Main'], syntaxErrors: [{ qTabIx: 0, qLineInTab: 1, qColInLine: 5, qTextPos: 33, qErrLen: 4 }, { qTabIx: 0, qSecondaryFailure: true }] }).build();
    expect(runRule(rule, s).messages).toEqual(['Syntax error in Main, line 2, column 6: "FROM".']);
  });

  it("gives the line in the whole script as data.line (from qTextPos), the tab's own line in the message", () => {
    const text = '///$tab Main\nLOAD 1 AS X AUTOGENERATE 1;\n///$tab Orders\nLOAD 2 AS Y AUTOGENERATE 1;\nLOAD FROM;';
    const at = text.indexOf('FROM');
    const s = app().script(text, { tabs: ['Main', 'Orders'], syntaxErrors: [{ qTabIx: 1, qLineInTab: 1, qColInLine: 5, qTextPos: at, qErrLen: 4 }] }).build();
    const { findings, messages } = runRule(rule, s);
    expect(messages).toEqual(['Syntax error in Orders, line 2, column 6: "FROM".']);
    expect(findings[0]?.data).toMatchObject({ line: 5, lineInTab: 2, tab: 'Orders' });
  });

  it('could not run without the syntax check or the script, and says why', () => {
    expect(runRule(rule, app().script('x', { syntaxErrors: undefined }).build()).run).toMatchObject({
      status: 'could-not-run',
      reason: "the script's syntax was not checked: the engine's CheckScriptSyntax was not collected",
    });
    // the check failed: the collection issue's reason
    const failed = app().script('x', { syntaxErrors: undefined }).issue({ part: 'script', code: 'ENGINE_-128', message: 'the engine did not answer' }).build();
    expect(runRule(rule, failed).run).toMatchObject({ status: 'could-not-run', reason: "the script's syntax was not checked: the engine did not answer" });
    expect(runRule(rule, app().noScript().build()).run.reason).toBe('no rights to read the load script');
  });
});
