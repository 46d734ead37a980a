import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/script/hard-coded-connection';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('S07 hard-coded-connection', () => {
  it('passes lib:// connections', () => {
    expect(runRule(rule, app().script("LIB CONNECT TO 'DB';\nLOAD * FROM [lib://Data/sales.qvd] (qvd);").build()).findings).toEqual([]);
  });

  it('flags local paths, shares, URLs and literal ODBC strings', () => {
    const script = [
      'LOAD * FROM [C:\\Data\\sales.qvd] (qvd);',
      "LOAD * FROM '\\\\server\\share\\x.csv';",
      'LOAD * FROM [https://example.com/data.csv] (txt);',
      'ODBC CONNECT TO [DSN=Sales;UID=me];',
    ].join('\n');
    const { findings } = runRule(rule, app().script(script).build());
    expect(findings.map((f) => f.data?.line).sort()).toEqual([1, 2, 3, 4]);
  });
});
