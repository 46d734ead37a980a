import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/resource/binary-then-drop';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('R17 binary-then-drop', () => {
  it('passes BINARY with a RESIDENT reload, and DROP without BINARY', () => {
    expect(runRule(rule, app().script('BINARY [lib://a.qvf];\nDROP FIELD X;\nT2: NoConcatenate LOAD * RESIDENT T; DROP TABLE T;').build()).findings).toEqual([]);
    expect(runRule(rule, app().script('LOAD 1 AS X AUTOGENERATE 1;\nDROP FIELD X;').build()).findings).toEqual([]);
  });

  it('flags BINARY then DROP FIELDS', () => {
    expect(runRule(rule, app().script('BINARY [lib://a.qvf];\n\nDROP FIELDS A, B;').build()).findings[0].data).toEqual({ line: 3 });
    expect(runRule(rule, app().script('BINARY [lib://a.qvf];\n\nDROP FIELDS A, B;').build()).found).toEqual([
      'R17 script:script The script loads BINARY and then drops fields (line 3) without reloading any table RESIDENT: the memory of the dropped fields is not released.',
    ]);
  });

  it('could not run without script rights', () => {
    expect(runRule(rule, app().noScript().build()).run.status).toBe('could-not-run');
  });
});
