// The variables a reload of a load script leaves in the app, read from the script text: what the
// engine would list as script-created variables, for an app folder analysed offline (no engine ran
// the script). The values are the text as written (LET is not evaluated); names computed with $(…)
// are reported separately, since only a reload knows them. Pure.

/** Blanks every character but line ends, so positions keep their line. */
const blank = (text: string) => text.replace(/[^\n]/g, ' ');

/** The script without block comments, `//` comment lines and REM statements (none of them assign), lines kept in place. */
function scriptStatementsText(script: string): string {
  return script
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .replace(/^\s*\/\/.*$/gm, blank)
    .replace(/^\s*REM\b[^;]*;/gim, blank);
}

/**
 * Name → definition, following the statements in order:
 * - `SET name = text;` / `LET name = expr;` create or overwrite it (`LET` is kept as written:
 *   the script is not run);
 * - an assignment with an empty value (`LET vMinDate = ;`, `SET x=;`) deletes it, so a variable
 *   the script emptied is not there after the reload [I: the project's contract, see
 *   test/sim/apps/README.md D06; the usual idiom to clean up temporary script variables];
 * - `DROP VARIABLE(S) a, b;` deletes them, and variables assigned while `ScriptOnlyVariables`
 *   is 1 stay inside the script (help.qlik.com cloud-services "Working with variables in the
 *   data load editor" → "Deleting a variable": the Drop variable statement and the
 *   ScriptOnlyVariables system variable remove script variables from the app).
 */
export function variablesAfterReload(script: string): Map<string, string> {
  return new Map([...assignmentsAfterReload(script)].map(([name, { definition }]) => [name, definition]));
}

/** `variablesAfterReload` with the 1-based script line of the assignment that left each variable. */
export function assignmentsAfterReload(script: string): Map<string, { definition: string; line: number }> {
  const vars = new Map<string, { definition: string; line: number }>();
  const text = scriptStatementsText(script);
  let scriptOnly = false;
  // a value runs to the first ';' outside quotes and brackets
  const statement = /^\s*(?:(SET|LET)\s+([\w.$]+)\s*=\s*((?:'[^']*'|"[^"]*"|\[[^\]]*\]|[^;'"[])*);|DROP\s+VARIABLES?\s+([^;]*);)/gim;
  for (const m of text.matchAll(statement)) {
    if (m[4] !== undefined) {
      for (const name of m[4].split(',')) vars.delete(name.trim().replace(/^\[|\]$/g, ''));
      continue;
    }
    const name = m[2] ?? '';
    let value = (m[3] ?? '').trim();
    if ((m[1] ?? '').toUpperCase() === 'SET' && /^'.*'$/s.test(value)) value = value.slice(1, -1);
    if (name === 'ScriptOnlyVariables') {
      scriptOnly = value.replace(/^'|'$/g, '').trim() === '1';
      continue;
    }
    if (value === '' || scriptOnly) vars.delete(name);
    // the match starts at the whitespace before the keyword: the line is the keyword's
    else vars.set(name, { definition: value, line: text.slice(0, m.index + m[0].search(/\S/)).split('\n').length });
  }
  return vars;
}

/**
 * `SET`/`LET` statements whose variable name is computed (`LET file_size_$(t) = …`): the names they
 * create are known only after a reload, so nothing can say offline that such a variable is missing.
 */
export function computedVariableNames(script: string): string[] {
  const statement = /^\s*(?:SET|LET)\s+([\w.]*\$\([^)]*\)[\w.$()]*)\s*=/gim;
  return [...scriptStatementsText(script).matchAll(statement)].map((m) => m[1] ?? '');
}
