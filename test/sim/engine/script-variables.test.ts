import { beforeEach, describe, expect, it } from 'vitest';
import type { AppModel } from '../app/app-model';
import { appModelOf } from '../app/load-app';
import { fixtureApp } from '../spec/fixture-app';
import { scriptVariables } from './evaluate';

let model: AppModel;
beforeEach(async () => {
  model = appModelOf(await fixtureApp());
});

const varsOf = (script: string) => {
  model.script = script;
  return Object.fromEntries(scriptVariables(model));
};

describe('scriptVariables: the variables a reload leaves in the app', () => {
  it('keeps SET text, unquoting a value that is one quoted string, a quoted ; included (help: Set)', () => {
    expect(varsOf("SET vPath = lib://Data/;\r\nSET vQuoted = 'a;b';\r\nSet Constant=\"My string\";\r\nSET vSum = Sum(Sales);\r\n")).toEqual({
      vPath: 'lib://Data/',
      vQuoted: 'a;b',
      Constant: 'My string',
      vSum: 'Sum(Sales)',
    });
  });

  it('gives a LET the value of its expression, evaluated at reload (help: Let, set x = 3 + 4 vs let x = 3 + 4)', () => {
    const vars = varsOf("SET x = 3 + 4;\nLET y = 3 + 4;\nLET z = $(y) + 1;\nLET vText = 'abc';\nLET vYear = Year(Today());\n");
    expect(vars).toMatchObject({ x: '3 + 4', y: '7', z: '8', vText: 'abc' });
    expect(vars.vYear).not.toBe('Year(Today())');
    expect(Number.isFinite(Number(vars.vYear))).toBe(true);
  });

  it('expands each statement with the variables so far and runs FOR EACH over a literal list: names built with $(…) get their real names', () => {
    const script = ["SET vRoot = lib://Data;", "SET vFile = '$(vRoot)/orders.qvd';", "FOR EACH t IN 'Reloads','Errors'", "  LET file_size_$(t) = 10;", 'NEXT t'].join('\n');
    expect(varsOf(script)).toEqual({ vRoot: 'lib://Data', vFile: 'lib://Data/orders.qvd', file_size_Reloads: '10', file_size_Errors: '10' });
  });

  it('deletes a variable the script assigns an empty value, and re-creates it when assigned again', () => {
    expect(varsOf('LET vMinDate = 1;\nLET vMaxDate = 2;\nLET vMinDate = ;\nSET vMaxDate=;\nSET vMaxDate = 3;\n')).toEqual({ vMaxDate: '3' });
  });

  it('follows DROP VARIABLE(S) and ScriptOnlyVariables, and ignores commented-out statements', () => {
    const script = ['SET a = 1;', 'SET b = 2;', 'DROP VARIABLES a, [b];', 'SET ScriptOnlyVariables = 1;', 'SET hidden = 3;', 'SET ScriptOnlyVariables = 0;', 'SET shown = 4;', '// SET commented = 5;', '/* SET blocked = 6; */', 'REM SET remmed = 7;'].join('\n');
    expect(varsOf(script)).toEqual({ shown: '4' });
  });
});
