// A tokenizer for Qlik chart expressions. Independent of the product's parser on purpose:
// the simulator must not agree with Qlarity just because they share code.

export type TokenKind = 'number' | 'string' | 'name' | 'bracket' | 'quoted' | 'backtick' | 'op' | 'punct' | 'error';

export interface Token {
  kind: TokenKind;
  /** the raw text */
  text: string;
  /** field name for bracket/quoted/backtick tokens (escapes resolved), the text otherwise */
  value: string;
  start: number;
  end: number;
}

const NAME_START = /[\p{L}_$@#%£€§]/u;
const NAME_PART = /[\p{L}\p{N}_$@#%£€§.]/u;
const TWO_CHAR_OPS = ['<=', '>=', '<>', '+=', '-=', '*=', '/='];

/** Tokens, comments and whitespace dropped. An unterminated literal gives an `error` token. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, value?: string) =>
    tokens.push({ kind, text: text.slice(start, end), value: value ?? text.slice(start, end), start, end });
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else if (c === "'") {
      const start = i++;
      let value = '';
      for (;;) {
        if (i >= text.length) {
          push('error', start, i, 'unterminated string');
          break;
        }
        if (text[i] === "'" && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (text[i] === "'") {
          i++;
          push('string', start, i, value);
          break;
        } else value += text[i++];
      }
    } else if (c === '[' || c === '"' || c === '`') {
      const close = c === '[' ? ']' : c;
      const start = i++;
      let value = '';
      for (;;) {
        if (i >= text.length) {
          push('error', start, i, `unterminated ${c}`);
          break;
        }
        if (text[i] === close && text[i + 1] === close) {
          value += close;
          i += 2;
        } else if (text[i] === close) {
          i++;
          push(c === '[' ? 'bracket' : c === '"' ? 'quoted' : 'backtick', start, i, value);
          break;
        } else value += text[i++];
      }
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const start = i;
      while (i < text.length && /[0-9.]/.test(text[i])) i++;
      if (/[eE]/.test(text[i] ?? '') && /[-+0-9]/.test(text[i + 1] ?? '')) {
        i += 2;
        while (i < text.length && /[0-9]/.test(text[i])) i++;
      }
      push('number', start, i);
    } else if (NAME_START.test(c)) {
      const start = i;
      while (i < text.length && NAME_PART.test(text[i])) i++;
      push('name', start, i);
    } else {
      const two = text.slice(i, i + 2);
      if (TWO_CHAR_OPS.includes(two)) {
        push('op', i, i + 2);
        i += 2;
      } else {
        push('+-*/&=<>^'.includes(c) ? 'op' : 'punct', i, i + 1);
        i++;
      }
    }
  }
  return tokens;
}
