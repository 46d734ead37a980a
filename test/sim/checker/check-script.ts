// CheckScriptSyntax: reports only what the engine's own load-script grammar rejects
// (script-bnf.json, a GetBaseBNF answer vendored in test/sim/spec/vendor from ../shared/qlik), in the engine's shape (spec
// `ScriptSyntaxError`: tab, line, column). What it rejects:
// - a statement whose first word (after any `Label:`) cannot start a statement: the words are the
//   FIRST set of every statement and control-statement rule of the BNF, computed from the grammar;
// - unbalanced parentheses, or an unterminated string, bracket name or comment, in a statement.
// It does not pair IF/END IF, FOR/NEXT, SUB/END SUB …: the grammar has each control statement as a
// rule of its own and says nothing of how they nest, so whether the engine reports an unclosed block
// is not known here, and the simulator reports nothing it is unsure of.
import { vendorJson } from '../spec/openrpc';

export interface ScriptSyntaxError {
  qErrLen: number;
  qTabIx: number;
  qLineInTab: number;
  qColInLine: number;
  qTextPos: number;
  qSecondaryFailure?: boolean;
}

/**
 * Documented by help.qlik.com but missing from this (older) grammar dump: accepted so the simulator
 * is never stricter than a current engine. DECLARE (Scripting/ScriptRegularStatements/Declare.htm),
 * the partial-reload prefixes ONLY, and MERGE's IMAGE_SIZE / PARTIAL forms.
 */
const DOCUMENTED_SINCE = ['DECLARE', 'ONLY', 'PARTIAL', 'IMAGE_SIZE'];
/** Control words whose statement ends at the end of its line (no `;`). */
const CONTROL_WORDS = ['IF', 'ELSEIF', 'ELSE', 'END', 'ENDIF', 'SUB', 'ENDSUB', 'FOR', 'NEXT', 'DO', 'LOOP', 'SWITCH', 'CASE', 'DEFAULT', 'EXIT', 'CALL'];

interface BnfDef {
  qNbr: number;
  qName: string;
  qBnf: number[];
  qIsBnfRule?: boolean;
  qBnfLiteral?: boolean;
  qScriptStatement?: boolean;
  qControlStatement?: boolean;
}

// meta symbols of the BNF encoding (qNbr 9–17)
const OPTIONAL = 9;
const OR_START = 11;
const OR = 12;
const REPEAT = 14;
const ALL = 16;
const CLOSE: Record<number, number> = { 9: 10, 11: 13, 14: 15, 16: 17 };

/** The literal words that can begin a statement, from the grammar's statement rules. */
export function statementFirstWords(defs: readonly BnfDef[]): Set<string> {
  const byNbr = new Map(defs.map((d) => [d.qNbr, d]));
  const memo = new Map<number, { words: Set<string>; nullable: boolean }>();

  const closing = (seq: number[], at: number, end: number): number => {
    let depth = 0;
    for (let j = at; j < end; j++) {
      if (seq[j] === seq[at]) depth++;
      else if (seq[j] === CLOSE[seq[at]] && --depth === 0) return j;
    }
    return end;
  };

  const ofSequence = (seq: number[], start: number, end: number): { words: Set<string>; nullable: boolean } => {
    const words = new Set<string>();
    for (let i = start; i < end; ) {
      const n = seq[i];
      if (n === 0) {
        i++;
        continue;
      }
      if (CLOSE[n] !== undefined) {
        const j = closing(seq, i, end);
        let optional = n === OPTIONAL || n === REPEAT;
        if (n === OR_START) {
          let from = i + 1;
          let depth = 0;
          for (let k = i + 1; k <= j; k++) {
            if (CLOSE[seq[k]] !== undefined) depth++;
            else if (Object.values(CLOSE).includes(seq[k]) && k < j) depth--;
            if ((seq[k] === OR && depth === 0) || k === j) {
              const alternative = ofSequence(seq, from, k);
              alternative.words.forEach((w) => words.add(w));
              optional ||= alternative.nullable;
              from = k + 1;
            }
          }
        } else {
          const inner = ofSequence(seq, i + 1, j);
          inner.words.forEach((w) => words.add(w));
          if (n === ALL) optional = inner.nullable;
        }
        if (!optional) return { words, nullable: false };
        i = j + 1;
        continue;
      }
      const element = ofRule(n);
      element.words.forEach((w) => words.add(w));
      if (!element.nullable) return { words, nullable: false };
      i++;
    }
    return { words, nullable: true };
  };

  const ofRule = (n: number): { words: Set<string>; nullable: boolean } => {
    const known = memo.get(n);
    if (known) return known;
    const result = { words: new Set<string>(), nullable: false };
    memo.set(n, result); // a left-recursive rule adds nothing more
    const def = byNbr.get(n);
    if (def?.qBnfLiteral) result.words.add(def.qName.toUpperCase());
    else if (def?.qIsBnfRule && def.qBnf.length > 0) {
      const seq = ofSequence(def.qBnf, 0, def.qBnf.length);
      seq.words.forEach((w) => result.words.add(w));
      result.nullable = seq.nullable;
    }
    return result;
  };

  const words = new Set<string>();
  for (const def of defs) if (def.qIsBnfRule && (def.qScriptStatement || def.qControlStatement)) ofRule(def.qNbr).words.forEach((w) => words.add(w));
  return words;
}

let statementWords: Set<string> | undefined;

/** The words that can start a statement: the grammar's, plus the documented newer ones. */
export function knownStatements(): Set<string> {
  if (statementWords) return statementWords;
  const dump = vendorJson<{ result?: { qBnfDefs: BnfDef[] }; qBnfDefs?: BnfDef[] }>('script-bnf.json');
  statementWords = statementFirstWords(dump.result?.qBnfDefs ?? dump.qBnfDefs ?? []);
  for (const w of DOCUMENTED_SINCE) statementWords.add(w);
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

function position(tab: Tab, offset: number, length: number): ScriptSyntaxError {
  const before = tab.text.slice(0, offset);
  const lines = before.split('\n');
  const error: ScriptSyntaxError = {
    qErrLen: Math.max(1, length),
    qTabIx: tab.index,
    qLineInTab: lines.length - 1,
    qColInLine: lines[lines.length - 1].length,
    qTextPos: tab.start + offset,
  };
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
      if (st.parenBalance !== 0) errors.push(position(tab, at + st.text.trim().length - 1, 1));
    }
  }
  return errors;
}
