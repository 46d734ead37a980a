import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/context/partial-collection';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('G04 partial-collection', () => {
  it('is silent when everything was collected', () => {
    expect(runRule(rule, app().build()).findings).toEqual([]);
  });

  it('lists each part and object that failed with its reason', () => {
    const s = app()
      .sheet()
      .barchart({ id: 'c' })
      .app.issue({ part: 'objects', objectId: 'c', code: 'ENGINE_5', message: 'object not found' })
      .issue({ part: 'evaluation', code: 'HTTP_403', message: 'forbidden' })
      .build();
    expect(runRule(rule, s).messages.sort()).toEqual(['Object c could not be collected: object not found (ENGINE_5).', 'The app evaluation could not be collected: forbidden (HTTP_403).']);
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

  it('says "in full" when the part is there and only some of its data is missing (the script without its syntax check)', () => {
    const s = app().script('LOAD 1 AS X AUTOGENERATE 1;', { syntaxErrors: undefined }).issue({ part: 'script', code: 'ENGINE_-128', message: 'the syntax check failed' }).build();
    expect(runRule(rule, s).messages).toEqual(['The load script could not be collected in full: the syntax check failed (ENGINE_-128).']);
  });

  it('puts an issue on one bookmark at that bookmark', () => {
    const s = app().bookmark({ id: 'b1', title: 'North' }).issue({ part: 'bookmarks', objectId: 'b1', code: 'OFFLINE_UNAVAILABLE', message: 'no selections kept' }).build();
    const { findings, messages } = runRule(rule, s);
    expect(messages).toEqual(['Bookmark b1 could not be collected in full: no selections kept (OFFLINE_UNAVAILABLE).']);
    expect(findings[0]?.target).toEqual({ kind: 'bookmark', id: 'b1', name: 'North' });
  });
});
