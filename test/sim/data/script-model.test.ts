import { describe, expect, it } from 'vitest';
import { readScriptModel, splitStatements, splitTopLevel, tablesAndKeysFromScript } from './script-model';

const fieldsOf = (script: string) => Object.fromEntries(readScriptModel(script).tables);

describe('readScriptModel: the fields a load script creates', () => {
  it('names fields by alias, bare and quoted names, and follows a preceding load (its * = the fields below)', () => {
    const script = `Sales:\nLOAD *, Amount * 2 AS [Double Amount];\nLOAD "Order ID", [Sales Amount] AS Amount, \`Region\`\nFROM [lib://data/sales.qvd] (qvd);`;
    expect(fieldsOf(script)).toEqual({ Sales: ['Order ID', 'Amount', 'Region', 'Double Amount'] });
  });

  it('reads INLINE headers (with their delimiter), RESIDENT *, and leaves MAPPING loads out', () => {
    const script = `Map: MAPPING LOAD * INLINE [a, b\n1, 2];\nT: LOAD * INLINE [\nx|y\n1|2\n] (delimiter is '|');\nU: NoConcatenate LOAD * RESIDENT T;`;
    expect(fieldsOf(script)).toEqual({ T: ['x', 'y'], U: ['x', 'y'] });
  });

  it('applies JOIN into the target, keeps KEEP apart, and applies DROP and RENAME', () => {
    const script = [
      'A: LOAD k, a FROM a.qvd (qvd);',
      'LEFT JOIN (A) LOAD k, b RESIDENT A;',
      'K: LEFT KEEP (A) LOAD k, c FROM c.qvd (qvd);',
      'RENAME FIELD c TO cc;',
      'DROP FIELD b;',
      'Tmp: LOAD k AS t FROM t.qvd (qvd);',
      'DROP TABLE Tmp;',
    ].join('\n');
    expect(fieldsOf(script)).toEqual({ A: ['k', 'a'], K: ['k', 'cc'] });
  });

  it('reads every statement whatever the control flow, and REST-connector SQL columns with aliases', () => {
    const script = `IF 1 = 1 THEN\n  R:\n  SQL SELECT "__KEY_root", (SELECT "id", "href" AS "href_u0", "__FK_data" FROM "data" FK "__FK_data") FROM JSON (wrap on) "root" PK "__KEY_root";\nEND IF\nEXIT SCRIPT;\nLater: LOAD z FROM z.qvd (qvd);`;
    expect(fieldsOf(script)).toEqual({ R: ['__KEY_root', 'id', 'href_u0', '__FK_data'], Later: ['z'] });
  });

  it('reports what it cannot follow instead of guessing', () => {
    const { unresolved } = readScriptModel('T$(i): LOAD a AS b$(i) FROM x.qvd (qvd);\nLOAD * FROM [$(file)] (qvd);');
    expect(unresolved).toHaveLength(2);
    expect(unresolved.join('\n')).toMatch(/dollar expansion[\s\S]*LOAD \*/);
  });
});

describe('tablesAndKeysFromScript', () => {
  it('makes a GetTablesAndKeys model whose shared fields are keys, with reviewed additions and loop ranges', () => {
    const model = tablesAndKeysFromScript('A: LOAD k, a FROM a.qvd (qvd);\nB: LOAD k, b FROM b.qvd (qvd);', [
      { table: 'L$(i)', field: 'f$(i)', range: [1, 2], why: 'a loop' },
    ]) as { qtr: { qName: string; qFields: { qName: string; qKeyType: string }[] }[]; qk: unknown[] };
    expect(model.qtr.map((t) => [t.qName, t.qFields.map((f) => `${f.qName}:${f.qKeyType}`)])).toEqual([
      ['A', ['k:ANY_KEY', 'a:NOT_KEY']],
      ['B', ['k:ANY_KEY', 'b:NOT_KEY']],
      ['L1', ['f1:NOT_KEY']],
      ['L2', ['f2:NOT_KEY']],
    ]);
    expect(model.qk).toEqual([{ qKeyFields: ['k'], qTables: ['A', 'B'] }]);
  });
});

describe('the script splitters (one walk outside quotes, brackets and parentheses)', () => {
  it("splits statements on ';' outside quotes, brackets and parentheses, and goes on after a stray ')'", () => {
    expect(splitStatements("LET a = 'x;y';\nT: LOAD [p;q], f(1;2) AS z INLINE [a\n1];\nLET b = 1);\nLET c = 2;")).toEqual([
      "LET a = 'x;y'",
      'T: LOAD [p;q], f(1;2) AS z INLINE [a\n1]',
      'LET b = 1)',
      'LET c = 2',
    ]);
  });

  it("splits a list on its separator at the top level only; a stray ')' stops the split until a '(' balances it", () => {
    expect(splitTopLevel('a, f(b, c), "d, e", [g, h]')).toEqual(['a', 'f(b, c)', '"d, e"', '[g, h]']);
    expect(splitTopLevel('a), b, (c, d')).toEqual(['a), b, (c', 'd']);
  });
});
