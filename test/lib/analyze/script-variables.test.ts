// The variables a reload of the load script leaves in the app (issue #14 item 6). Qlik help:
// "Working with variables in the data load editor", Set and Let statements (cloud-services).
import { describe, expect, it } from 'vitest';
import { assignmentsAfterReload, computedVariableNames, scriptMentions, scriptVariables, unquoteSetValue, VariableDefinitions } from '../../../lib/analyze/script-variables';

/** name → value of what an app folder lists as script-created variables */
const variablesAfterReload = (script: string) => new Map([...assignmentsAfterReload(script)].map(([name, { definition }]) => [name, definition]));
const definitions = (script: string) => Object.fromEntries([...scriptVariables(script)].map(([name, v]) => [name, v.definition]));

describe('scriptVariables', () => {
  it('keeps SET text, unquoting a value that is one quoted string (help: Set; SET ThousandSep=\',\')', () => {
    expect(definitions("SET ThousandSep=',';\nSET vPath = lib://Data/;\nSet Constant=\"My string\";\nSET vSum = Sum(Sales);\nSET vQ = 'it''s';\n")).toEqual({
      ThousandSep: { definition: ',' },
      vPath: { definition: 'lib://Data/' },
      Constant: { definition: 'My string' },
      vSum: { definition: 'Sum(Sales)' },
      vQ: { definition: "it's" },
    });
  });

  it('gives a LET the value of its expression, known only for a literal (help: Let evaluates at script run time; "Variable calculation": Let vSales2 = \'=Sum(Sales)\')', () => {
    expect(definitions("LET vYear = Year(Today());\nLET vN = 7;\nlet vText = 'abc';\nLet vSales2 = '=Sum(Sales)';\n")).toEqual({
      vYear: { definition: '=Year(Today())' },
      vN: { definition: '7' },
      vText: { definition: 'abc' },
      vSales2: { definition: '=Sum(Sales)' },
    });
  });

  it('reads names built with $(…) as patterns, and skips comments', () => {
    const vars = scriptVariables("FOR EACH t IN 'Reloads','Lineage'\n  LET file_size_$(t) = FileSize('x');\nNEXT t\n// SET vCommented = 1;\n/* LET vBlock = 2; */\nREM SET vRem = 3;\n");
    expect([...vars.keys()]).toEqual(['file_size_$(t)']);
    const map = new VariableDefinitions([], vars);
    expect(map.get('file_size_Reloads')).toEqual({ definition: "=FileSize('x')" });
    expect(map.has('file_size_')).toBe(false);
    expect(map.has('other')).toBe(false);
  });

  it('follows DROP VARIABLE(S), empty assignments and ScriptOnlyVariables (help: Deleting a variable)', () => {
    const script = ['SET a = 1;', 'SET b = 2;', 'DROP VARIABLES a, [b];', 'LET c = 3;', 'LET c = ;', 'SET ScriptOnlyVariables = 1;', 'SET hidden = 4;', 'SET ScriptOnlyVariables = 0;', 'SET shown = 5;'].join('\n');
    expect(Object.keys(definitions(script))).toEqual(['shown']);
  });

  it('lets the app list win over the script for a name both have', () => {
    const map = new VariableDefinitions([['vX', { definition: 'listed' }]], scriptVariables('SET vX = scripted;\nSET vY = only in script;'));
    expect(map.get('vX')).toEqual({ definition: 'listed' });
    expect(map.get('vY')).toEqual({ definition: 'only in script' });
  });

  it('survives hostile scripts', () => {
    expect(scriptVariables(undefined).size).toBe(0);
    expect(scriptVariables('SET = ;\nLET ;\nSET x = \'unterminated;\n').size).toBe(0);
    expect(unquoteSetValue("'a'b'")).toBe("'a'b'");
  });
});

describe('variablesAfterReload (what an app folder lists as script-created variables)', () => {
  it('follows SET/LET/DROP in order and leaves ScriptOnlyVariables ones out', () => {
    const vars = variablesAfterReload("SET a = 1;\nLET b = Now();\n// SET c = 3;\nSET ScriptOnlyVariables = 1;\nSET tmp = 2;\nSET ScriptOnlyVariables = 0;\nDROP VARIABLE b;\nSET d = 'x';\n");
    expect([...vars]).toEqual([
      ['a', '1'],
      ['d', 'x'],
    ]);
  });

  it('gives the line of the assignment that leaves each variable, comments spanning lines counted', () => {
    const vars = assignmentsAfterReload("/* header\n   SET hidden = 1;\n*/\nSET a = 1;\nREM a note\n  over two lines;\n  LET b = 2;\nSET a = 3;\n");
    expect([...vars]).toEqual([
      ['a', { definition: '3', line: 8 }],
      ['b', { definition: '2', line: 7 }],
    ]);
  });

  it('lists the SET text and a LET literal as the engine stores them, and any other LET as written (no engine runs it)', () => {
    const vars = variablesAfterReload("SET vPath = 'lib://Data/';\nLET vN = 7;\nLET vText = 'it''s';\nLET vNow = Now();\nSET vSum = Sum(Sales); // the sum\n");
    expect([...vars]).toEqual([
      ['vPath', 'lib://Data/'],
      ['vN', '7'],
      ['vText', "it's"],
      ['vNow', 'Now()'],
      ['vSum', 'Sum(Sales)'],
    ]);
  });

  it('reads bracketed and non-ASCII names, and leaves out names built with $(…)', () => {
    const vars = variablesAfterReload("SET [v Space] = 1;\nSET vÅr = 2;\nSET v$Cost = 3;\nLET size_$(t) = 4;\n");
    expect([...vars.keys()]).toEqual(['v Space', 'vÅr', 'v$Cost']);
  });

  it('follows the statements in order: an overwrite keeps the last value, DROP, empty values and ScriptOnlyVariables remove', () => {
    const script = "SET a = 1;\nSET a = 2;\nLET b = Now();\n// SET c = 3;\nSET ScriptOnlyVariables = 1;\nSET tmp = 2;\nLET ScriptOnlyVariables = '0';\nDROP VARIABLE b;\nSET d = ;\nSET e = 'x';\n";
    expect([...variablesAfterReload(script)]).toEqual([
      ['a', '2'],
      ['e', 'x'],
    ]);
  });
});

describe('computedVariableNames', () => {
  it('lists every name a SET or LET builds with $(…), in text order, bracketed or not', () => {
    expect(computedVariableNames("FOR EACH t IN 'A','B'\n  LET size_$(t) = 1;\n  SET [label $(t)] = x;\n  // LET hidden_$(t) = 2;\nNEXT t\nSET plain = 1;\n")).toEqual(['size_$(t)', 'label $(t)']);
    expect(computedVariableNames('SET plain = 1;')).toEqual([]);
  });
});

describe('scriptMentions', () => {
  it('keeps what statements use, not the names they assign or drop', () => {
    const text = scriptMentions("SET vA = 1;\nLET vB = $(vA) + 1;\nLET size_$(vT) = 2;\nDROP VARIABLE vC;\nLOAD * FROM [$(vPath)];\n");
    expect(text).toContain('$(vA)');
    expect(text).toContain('$(vT)');
    expect(text).toContain('$(vPath)');
    expect(text).not.toMatch(/\bvB\b/);
    expect(text).not.toMatch(/\bvC\b/);
    expect(scriptMentions('SET vOn = 0; // set vFlag to 1 to enable\nLOAD * FROM [lib://Data/a.qvd];')).not.toContain('vFlag');
    expect(scriptMentions('LOAD * FROM [lib://Data/$(vFile)];')).toContain('$(vFile)');
  });
});
