// Hand-written char-code lexer for Qlik chart expressions (no regular expressions per character, no
// exceptions). Produces the whole token list at once; the parser walks it by index.
import type { Diagnostic } from './diagnostics';

export const T = {
  EOF: 0,
  Number: 1,
  String: 2, // '…'
  DoubleQuoted: 3, // "…"
  Bracketed: 4, // […]
  Backticked: 5, // `…`
  Ident: 6, // bare word (names, keywords, $, $1, $_1, $Field)
  Dollar: 7, // $( … ) not expanded
  LParen: 8,
  RParen: 9,
  LBrace: 10,
  RBrace: 11,
  Comma: 12,
  Lt: 13,
  Gt: 14,
  Le: 15,
  Ge: 16,
  Ne: 17,
  Shl: 18,
  Shr: 19,
  Eq: 20,
  Plus: 21,
  Minus: 22,
  Star: 23,
  Slash: 24,
  Amp: 25,
  ColonColon: 26,
  Unknown: 27,
} as const;
export type TokenKind = (typeof T)[keyof typeof T];

export interface Token {
  kind: TokenKind;
  from: number;
  to: number;
  /** unquoted/unescaped text for names and strings; raw text otherwise */
  value: string;
}

export interface LexResult {
  tokens: Token[];
  diagnostics: Diagnostic[];
}

export interface LexOptions {
  /** report unbalanced $( (off when the expansion pass already did) */
  reportDollar?: boolean;
}

const SYMBOL_TEXT: Record<number, string> = {
  [T.LParen]: '(', [T.RParen]: ')', [T.LBrace]: '{', [T.RBrace]: '}', [T.Comma]: ',', [T.Lt]: '<', [T.Gt]: '>',
  [T.Le]: '<=', [T.Ge]: '>=', [T.Ne]: '<>', [T.Shl]: '<<', [T.Shr]: '>>', [T.Eq]: '=', [T.Plus]: '+',
  [T.Minus]: '-', [T.Star]: '*', [T.Slash]: '/', [T.Amp]: '&', [T.ColonColon]: '::',
};

export function symbolText(kind: TokenKind): string {
  return SYMBOL_TEXT[kind] ?? '';
}

export function isWhitespace(c: number): boolean {
  return c <= 32 || c === 160 || c === 0xfeff || c === 0x2028 || c === 0x2029 || c === 0x3000 || c === 0x200b;
}

/** Characters that may start a bare name: letters of any script, _, %, @, $ (system fields such as $Field). */
export function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 37 || c === 64 || c === 36 || (c >= 128 && !isWhitespace(c));
}

/** Characters that may continue a bare name: also digits, '.', '#' (Date#) and '$'. */
export function isNamePart(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 35;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function lex(text: string, start = 0, end = text.length, options: LexOptions = {}): LexResult {
  const tokens: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  const reportDollar = options.reportDollar ?? true;
  const dollars: DollarScan = { balanced: true };
  let i = start;
  const push = (kind: TokenKind, from: number, to: number, value: string) => tokens.push({ kind, from, to, value });
  const error = (message: string, from: number, to: number) =>
    diagnostics.push({ code: 'syntax', message, from, to, severity: 'error' });

  while (i < end) {
    const c = text.charCodeAt(i);
    if (isWhitespace(c)) {
      i++;
      continue;
    }
    const from = i;
    const next = i + 1 < end ? text.charCodeAt(i + 1) : -1;
    // comments
    if (c === 47 /* / */ && next === 47) {
      i += 2;
      while (i < end) {
        const d = text.charCodeAt(i);
        if (d === 10 || d === 13) break;
        i++;
      }
      continue;
    }
    if (c === 47 && next === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0 || close + 2 > end) {
        error("Unterminated comment: expected '*/'", from, end);
        i = end;
      } else i = close + 2;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(next))) {
      i = scanNumber(text, i, end);
      const raw = text.slice(from, i);
      push(T.Number, from, i, raw);
      continue;
    }
    if (c === 39 /* ' */ || c === 34 /* " */ || c === 96 /* ` */ || c === 91 /* [ */) {
      const close = c === 91 ? 93 : c;
      const r = scanQuoted(text, i + 1, end, close, dollars);
      const kind = c === 39 ? T.String : c === 34 ? T.DoubleQuoted : c === 96 ? T.Backticked : T.Bracketed;
      if (!r.closed) {
        const what = c === 39 ? 'string' : c === 91 ? 'field name' : 'quoted name';
        error(`Unterminated ${what}: expected '${String.fromCharCode(close)}'`, from, end);
      }
      push(kind, from, r.end, r.value);
      i = r.end;
      continue;
    }
    if (c === 36 /* $ */ && next === 40 /* ( */) {
      const close = matchParen(text, i + 1, end);
      if (close < 0) {
        if (reportDollar) error("Unbalanced '$(': expected ')'", from, end);
        i = end;
      } else i = close + 1;
      push(T.Dollar, from, i, text.slice(from, i));
      continue;
    }
    if (isNameStart(c)) {
      i++;
      // a '$(' ends the name: Sales$(vYear) is a name followed by an expansion
      while (i < end && isNamePart(text.charCodeAt(i)) && !(text.charCodeAt(i) === 36 && i + 1 < end && text.charCodeAt(i + 1) === 40)) i++;
      push(T.Ident, from, i, text.slice(from, i));
      continue;
    }
    i++;
    switch (c) {
      case 40: push(T.LParen, from, i, '('); break;
      case 41: push(T.RParen, from, i, ')'); break;
      case 123: push(T.LBrace, from, i, '{'); break;
      case 125: push(T.RBrace, from, i, '}'); break;
      case 44: push(T.Comma, from, i, ','); break;
      case 43: push(T.Plus, from, i, '+'); break;
      case 45: push(T.Minus, from, i, '-'); break;
      case 42: push(T.Star, from, i, '*'); break;
      case 47: push(T.Slash, from, i, '/'); break;
      case 38: push(T.Amp, from, i, '&'); break;
      case 61: push(T.Eq, from, i, '='); break;
      case 60:
        if (next === 61) push(T.Le, from, ++i, '<=');
        else if (next === 62) push(T.Ne, from, ++i, '<>');
        else if (next === 60) push(T.Shl, from, ++i, '<<');
        else push(T.Lt, from, i, '<');
        break;
      case 62:
        if (next === 61) push(T.Ge, from, ++i, '>=');
        else if (next === 62) push(T.Shr, from, ++i, '>>');
        else push(T.Gt, from, i, '>');
        break;
      case 58:
        if (next === 58) push(T.ColonColon, from, ++i, '::');
        else push(T.Unknown, from, i, ':');
        break;
      default: {
        // a lone surrogate half or other unexpected character
        push(T.Unknown, from, i, text.slice(from, i));
      }
    }
  }
  tokens.push({ kind: T.EOF, from: end, to: end, value: '' });
  return { tokens, diagnostics };
}

function scanNumber(text: string, i: number, end: number): number {
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  if (i < end && text.charCodeAt(i) === 46) {
    i++;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
  }
  if (i < end) {
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      let j = i + 1;
      const s = j < end ? text.charCodeAt(j) : -1;
      if (s === 43 || s === 45) j++;
      if (j < end && isDigit(text.charCodeAt(j))) {
        j++;
        while (j < end && isDigit(text.charCodeAt(j))) j++;
        i = j;
      }
    }
  }
  return i;
}

interface DollarScan {
  /** false once a '$(' inside a quoted token found no closing ')' */
  balanced: boolean;
}

/**
 * Scans a quoted token body; a doubled closing character is an escaped one (Qlik: '' ]] "" ``).
 * A complete `$(…)` inside is skipped whole: the engine replaces it before it parses, so a quote inside
 * an unexpanded `$(=Date(Max(D), 'MMM YYYY'))` never ends the surrounding string (help, "Set modifiers
 * with dollar-sign expansions": expansions "are calculated before the expression is parsed").
 */
function scanQuoted(text: string, i: number, end: number, close: number, dollars: DollarScan): { end: number; value: string; closed: boolean } {
  let value = '';
  let segment = i;
  while (i < end) {
    if (dollars.balanced && text.charCodeAt(i) === 36 /* $ */ && i + 1 < end && text.charCodeAt(i + 1) === 40 /* ( */) {
      const dollarClose = matchParen(text, i + 1, end);
      if (dollarClose >= 0) {
        i = dollarClose + 1;
        continue;
      }
      // no ')' closes it before the end: none will for a later '$(' either in most texts; stop looking
      // (a text of many unclosed '$(' would otherwise cost a scan to the end for each)
      dollars.balanced = false;
    }
    if (text.charCodeAt(i) === close) {
      if (i + 1 < end && text.charCodeAt(i + 1) === close) {
        value += text.slice(segment, i + 1);
        i += 2;
        segment = i;
        continue;
      }
      value += text.slice(segment, i);
      return { end: i + 1, value, closed: true };
    }
    i++;
  }
  return { end, value: value + text.slice(segment, end), closed: false };
}

/** Index of the ')' matching the '(' at `open`, or -1 (a plain parenthesis count; quotes are not special). */
export function matchParen(text: string, open: number, end = text.length): number {
  let depth = 0;
  for (let i = open; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
