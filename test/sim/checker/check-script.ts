// CheckScriptSyntax: a reasonable load-script checker, not the engine's grammar. It reports
// (like the engine, spec `ScriptSyntaxError`) the tab, line and column of: an unknown
// statement, unbalanced parentheses or an unterminated string/comment in a statement, and
// control blocks (IF/SUB/FOR/DO/SWITCH) that are not closed. Statement keywords come from the
// engine's own BNF dump (qScriptStatement / qControlStatement entries).
import { vendorJson } from '../spec/openrpc';

export interface ScriptSyntaxError {
  qErrLen: number;
  qTabIx: number;
  qLineInTab: number;
  qColInLine: number;
  qTextPos: number;
  qSecondaryFailure?: boolean;
}

/** Words that may precede LOAD/SELECT (prefixes) – help.qlik.com "Script prefixes". */
const PREFIXES = ['ADD', 'BUFFER', 'BUNDLE', 'CONCATENATE', 'CROSSTABLE', 'FIRST', 'GENERIC', 'HIERARCHY', 'HIERARCHYBELONGSTO', 'IMAGE_SIZE', 'INFO', 'INNER', 'INTERVALMATCH', 'JOIN', 'KEEP', 'LEFT', 'MAPPING', 'MERGE', 'NOCONCATENATE', 'ONLY', 'OUTER', 'REPLACE', 'RIGHT', 'SAMPLE', 'SEMANTIC', 'UNLESS', 'WHEN', 'PARTIAL'];
const CONTROL_OPEN: Record<string, string> = { IF: 'END IF', SUB: 'END SUB', FOR: 'NEXT', DO: 'LOOP', SWITCH: 'END SWITCH' };
const CONTROL_WORDS = ['IF', 'ELSEIF', 'ELSE', 'END', 'ENDIF', 'SUB', 'ENDSUB', 'FOR', 'NEXT', 'DO', 'LOOP', 'SWITCH', 'CASE', 'DEFAULT', 'EXIT', 'CALL'];

let statementWords: Set<string> | undefined;

function knownStatements(): Set<string> {
  if (statementWords) return statementWords;
  const defs = vendorJson<{ qBnfDefs: { qName: string; qScriptStatement?: boolean; qControlStatement?: boolean; qBnfLiteral?: boolean }[] }>('script-bnf.json').qBnfDefs;
  statementWords = new Set(defs.filter((d) => (d.qScriptStatement || d.qControlStatement) && d.qBnfLiteral).map((d) => d.qName.toUpperCase()));
  for (const w of [...PREFIXES, ...CONTROL_WORDS, 'LOAD', 'SELECT', 'SQL', 'LIB', 'TRACE', 'SET', 'LET', 'DROP', 'STORE', 'RENAME', 'QUALIFY', 'UNQUALIFY', 'DIRECTORY', 'CONNECT', 'DISCONNECT', 'BINARY', 'SECTION', 'COMMENT', 'TAG', 'UNTAG', 'SLEEP', 'EXECUTE', 'FORCE', 'NULLASVALUE', 'NULLASNULL', 'ALIAS', 'MAP', 'UNMAP', 'SEARCH', 'DERIVE', 'DECLARE', 'AUTONUMBER', 'LOOSEN', 'STAR', 'REM', 'CUSTOM', 'ODBC', 'OLEDB']) {
    statementWords.add(w);
  }
  return statementWords;
}

interface Tab {
  index: number;
  start: number;
  text: string;
}

function splitTabs(script: string): Tab[] {
  const tabs: Tab[] = [];
  const re = /^\/\/\/\$tab .*$/gm;
  const marks = [...script.matchAll(re)].map((m) => m.index ?? 0);
  if (marks.length === 0 || marks[0] !== 0) marks.unshift(0);
  marks.forEach((start, i) => {
    const end = marks[i + 1] ?? script.length;
    tabs.push({ index: i, start, text: script.slice(start, end) });
  });
  return tabs;
}

function position(tab: Tab, offset: number, length: number, secondary = false): ScriptSyntaxError {
  const before = tab.text.slice(0, offset);
  const lines = before.split('\n');
  const error: ScriptSyntaxError = {
    qErrLen: Math.max(1, length),
    qTabIx: tab.index,
    qLineInTab: lines.length - 1,
    qColInLine: lines[lines.length - 1].length,
    qTextPos: tab.start + offset,
  };
  if (secondary) error.qSecondaryFailure = true;
  return error;
}

interface Statement {
  start: number;
  text: string;
  parenBalance: number;
  unterminated?: { at: number; what: string };
}

/** Splits a tab into statements: `;` ends one; a control statement also ends at its line end. */
function statements(text: string): Statement[] {
  const out: Statement[] = [];
  let start = -1;
  let paren = 0;
  let unterminated: Statement['unterminated'];
  const flush = (end: number) => {
    if (start >= 0) out.push({ start, text: text.slice(start, end), parenBalance: paren, unterminated });
    start = -1;
    paren = 0;
    unterminated = undefined;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) {
        if (start < 0) start = i;
        unterminated = { at: i, what: '/*' };
        i = text.length;
        continue;
      }
      i = close + 2;
      continue;
    }
    if (start < 0) {
      if (/\s/.test(c)) {
        i++;
        continue;
      }
      start = i;
      const word = /^[A-Za-z]+/.exec(text.slice(i))?.[0].toUpperCase() ?? '';
      if (word === 'TRACE') {
        // TRACE takes free text up to `;` or the line end
        const semi = text.indexOf(';', i);
        const nl = text.indexOf('\n', i);
        const end = semi < 0 ? (nl < 0 ? text.length : nl) : nl >= 0 && nl < semi ? nl : semi + 1;
        i = end;
        start = -1;
        continue;
      }
      if (word === 'REM') {
        const end = text.indexOf(';', i);
        i = end < 0 ? text.length : end + 1;
        start = -1;
        continue;
      }
    }
    if (c === "'" || c === '"' || c === '[' || c === '`') {
      const close = c === '[' ? ']' : c;
      const end = text.indexOf(close, i + 1);
      if (end < 0) {
        unterminated = { at: i, what: c };
        i = text.length;
        continue;
      }
      i = end + 1;
      continue;
    }
    if (c === '(') paren++;
    if (c === ')') paren--;
    if (c === ';') {
      flush(i);
      i++;
      continue;
    }
    if (c === '\n' && start >= 0) {
      const first = firstWord(text.slice(start));
      if (CONTROL_WORDS.includes(first) && paren === 0) {
        flush(i);
      }
    }
    i++;
  }
  flush(text.length);
  return out;
}

function firstWord(statement: string): string {
  let s = statement.trimStart();
  // labels: `Name:` or `[Long name]:`
  for (;;) {
    const label = /^(\[[^\]]*\]|'[^']*'|"[^"]*"|[\p{L}_$][\p{L}\p{N}_ .$()]*?)\s*:(?!:)/u.exec(s);
    if (!label || /^(lib|https?|file)$/i.test(label[1])) break;
    s = s.slice(label[0].length).trimStart();
  }
  return /^[A-Za-z_$]+/.exec(s)?.[0].toUpperCase() ?? s.slice(0, 1);
}

export function checkScriptSyntax(script: string): ScriptSyntaxError[] {
  const errors: ScriptSyntaxError[] = [];
  const words = knownStatements();
  const open: { word: string; tab: Tab; at: number }[] = [];
  for (const tab of splitTabs(script)) {
    for (const st of statements(tab.text)) {
      const trimmedLead = st.text.length - st.text.trimStart().length;
      const at = st.start + trimmedLead;
      const word = firstWord(st.text);
      if (st.unterminated) {
        errors.push(position(tab, st.unterminated.at, 1));
        continue;
      }
      if (word.startsWith('$')) continue; // a `$(macro)` statement: only known after expansion
      if (/^\s*[\p{L}_$][\p{L}\p{N}_.$()]*\s*=/u.test(st.text)) continue; // implicit LET: `i = 1;`
      if (!words.has(word)) {
        errors.push(position(tab, at, word.length || 1));
        continue;
      }
      if (st.parenBalance !== 0) {
        errors.push(position(tab, at + st.text.trim().length - 1, 1));
        continue;
      }
      const endWord = /^\s*END\s*(IF|SUB|SWITCH)\b/i.exec(st.text)?.[1]?.toUpperCase();
      if (CONTROL_OPEN[word] && !(word === 'EXIT')) {
        // `IF … THEN stmt END IF` on one line and `EXIT FOR` need no block
        if (!(word === 'IF' && /\bEND\s*IF\b/i.test(st.text))) open.push({ word, tab, at });
      } else if (endWord || word === 'NEXT' || word === 'LOOP' || word === 'ENDIF' || word === 'ENDSUB') {
        const expected = endWord ?? (word === 'ENDIF' ? 'IF' : word === 'ENDSUB' ? 'SUB' : word === 'NEXT' ? 'FOR' : 'DO');
        const top = open.pop();
        if (!top || top.word !== expected) errors.push(position(tab, at, word.length));
      }
    }
  }
  for (const block of open) errors.push(position(block.tab, block.at, block.word.length, errors.length > 0));
  return errors;
}
