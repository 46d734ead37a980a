import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/context/partial-collection';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

const CLEAN = { badFieldNames: [], dangerousFieldNames: [] };

describe('G04 partial-collection', () => {
  it('is silent when everything was collected', () => {
    expect(runRule(rule, app().build()).findings).toEqual([]);
  });

  it('lists each part and object that failed with its reason', () => {
    const s = app()
      .sheet()
      .barchart({ id: 'c' })
      .app.issue({ part: 'sheets', objectId: 'gone', code: 'ENGINE_5', message: 'object not found' })
      .issue({ part: 'evaluation', code: 'HTTP_403', message: 'forbidden' })
      .build();
    const { findings, messages } = runRule(rule, s);
    expect(messages.sort()).toEqual(['Object gone could not be collected: object not found (ENGINE_5).', 'The app evaluation could not be collected: forbidden (HTTP_403).']);
    expect(findings.every((f) => f.data?.inPart === undefined)).toBe(true);
  });

  it('says once which parts one reason kept out (a REST-only run), object issues stay one each', () => {
    const reason = 'engine not reachable in API-key mode';
    const s = app()
      .issue({ part: 'sheets', code: 'ENGINE_UNAVAILABLE', message: reason })
      .issue({ part: 'variables', code: 'ENGINE_UNAVAILABLE', message: reason })
      .issue({ part: 'evaluation', code: 'HTTP_403', message: 'forbidden' })
      .build();
    const { findings, messages } = runRule(rule, s);
    expect(messages.sort()).toEqual([`Sheets and variables could not be collected: ${reason} (ENGINE_UNAVAILABLE).`, 'The app evaluation could not be collected: forbidden (HTTP_403).']);
    expect(findings.find((f) => f.message.startsWith('Sheets'))?.data).toMatchObject({ parts: ['sheets', 'variables'] });
  });

  it('names a part once when several of its issues share the reason (two calls for one reload)', () => {
    const s = app()
      .issue({ part: 'reloads', objectId: 'r1', code: 'HTTP_403', message: 'forbidden' })
      .issue({ part: 'reloads', objectId: 'r1', code: 'HTTP_403', message: 'forbidden' })
      .issue({ part: 'expressions', code: 'ENGINE_-128', message: 'failed' })
      .issue({ part: 'expressions', code: 'ENGINE_-128', message: 'failed' })
      .build();
    const { findings, messages } = runRule(rule, s);
    expect(messages.sort()).toEqual(['Expressions could not be collected: failed (ENGINE_-128).', 'Object r1 could not be collected: forbidden (HTTP_403).']);
    expect(findings.map((f) => f.data?.parts).sort()).toEqual([['expressions'], ['reloads']]);
  });

  describe('a part that was collected with issues is "not collected in full", not "not collected"', () => {
    it('a script read over REST, without the engine (no syntax check): apart from the engine parts that are missing', () => {
      const reason = 'engine not reachable in API-key mode';
      const s = app()
        .script('LOAD 1 AS A AUTOGENERATE 1;')
        .patch((snapshot) => delete snapshot.script?.syntaxErrors)
        .issue({ part: 'sheets', code: 'ENGINE_UNAVAILABLE', message: reason })
        .issue({ part: 'script', code: 'ENGINE_UNAVAILABLE', message: reason })
        .build();
      const { findings, messages } = runRule(rule, s);
      expect(messages.sort()).toEqual([
        `Sheets could not be collected: ${reason} (ENGINE_UNAVAILABLE).`,
        `The load script could not be collected in full: ${reason} (ENGINE_UNAVAILABLE). The script was read, but the engine did not check its syntax (CheckScriptSyntax): script syntax errors (S01) are not reported.`,
      ]);
      expect(findings.find((f) => f.message.startsWith('The load script'))?.data).toEqual({ part: 'script', code: 'ENGINE_UNAVAILABLE', message: reason, inPart: true });
    });

    it('a script that could not be read at all is "not collected"', () => {
      const s = app()
        .patch((snapshot) => delete snapshot.script)
        .issue({ part: 'script', code: 'ENGINE_-128', message: 'GetScript failed' })
        .build();
      expect(runRule(rule, s).messages).toEqual(['The load script could not be collected: GetScript failed (ENGINE_-128).']);
    });

    it('expressions read with some engine checks failed: how many lack which answer', () => {
      const s = app()
        .sheet()
        .kpi({ measure: 'Sum(A)' })
        .kpi({ measure: 'Sum(B)' })
        .kpi({ measure: 'Sum(C)' })
        .app.engineCheck('Sum(A)', CLEAN)
        .issue({ part: 'expressions', code: 'ENGINE_-128', message: 'CheckExpression failed: Generic error [engine error -128]' })
        .build();
      // GetFieldsFromExpression answered for two of the three
      for (const e of s.expressions) if (e.text !== 'Sum(C)') e.fieldsFromEngine = ['X'];
      const { findings, messages } = runRule(rule, s);
      expect(messages).toEqual([
        "Expressions could not be collected in full: CheckExpression failed: Generic error [engine error -128] (ENGINE_-128). 2 of the 3 expressions sent to the engine have no engine check (CheckExpression): the rules that need the engine's verdict could not run, and a syntax error in those expressions is found by Qlarity's parser alone. 1 of the 3 expressions sent to the engine has no field list from the engine (GetFieldsFromExpression).",
      ]);
      expect(findings[0]?.data).toMatchObject({ part: 'expressions', inPart: true });
    });

    it('says what a part lacks once, when several issues of the part have different reasons (an offline run)', () => {
      const s = app()
        .sheet()
        .kpi({ measure: 'Sum(A)' })
        .app.issue({ part: 'expressions', code: 'OFFLINE', message: 'CheckExpression is not available' })
        .issue({ part: 'expressions', code: 'OFFLINE', message: 'GetFieldsFromExpression is not available' })
        .build();
      // one code and part for both: each stays a finding of its own
      expect(runRule(rule, s).messages.sort()).toEqual([
        "Expressions could not be collected in full: CheckExpression is not available (OFFLINE). 1 of the 1 expressions sent to the engine has no engine check (CheckExpression): the rules that need the engine's verdict could not run, and a syntax error in those expressions is found by Qlarity's parser alone. 1 of the 1 expressions sent to the engine has no field list from the engine (GetFieldsFromExpression).",
        'Expressions could not be collected in full: GetFieldsFromExpression is not available (OFFLINE).',
      ]);
    });

    it('an object that was collected but not timed is "not collected in full", with the part it lacks', () => {
      const s = app()
        .sheet()
        .barchart({ id: 'c' })
        .app.issue({ part: 'timings', objectId: 'c', code: 'ENGINE_-128', message: 'GetLayout failed' })
        .build();
      const { findings, messages } = runRule(rule, s);
      expect(messages).toEqual(['Object c could not be collected in full (object layouts and timings): GetLayout failed (ENGINE_-128).']);
      expect(findings[0]?.data).toEqual({ part: 'timings', objectId: 'c', code: 'ENGINE_-128', message: 'GetLayout failed', inPart: true });
    });

    it('says "in full" when the part is there and only some of its data is missing (the script without its syntax check)', () => {
      const s = app().script('LOAD 1 AS X AUTOGENERATE 1;', { syntaxErrors: undefined }).issue({ part: 'script', code: 'ENGINE_-128', message: 'the syntax check failed' }).build();
      expect(runRule(rule, s).messages).toEqual([
        'The load script could not be collected in full: the syntax check failed (ENGINE_-128). The script was read, but the engine did not check its syntax (CheckScriptSyntax): script syntax errors (S01) are not reported.',
      ]);
    });

    it('puts an issue on one bookmark at that bookmark', () => {
      const s = app().bookmark({ id: 'b1', title: 'North' }).issue({ part: 'bookmarks', objectId: 'b1', code: 'OFFLINE_UNAVAILABLE', message: 'no selections kept' }).build();
      const { findings, messages } = runRule(rule, s);
      expect(messages).toEqual(['Bookmark b1 could not be collected in full (bookmarks): no selections kept (OFFLINE_UNAVAILABLE).']);
      expect(findings[0]?.target).toEqual({ kind: 'bookmark', id: 'b1', name: 'North' });
    });
  });
});
