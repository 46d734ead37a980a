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
    expect(runRule(rule, app().script(script).build()).found).toEqual([
      'S07 script:script Line 2 reads from a network share path written in the script: \\\\server\\share\\x.csv.',
      'S07 script:script Line 4 reads from a literal connection written in the script: DSN=Sales.',
      'S07 script:script Line 1 reads from a local drive path written in the script: C:\\Data\\sales.qvd.',
      'S07 script:script Line 3 reads from a URL written in the script: https://example.com/data.csv.',
    ]);
  });

  it('never shows the credentials a literal connection carries (message, data, export)', () => {
    const script = [
      'LOAD * FROM [https://etl:Hunter2!@files.example.com/sales.csv] (txt);',
      'LOAD * FROM [https://api.example.com/v1/orders?format=csv&api_key=AKIA1234SECRET&token=eyJhbGciOi.x.y] (txt);',
      "ODBC CONNECT TO [PWD=Hunter2!;DSN=Sales];",
      "OLEDB CONNECT TO 'Password=Hunter2!;Provider=SQLOLEDB';",
    ].join('\n');
    const { found, findings, result } = runRule(rule, app().script(script).build());
    expect([...found].sort()).toEqual([
      'S07 script:script Line 1 reads from a URL written in the script: https://etl:***@files.example.com/sales.csv.',
      'S07 script:script Line 2 reads from a URL written in the script: https://api.example.com/v1/orders?format=csv&api_key=***&token=***.',
      'S07 script:script Line 3 reads from a literal connection written in the script: PWD=***.',
      'S07 script:script Line 4 reads from a literal connection written in the script: Password=***.',
    ]);
    expect(findings.map((f) => f.data?.literal)).toEqual(expect.arrayContaining(['https://etl:***@files.example.com/sales.csv', 'PWD=***']));
    // nothing of the secrets anywhere in the result an export is made from
    const everything = JSON.stringify(result);
    for (const secret of ['Hunter2', 'AKIA1234SECRET', 'eyJhbGciOi']) expect(everything).not.toContain(secret);
  });
});
