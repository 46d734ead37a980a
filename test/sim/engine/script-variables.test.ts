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
  it('keeps SET text and LET expressions as written, a quoted ; included', () => {
    expect(varsOf("SET vPath = lib://Data/;\r\nLET vYear = Year(Today());\r\nSET vQuoted = 'a;b';\r\n")).toEqual({ vPath: 'lib://Data/', vYear: 'Year(Today())', vQuoted: 'a;b' });
  });

  it('deletes a variable the script assigns an empty value, and re-creates it when assigned again', () => {
    expect(varsOf('LET vMinDate = 1;\nLET vMaxDate = 2;\nLET vMinDate = ;\nSET vMaxDate=;\nSET vMaxDate = 3;\n')).toEqual({ vMaxDate: '3' });
  });

  it('follows DROP VARIABLE(S) and ScriptOnlyVariables, and ignores commented-out statements', () => {
    const script = ['SET a = 1;', 'SET b = 2;', 'DROP VARIABLES a, [b];', 'SET ScriptOnlyVariables = 1;', 'SET hidden = 3;', 'SET ScriptOnlyVariables = 0;', 'SET shown = 4;', '// SET commented = 5;', '/* SET blocked = 6; */', 'REM SET remmed = 7;'].join('\n');
    expect(varsOf(script)).toEqual({ shown: '4' });
  });
});
