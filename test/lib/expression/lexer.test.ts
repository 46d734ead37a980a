import { describe, expect, it } from 'vitest';
import { lex } from '../../../lib/expression/index';
import { T } from '../../../lib/expression/lexer';

const kinds = (text: string) => lex(text).tokens.map((t) => t.kind);
const values = (text: string) => lex(text).tokens.slice(0, -1).map((t) => t.value);

describe('lex', () => {
  it('reads compound operators and keeps single ones apart', () => {
    expect(kinds('<= >= <> << >> < > = ::')).toEqual([T.Le, T.Ge, T.Ne, T.Shl, T.Shr, T.Lt, T.Gt, T.Eq, T.ColonColon, T.EOF]);
  });

  it('reads numbers, names with # and $, and system fields', () => {
    expect(values('1.5e-3 .5 12 Date#( $Field $1 $_1 Größe %Key a.b')).toEqual(['1.5e-3', '.5', '12', 'Date#', '(', '$Field', '$1', '$_1', 'Größe', '%Key', 'a.b']);
  });

  it('does not read a letter after a number as an exponent', () => {
    expect(values('2e')).toEqual(['2', 'e']);
  });

  it('unescapes doubled quote characters', () => {
    expect(values(`'a''b' [c]]d] "e""f" \`g\`\`h\``)).toEqual(["a'b", 'c]d', 'e"f', 'g`h']);
  });

  it('reads $( … ) as one token, balanced, and stops a name before it', () => {
    const { tokens } = lex('Sales$(v(1, (2))) + 1');
    expect(tokens.map((t) => t.value)).toEqual(['Sales', '$(v(1, (2)))', '+', '1', '']);
  });

  it('skips comments and whitespace of any kind', () => {
    expect(values('a // x\n/* y */\u00a0b\u3000c')).toEqual(['a', 'b', 'c']);
  });

  it('reports unterminated tokens with their position', () => {
    expect(lex("x + 'abc").diagnostics).toEqual([{ code: 'syntax', message: "Unterminated string: expected '''", from: 4, to: 8, severity: 'error' }]);
    expect(lex('$(abc', 0, 5, { reportDollar: false }).diagnostics).toEqual([]);
  });

  it('lexes a sub-range with positions in the whole text', () => {
    const { tokens } = lex('xx Sum(y) zz', 3, 9);
    expect(tokens.map((t) => [t.value, t.from])).toEqual([['Sum', 3], ['(', 6], ['y', 7], [')', 8], ['', 9]]);
  });
});
