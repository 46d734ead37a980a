// Error-tolerant recursive-descent parser for Qlik chart expressions, one method per production
// (in the manner of graphql-js's parser). It never throws: syntax errors become diagnostics with the
// words people expect ("Expected ')' but found ','") and the parser recovers and keeps going.
//
// Operators are those of Qlik's help, "Operators"
// (https://help.qlik.com/en-US/cloud-services/Subsystems/Hub/Content/Sense_Hub/Scripting/Operators/operators.htm
// and its sub-pages, e.g. .../Scripting/Operators/RelationalOperators.htm). The help lists the operators
// but no precedence table, and the engine BNF (ExpressionBinaryOperator in script-bnf.json) is flat.
// We use the layering of Visual Basic, which Qlik's operator set mirrors (& concatenation, <>, Like,
// Xor, true = -1), lowest first:
//   XOR BITXOR < OR BITOR < AND BITAND < NOT BITNOT (prefix) < = <> < <= > >= LIKE PRECEDES FOLLOWS
//   < << >> < & < + - < * / < unary - +
// All binary operators are left-associative. The tree shape only matters for analysis, and the
// printer keeps the parentheses that were written.
import type {
  AggrDimension,
  BinaryOperator,
  Call,
  Element,
  ElementFunction,
  ElementList,
  ElementSet,
  ErrorNode,
  Expr,
  ExpressionRoot,
  FieldRef,
  DollarRef,
  ModifierItem,
  ModifierOperator,
  SearchString,
  SetEntity,
  SetExpression,
  SetIdentifier,
  SetModifier,
  SetOperator,
  SetTerm,
  TotalQualifier,
} from './ast';
import type { Diagnostic } from './diagnostics';
import { lookupFunction } from './functions';
import { lex, symbolText, T, type Token, type TokenKind } from './lexer';

export interface ParseOptions {
  /** report unbalanced `$(` (default true; the expansion pass reports it itself) */
  reportDollar?: boolean;
  /** report unknown function names (default true) */
  checkFunctions?: boolean;
}

export interface ParseResult {
  ast: ExpressionRoot;
  diagnostics: Diagnostic[];
}

const MAX_DIAGNOSTICS = 20;
/** Nesting and operator-count limits keep hostile input from overflowing the stack (here or in walkers). */
const MAX_DEPTH = 200;
const MAX_OPERATORS = 5000;
/** maxArgs of functions that take any number of arguments */
const UNBOUNDED = 999;

/** Parses a chart expression. Never throws. */
export function parseExpression(text: string, options: ParseOptions = {}): ParseResult {
  return parseRange(text, 0, text.length, options);
}

/** Parses text[start, end) with ranges in `text` coordinates (used for "=expr" search strings). */
export function parseRange(text: string, start: number, end: number, options: ParseOptions = {}): ParseResult {
  const lexed = lex(text, start, end, { reportDollar: options.reportDollar ?? true });
  const parser = new Parser(text, lexed.tokens, lexed.diagnostics, options.checkFunctions ?? true);
  return { ast: parser.parseRoot(start, end), diagnostics: parser.diagnostics };
}

const BINARY_LEVELS: ReadonlyArray<ReadonlyMap<string, BinaryOperator>> = [
  new Map([['XOR', 'XOR'], ['BITXOR', 'BITXOR']]),
  new Map([['OR', 'OR'], ['BITOR', 'BITOR']]),
  new Map([['AND', 'AND'], ['BITAND', 'BITAND']]),
];
const RELATIONAL_WORDS: ReadonlyMap<string, BinaryOperator> = new Map([
  ['LIKE', 'LIKE'], ['PRECEDES', 'PRECEDES'], ['FOLLOWS', 'FOLLOWS'],
]);
const OPERATOR_WORDS = new Set(['AND', 'OR', 'XOR', 'NOT', 'LIKE', 'PRECEDES', 'FOLLOWS', 'BITAND', 'BITOR', 'BITXOR', 'BITNOT']);

class Parser {
  private pos = 0;
  private depth = 0;
  private operators = 0;
  private lastErrorAt = -1;

  /** offsets where an unexpanded $(…) token starts */
  private readonly dollarStarts = new Set<number>();
  /** start of the first $(…) written against a name, number or string (a fragment of a longer token), or Infinity */
  private readonly firstGluedDollar: number;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
    readonly diagnostics: Diagnostic[],
    private readonly checkFunctions: boolean,
  ) {
    let glued = Infinity;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind !== T.Dollar) continue;
      this.dollarStarts.add(t.from);
      if (glued === Infinity && (gluesTo(tokens[i - 1], t.from, true) || gluesTo(tokens[i + 1], t.to, false))) glued = t.from;
    }
    this.firstGluedDollar = glued;
  }

  // ---- token helpers ----

  private get tok(): Token {
    return this.tokens[this.pos];
  }

  private peek(offset = 1): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  private advance(): Token {
    const t = this.tokens[this.pos];
    if (t.kind !== T.EOF) this.pos++;
    return t;
  }

  private at(kind: TokenKind): boolean {
    return this.tok.kind === kind;
  }

  private atWord(word: string): boolean {
    return this.tok.kind === T.Ident && this.tok.value.length === word.length && this.tok.value.toUpperCase() === word;
  }

  /** two single-character tokens written without space between them, e.g. '+' '=' */
  private adjacent(a: Token, b: Token): boolean {
    return a.to === b.from;
  }

  private expect(kind: TokenKind): Token | null {
    if (this.tok.kind === kind) return this.advance();
    this.error(`Expected '${symbolText(kind)}' but found ${describe(this.tok)}`, this.tok);
    return null;
  }

  private error(message: string, at: { from: number; to: number }): void {
    if (at.from === this.lastErrorAt) return; // one error per position: no cascades
    this.lastErrorAt = at.from;
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) return;
    if (this.dependsOnExpansion(at.from)) {
      this.diagnostics.push({ code: 'syntax', message: `${message}, unless the $(…) text completes it when it is expanded`, from: at.from, to: Math.max(at.to, at.from), severity: 'info' });
      return;
    }
    this.diagnostics.push({ code: 'syntax', message, from: at.from, to: Math.max(at.to, at.from), severity: 'error' });
  }

  /**
   * Dollar expansion is text replacement before parsing (help, "Dollar-sign expansions"), so a $(…) left
   * unexpanded can be any fragment: `Max$(vOpen)Aggr$(vOpen)Avg(x),A))` is valid where vOpen is '('. An
   * error at such a $(…), or after one written against a neighbouring token, may not exist once the text
   * is expanded; only the expanded text can tell (Q17 judges it).
   */
  private dependsOnExpansion(offset: number): boolean {
    return this.dollarStarts.has(offset) || offset >= this.firstGluedDollar;
  }

  private warn(code: Diagnostic['code'], message: string, at: { from: number; to: number }, severity: Diagnostic['severity'] = 'warning'): void {
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) return;
    this.diagnostics.push({ code, message, from: at.from, to: at.to, severity });
  }

  /** Skips tokens up to (not including) one of the stop kinds at bracket depth 0. */
  private skipUntil(stops: readonly TokenKind[]): void {
    let depth = 0;
    while (!this.at(T.EOF)) {
      const k = this.tok.kind;
      if (depth === 0 && stops.includes(k)) return;
      if (k === T.LParen || k === T.LBrace) depth++;
      else if (k === T.RParen || k === T.RBrace) {
        if (depth === 0) return;
        depth--;
      }
      this.advance();
    }
  }

  private prevEnd(): number {
    return this.pos > 0 ? this.tokens[this.pos - 1].to : this.tok.from;
  }

  // ---- expressions ----

  /** Root : [ '=' ] [ Expression ] EOF */
  parseRoot(start: number, end: number): ExpressionRoot {
    let leadingEquals = false;
    if (this.at(T.Eq)) {
      leadingEquals = true;
      this.advance();
    }
    const body = this.at(T.EOF) ? null : this.parseExpression();
    const root: ExpressionRoot = { kind: 'Root', from: start, to: end, leadingEquals, body };
    const extra: Expr[] = [];
    if (!this.at(T.EOF)) this.error(`Expected end of expression but found ${describe(this.tok)}`, this.tok);
    while (!this.at(T.EOF)) {
      const before = this.pos;
      if (startsOperand(this.tok)) extra.push(this.parseExpression());
      if (this.pos === before) this.advance();
    }
    if (extra.length > 0) root.recovered = extra;
    return root;
  }

  /** Expression : XorExpression */
  private parseExpression(): Expr {
    if (!this.enter()) return this.bail();
    const e = this.parseBinaryLevel(0);
    this.depth--;
    return e;
  }

  /** Counts one level of nesting; false (and nothing counted) when the input nests too deeply. */
  private enter(): boolean {
    if (this.depth >= MAX_DEPTH) return false;
    this.depth++;
    return true;
  }

  /** Counts one binary operator; false when there are too many to analyse. */
  private operator(): boolean {
    return ++this.operators <= MAX_OPERATORS;
  }

  /** Gives up on input too deep or too long to analyse: one error, then skip to the end. */
  private bail(): ErrorNode {
    const t = this.tok;
    const message = this.operators > MAX_OPERATORS ? `Expression has too many operators to analyse (more than ${MAX_OPERATORS})` : 'Expression is nested too deeply';
    this.error(message, t);
    this.pos = this.tokens.length - 1;
    return { kind: 'Error', from: t.from, to: t.from };
  }

  /** XorExpression : OrExpression { (XOR|BITXOR) OrExpression }, and likewise OR, AND. */
  private parseBinaryLevel(level: number): Expr {
    if (level === BINARY_LEVELS.length) return this.parseNot();
    const operators = BINARY_LEVELS[level];
    let left = this.parseBinaryLevel(level + 1);
    while (this.tok.kind === T.Ident) {
      const op = operators.get(this.tok.value.toUpperCase());
      if (!op) break;
      if (!this.operator()) return this.bail();
      this.advance();
      const right = this.parseBinaryLevel(level + 1);
      left = { kind: 'Binary', operator: op, left, right, from: left.from, to: right.to };
    }
    return left;
  }

  /** NotExpression : (NOT | BITNOT) NotExpression | RelationalExpression */
  private parseNot(): Expr {
    if (this.atWord('NOT') || this.atWord('BITNOT')) {
      if (!this.enter()) return this.bail();
      const t = this.advance();
      const operand = this.parseNot();
      this.depth--;
      return { kind: 'Unary', operator: t.value.toUpperCase() as 'NOT' | 'BITNOT', operand, from: t.from, to: operand.to };
    }
    return this.parseRelational();
  }

  /** RelationalExpression : ShiftExpression { RelationalOperator ShiftExpression } */
  private parseRelational(): Expr {
    let left = this.parseShift();
    for (;;) {
      const op = this.relationalOperator();
      if (!op) return left;
      if (!this.operator()) return this.bail();
      this.advance();
      const right = this.parseShift();
      left = { kind: 'Binary', operator: op, left, right, from: left.from, to: right.to };
    }
  }

  private relationalOperator(): BinaryOperator | null {
    switch (this.tok.kind) {
      case T.Eq: return '=';
      case T.Ne: return '<>';
      case T.Lt: return '<';
      case T.Le: return '<=';
      case T.Gt: return '>';
      case T.Ge: return '>=';
      case T.Ident: return RELATIONAL_WORDS.get(this.tok.value.toUpperCase()) ?? null;
      default: return null;
    }
  }

  /** ShiftExpression : ConcatExpression { ('<<' | '>>') ConcatExpression } */
  private parseShift(): Expr {
    let left = this.parseConcat();
    while (this.at(T.Shl) || this.at(T.Shr)) {
      if (!this.operator()) return this.bail();
      const op = this.advance().kind === T.Shl ? '<<' : '>>';
      const right = this.parseConcat();
      left = { kind: 'Binary', operator: op, left, right, from: left.from, to: right.to };
    }
    return left;
  }

  /** ConcatExpression : AdditiveExpression { '&' AdditiveExpression } */
  private parseConcat(): Expr {
    let left = this.parseAdditive();
    while (this.at(T.Amp)) {
      if (!this.operator()) return this.bail();
      this.advance();
      const right = this.parseAdditive();
      left = { kind: 'Binary', operator: '&', left, right, from: left.from, to: right.to };
    }
    return left;
  }

  /** AdditiveExpression : MultiplicativeExpression { ('+' | '-') MultiplicativeExpression } */
  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.at(T.Plus) || this.at(T.Minus)) {
      if (!this.operator()) return this.bail();
      const op = this.advance().kind === T.Plus ? '+' : '-';
      const right = this.parseMultiplicative();
      left = { kind: 'Binary', operator: op, left, right, from: left.from, to: right.to };
    }
    return left;
  }

  /** MultiplicativeExpression : UnaryExpression { ('*' | '/') UnaryExpression } */
  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    while (this.at(T.Star) || this.at(T.Slash)) {
      if (!this.operator()) return this.bail();
      const op = this.advance().kind === T.Star ? '*' : '/';
      const right = this.parseUnary();
      left = { kind: 'Binary', operator: op, left, right, from: left.from, to: right.to };
    }
    return left;
  }

  /** UnaryExpression : ('-' | '+') UnaryExpression | (NOT | BITNOT) UnaryExpression | Primary */
  private parseUnary(): Expr {
    if (this.at(T.Minus) || this.at(T.Plus)) {
      if (!this.enter()) return this.bail();
      const t = this.advance();
      const operand = this.parseUnary();
      this.depth--;
      return { kind: 'Unary', operator: t.kind === T.Minus ? '-' : '+', operand, from: t.from, to: operand.to };
    }
    if (this.atWord('NOT') || this.atWord('BITNOT')) {
      if (!this.enter()) return this.bail();
      const t = this.advance();
      const operand = this.parseUnary();
      this.depth--;
      return { kind: 'Unary', operator: t.value.toUpperCase() as 'NOT' | 'BITNOT', operand, from: t.from, to: operand.to };
    }
    return this.parsePrimary();
  }

  /**
   * Primary : Number | String | FieldRef | FunctionCall | '$(…)' | '(' Expression ')'
   *         | SetExpression Expression   (outer set expression)
   */
  private parsePrimary(): Expr {
    const t = this.tok;
    switch (t.kind) {
      case T.Number:
        this.advance();
        return { kind: 'Number', raw: t.value, value: Number(t.value), from: t.from, to: t.to };
      case T.String:
        this.advance();
        return { kind: 'String', value: t.value, from: t.from, to: t.to };
      case T.Dollar: {
        this.advance();
        const dollar: DollarRef = { kind: 'Dollar', raw: t.value, from: t.from, to: t.to };
        if (!juxtaposedOperand(this.tok)) return dollar;
        // `$(vSet) Sum(x)`: an unknown value directly followed by an operand can only be a set prefix
        const expr = this.parseExpression();
        return { kind: 'Scoped', set: { kind: 'Set', body: dollar, implicit: true, from: t.from, to: t.to }, expr, from: t.from, to: expr.to };
      }
      case T.LParen: {
        this.advance();
        const expr = this.parseExpression();
        this.expect(T.RParen);
        return { kind: 'Paren', expr, from: t.from, to: this.prevEnd() };
      }
      case T.LBrace: {
        const set = this.parseSetExpression();
        const expr = this.parseExpression();
        return { kind: 'Scoped', set, expr, from: t.from, to: expr.to };
      }
      case T.Ident:
        if (this.peek().kind === T.LParen) return this.parseCall();
        if (isParameter(t.value)) {
          this.advance();
          return { kind: 'Dollar', raw: t.value, from: t.from, to: t.to };
        }
        return this.parseFieldRef();
      case T.Bracketed:
      case T.DoubleQuoted:
      case T.Backticked:
        return this.parseFieldRef();
      default: {
        this.error(`Expected an expression but found ${describe(t)}`, t);
        if (t.kind !== T.EOF && !isCloser(t.kind)) this.advance();
        return { kind: 'Error', from: t.from, to: t.kind === T.EOF ? t.from : t.to };
      }
    }
  }

  /** FieldRef : Name [ '::' Name ]   where Name : bare | […] | "…" | `…` */
  private parseFieldRef(): FieldRef {
    const t = this.advance();
    if (t.kind === T.Ident && this.at(T.Dollar) && this.adjacent(t, this.tok)) return this.parseDynamicName(t);
    if (this.at(T.ColonColon) && isNameToken(this.peek())) {
      this.advance();
      const f = this.advance();
      return { kind: 'Field', name: f.value, quoting: quotingOf(f), state: t.value, from: t.from, to: f.to };
    }
    return { kind: 'Field', name: t.value, quoting: quotingOf(t), from: t.from, to: t.to };
  }

  /** DynamicName : BareName ( '$(…)' | BareName )+   written without spaces, e.g. Sales$(vYear) */
  private parseDynamicName(first: Token): FieldRef {
    let name = first.value;
    let last = first;
    while ((this.at(T.Dollar) || this.at(T.Ident) || this.at(T.Number)) && this.adjacent(last, this.tok)) {
      last = this.advance();
      name += last.value;
    }
    return { kind: 'Field', name, quoting: 'bare', dynamic: true, from: first.from, to: last.to };
  }

  /**
   * FunctionCall : Name '(' [ Qualifiers ] [ Argument { ',' Argument } ] ')'
   * Qualifiers   : { SetExpression | DISTINCT | NODISTINCT | ALL | TOTAL [ '<' FieldRef { ',' FieldRef } '>' ] }
   * Aggr         : Aggr '(' Qualifiers Expression { ',' AggrDimension } ')'
   */
  private parseCall(): Call {
    const nameTok = this.advance();
    const open = this.advance(); // '('
    const call: Call = {
      kind: 'Call',
      name: nameTok.value,
      nameRange: { from: nameTok.from, to: nameTok.to },
      set: null,
      distinct: null,
      all: false,
      total: null,
      args: [],
      dimensions: [],
      from: nameTok.from,
      to: open.to,
    };
    const upper = nameTok.value.toUpperCase();
    const isAggr = upper === 'AGGR';
    if (this.at(T.RParen)) {
      call.to = this.advance().to;
      this.checkCall(call);
      return call;
    }
    // A function that takes no set reads a leading {…} as an outer set of its first argument.
    const info = lookupFunction(nameTok.value);
    // RowNo(TOTAL), NoOfRows(TOTAL) …: functions whose only argument is the word TOTAL
    if (info && info.totalAllowed && info.minArgs === 0 && this.atWord('TOTAL') && this.peek().kind === T.RParen) {
      call.total = { kind: 'Total', fields: [], from: this.tok.from, to: this.advance().to };
      call.to = this.advance().to;
      this.checkCall(call);
      return call;
    }
    this.parseQualifiers(call, !info || info.setAllowed || info.aggregation);
    // arguments
    let index = 0;
    for (;;) {
      if (isAggr && index > 0) call.dimensions.push(...this.parseAggrDimensions());
      else if (this.at(T.Comma) || this.at(T.RParen)) {
        // an omitted argument is null (If(c, 'x',)), but an aggregation needs the expression it aggregates
        if (index === 0 && (isAggr || info?.aggregation)) this.error(`Expected the expression '${nameTok.value}' aggregates but found ${describe(this.tok)}`, this.tok);
        call.args.push({ kind: 'Empty', from: this.tok.from, to: this.tok.from });
      } else call.args.push(this.parseExpression());
      index++;
      if (this.at(T.Comma)) {
        this.advance();
        continue;
      }
      if (this.at(T.RParen)) {
        call.to = this.advance().to;
        break;
      }
      if (this.at(T.EOF)) {
        this.error(`Expected ')' to close '${nameTok.value}(' but found end of expression`, this.tok);
        call.to = this.prevEnd();
        break;
      }
      this.error(`Expected ',' or ')' but found ${describe(this.tok)}`, this.tok);
      this.skipUntil([T.Comma, T.RParen]);
      if (this.at(T.Comma)) {
        this.advance();
        continue;
      }
      if (this.at(T.RParen)) call.to = this.advance().to;
      else call.to = this.prevEnd();
      break;
    }
    this.checkCall(call);
    return call;
  }

  private parseQualifiers(call: Call, setAllowed: boolean): void {
    for (;;) {
      if (this.at(T.LBrace) && call.set === null && setAllowed) {
        call.set = this.parseSetExpression();
        continue;
      }
      if (this.at(T.Dollar) && call.set === null && setAllowed && juxtaposedOperand(this.peek())) {
        // Sum($(vSet) Sales): an unexpanded set expression (or qualifier) in front of the argument
        const d = this.advance();
        call.set = { kind: 'Set', body: { kind: 'Dollar', raw: d.value, from: d.from, to: d.to }, implicit: true, from: d.from, to: d.to };
        continue;
      }
      if (this.tok.kind !== T.Ident || !qualifierFollows(this.peek())) return;
      const word = this.tok.value.toUpperCase();
      if (word === 'DISTINCT' || word === 'NODISTINCT') {
        this.advance();
        call.distinct = word;
      } else if (word === 'ALL') {
        this.advance();
        call.all = true;
      } else if (word === 'TOTAL') {
        call.total = this.parseTotal();
      } else return;
    }
  }

  /** TotalQualifier : TOTAL [ '<' FieldRef { ',' FieldRef } '>' ] */
  private parseTotal(): TotalQualifier {
    const t = this.advance();
    const total: TotalQualifier = { kind: 'Total', fields: [], from: t.from, to: t.to };
    if (!this.at(T.Lt)) return total;
    this.advance();
    for (;;) {
      if (this.at(T.Dollar)) {
        const d = this.advance();
        total.fields.push({ kind: 'Dollar', raw: d.value, from: d.from, to: d.to });
      } else if (isNameToken(this.tok)) total.fields.push(this.parseFieldRef());
      else {
        this.error(`Expected a field name but found ${describe(this.tok)}`, this.tok);
        this.skipUntil([T.Gt, T.Comma, T.RParen]);
      }
      if (this.at(T.Comma)) {
        this.advance();
        continue;
      }
      break;
    }
    const close = this.expect(T.Gt);
    total.to = close ? close.to : this.prevEnd();
    return total;
  }

  /**
   * AggrDimension : Expression | StructuredParameter
   * StructuredParameter : '(' FieldRef ',' ( '(' SortWord { ',' SortWord } ')' | StructuredParameter ) ')'
   * Structured parameters nest, `(FieldName, (FieldName2, (Sort-type, Ordering)))` (help, "Aggr - chart
   * function"); each field of a nest is returned as a dimension of its own, carrying the nest's sort words.
   */
  private parseAggrDimensions(): AggrDimension[] {
    const start = this.tok;
    if (start.kind === T.LParen && isNameToken(this.peek()) && this.peek(2).kind === T.Comma) {
      this.advance();
      const field = this.parseFieldRef();
      this.advance(); // ','
      let inner: AggrDimension[] = [];
      let sort: string[] = [];
      if (this.at(T.LParen) && isNameToken(this.peek()) && this.peek(2).kind === T.Comma && this.peek(3).kind === T.LParen) {
        inner = this.parseAggrDimensions();
        sort = inner[inner.length - 1]?.sort ?? [];
      } else if (this.expect(T.LParen)) {
        while (this.at(T.Ident)) {
          sort.push(this.advance().value.toUpperCase());
          if (this.at(T.Comma)) this.advance();
        }
        this.expect(T.RParen);
      }
      this.expect(T.RParen);
      return [{ kind: 'AggrDimension', field, sort, from: start.from, to: this.prevEnd() }, ...inner];
    }
    if (this.at(T.Comma) || this.at(T.RParen)) {
      this.error(`Expected an Aggr dimension but found ${describe(this.tok)}`, this.tok);
      return [{ kind: 'AggrDimension', field: { kind: 'Empty', from: start.from, to: start.from }, sort: [], from: start.from, to: start.from }];
    }
    const field = this.parseExpression();
    return [{ kind: 'AggrDimension', field, sort: [], from: field.from, to: field.to }];
  }

  private checkCall(call: Call): void {
    if (!this.checkFunctions) return;
    const info = lookupFunction(call.name);
    if (!info) {
      // Plugin functions of server-side extensions are written Plugin.Function(…): not ours to know.
      if (call.name.includes('.')) return;
      this.warn('unknown-function', `Unknown function '${call.name}'`, call.nameRange, 'error');
      return;
    }
    const count = call.args.length + call.dimensions.length;
    if (count < info.minArgs || (count > info.maxArgs && info.maxArgs < UNBOUNDED)) {
      const expected =
        info.minArgs === info.maxArgs
          ? `${info.minArgs}`
          : info.maxArgs >= 999
            ? `at least ${info.minArgs}`
            : `${info.minArgs} to ${info.maxArgs}`;
      this.warn(
        'argument-count',
        `${info.name} takes ${expected} argument${expected === '1' ? '' : 's'} but got ${count}`,
        call,
      );
    }
    if (call.set && !info.setAllowed && !info.aggregation)
      this.warn('qualifier-not-allowed', `${info.name} does not take a set expression`, call.set);
    if (call.total && !info.totalAllowed && !info.aggregation)
      this.warn('qualifier-not-allowed', `${info.name} does not take TOTAL`, call.total);
    if (call.distinct && !info.distinctAllowed && !info.aggregation)
      this.warn('qualifier-not-allowed', `${info.name} does not take ${call.distinct}`, call.nameRange);
  }

  // ---- set analysis ----

  /** SetExpression : '{' SetTerm '}' */
  private parseSetExpression(): SetExpression {
    const open = this.advance(); // '{'
    const body = this.parseSetTerm();
    const close = this.expect(T.RBrace);
    if (!close) this.skipUntil([T.RBrace, T.RParen, T.Comma]);
    if (!close && this.at(T.RBrace)) this.advance();
    return { kind: 'Set', body, from: open.from, to: this.prevEnd() };
  }

  /** SetTerm : SetFactor { ('+' | '-' | '*' | '/') SetFactor } */
  private parseSetTerm(): SetTerm {
    if (!this.enter()) return this.bail();
    let left = this.parseSetFactor();
    for (;;) {
      const op = setOperator(this.tok.kind);
      if (!op) break;
      if (!this.operator()) return this.bail();
      this.advance();
      const right = this.parseSetFactor();
      left = { kind: 'SetOperation', operator: op, left, right, from: left.from, to: right.to };
    }
    this.depth--;
    return left;
  }

  /**
   * SetFactor : '-' SetFactor | '(' SetTerm ')' | '{' SetTerm '}' | [ SetIdentifier ] [ SetModifier ]
   * The unary minus is the complement, `{-($+BM01)}` (help, "Set operators").
   */
  private parseSetFactor(): SetTerm {
    const t = this.tok;
    if (t.kind === T.Minus) {
      if (!this.enter()) return this.bail();
      this.advance();
      const right = this.parseSetFactor();
      this.depth--;
      const all: SetIdentifier = { kind: 'SetIdentifier', name: '1', identifierKind: 'all', bracketed: false, from: t.from, to: t.from };
      const left: SetEntity = { kind: 'SetEntity', identifier: all, modifier: null, from: t.from, to: t.from };
      return { kind: 'SetOperation', operator: '-', left, right, unary: true, from: t.from, to: right.to };
    }
    if (t.kind === T.LParen || t.kind === T.LBrace) {
      this.advance();
      const body = this.parseSetTerm();
      this.expect(t.kind === T.LParen ? T.RParen : T.RBrace);
      return { kind: 'SetGroup', body, from: t.from, to: this.prevEnd() };
    }
    let identifier: SetIdentifier | DollarRef | null = null;
    if (t.kind === T.Dollar) {
      this.advance();
      identifier = { kind: 'Dollar', raw: t.value, from: t.from, to: t.to };
    } else if (t.kind === T.Ident || t.kind === T.Number || t.kind === T.Bracketed) {
      this.advance();
      identifier = setIdentifier(t);
      // AltState::BM01: a bookmark's selections in one state (help, "Set identifiers")
      const name = this.peek();
      if (this.at(T.ColonColon) && (name.kind === T.Ident || name.kind === T.Bracketed || name.kind === T.Number)) {
        this.advance();
        this.advance();
        identifier = { ...setIdentifier(name), state: t.value, from: t.from };
      }
    }
    let modifier: SetModifier | null = null;
    if (this.at(T.Lt) || this.at(T.Ne)) modifier = this.parseSetModifier();
    if (!identifier && !modifier) {
      this.error(`Expected a set identifier or '<' but found ${describe(t)}`, t);
      if (!isCloser(t.kind) && t.kind !== T.EOF) this.advance();
      return { kind: 'Error', from: t.from, to: t.to };
    }
    const entity: SetEntity = { kind: 'SetEntity', identifier, modifier, from: t.from, to: this.prevEnd() };
    return entity;
  }

  /** SetModifier : '<' [ ModifierItem { ',' ModifierItem } ] '>' */
  private parseSetModifier(): SetModifier {
    const open = this.advance();
    const modifier: SetModifier = { kind: 'SetModifier', items: [], from: open.from, to: open.to };
    if (open.kind === T.Ne) return modifier; // '<>': empty modifier
    while (!this.at(T.Gt)) {
      if (this.at(T.Dollar) && isModifierEnd(this.peek().kind)) {
        const d = this.advance();
        modifier.items.push({ kind: 'Dollar', raw: d.value, from: d.from, to: d.to });
      } else if (isNameToken(this.tok) || this.at(T.Dollar)) {
        modifier.items.push(this.parseModifierItem());
      } else {
        this.error(`Expected a field name or '>' but found ${describe(this.tok)}`, this.tok);
        this.skipUntil([T.Comma, T.Gt, T.RBrace]);
      }
      if (this.at(T.Comma)) {
        this.advance();
        continue;
      }
      break;
    }
    if (this.at(T.Gt) || this.at(T.Ge)) {
      // '>=' can only be a closing '>' followed by '=' here; leave the '=' to the caller's error
      modifier.to = this.advance().to;
    } else {
      this.error(`Expected '>' but found ${describe(this.tok)}`, this.tok);
      this.skipUntil([T.Gt, T.RBrace]);
      if (this.at(T.Gt)) this.advance();
      modifier.to = this.prevEnd();
    }
    return modifier;
  }

  /** ModifierItem : FieldRef ('=' | '+=' | '-=' | '*=' | '/=') [ ElementSet ] */
  private parseModifierItem(): ModifierItem {
    const start = this.tok;
    let field: FieldRef | DollarRef;
    if (start.kind === T.Dollar) {
      this.advance();
      field = { kind: 'Dollar', raw: start.value, from: start.from, to: start.to };
    } else field = this.parseFieldRef();
    let operator: ModifierOperator = '=';
    const t = this.tok;
    const n = this.peek();
    if (t.kind === T.Eq) this.advance();
    // <A, B>: a field without an element set clears its selections, like <A=, B=>. The help neither shows
    // nor forbids it; it renders in Qlik's own published apps (issue #14).
    else if (t.kind === T.Comma || t.kind === T.Gt) return { kind: 'ModifierItem', field, operator, value: null, from: start.from, to: this.prevEnd() };
    else if ((t.kind === T.Plus || t.kind === T.Minus || t.kind === T.Star || t.kind === T.Slash) && n.kind === T.Eq && this.adjacent(t, n)) {
      operator = `${t.value}=` as ModifierOperator;
      this.advance();
      this.advance();
    } else {
      this.error(`Expected '=' after the field name but found ${describe(t)}`, t);
      this.skipUntil([T.Comma, T.Gt, T.RBrace]);
      return { kind: 'ModifierItem', field, operator, value: null, from: start.from, to: this.prevEnd() };
    }
    const value = isModifierEnd(this.tok.kind) ? null : this.parseElementSet();
    return { kind: 'ModifierItem', field, operator, value, from: start.from, to: this.prevEnd() };
  }

  /** ElementSet : ElementFactor { ('+' | '-' | '*' | '/') ElementFactor } */
  private parseElementSet(): ElementSet {
    if (!this.enter()) return this.bail();
    let left = this.parseElementFactor();
    for (;;) {
      const op = setOperator(this.tok.kind);
      if (!op) break;
      if (!this.operator()) return this.bail();
      this.advance();
      const right = this.parseElementFactor();
      left = { kind: 'ElementOperation', operator: op, left, right, from: left.from, to: right.to };
    }
    this.depth--;
    return left;
  }

  /** ElementFactor : ElementList | '(' ElementSet ')' | (P | E) '(' [ SetExpression ] [ FieldRef ] ')' | FieldRef | '$(…)' */
  private parseElementFactor(): ElementSet {
    const t = this.tok;
    if (t.kind === T.LBrace) return this.parseElementList();
    if (t.kind === T.LParen) {
      this.advance();
      const body = this.parseElementSet();
      this.expect(T.RParen);
      return { kind: 'ElementGroup', body, from: t.from, to: this.prevEnd() };
    }
    if (t.kind === T.Ident && this.peek().kind === T.LParen && (t.value === 'P' || t.value === 'E' || t.value === 'p' || t.value === 'e'))
      return this.parseElementFunction();
    if (t.kind === T.Dollar) {
      this.advance();
      return { kind: 'Dollar', raw: t.value, from: t.from, to: t.to };
    }
    if (isNameToken(t)) return this.parseFieldRef();
    this.error(`Expected '{' but found ${describe(t)}`, t);
    this.skipUntil([T.Comma, T.Gt, T.RBrace]);
    return { kind: 'Error', from: t.from, to: this.prevEnd() };
  }

  /** ElementFunction : (P | E) '(' [ SetExpression ] [ FieldRef ] ')' */
  private parseElementFunction(): ElementFunction {
    const nameTok = this.advance();
    this.advance(); // '('
    let set: SetExpression | null = null;
    let field: FieldRef | DollarRef | null = null;
    if (this.at(T.LBrace)) set = this.parseSetExpression();
    if (this.at(T.Dollar)) {
      const d = this.advance();
      field = { kind: 'Dollar', raw: d.value, from: d.from, to: d.to };
    } else if (isNameToken(this.tok)) field = this.parseFieldRef();
    if (!this.expect(T.RParen)) {
      this.skipUntil([T.RParen, T.Gt]);
      if (this.at(T.RParen)) this.advance();
    }
    return { kind: 'ElementFunction', name: nameTok.value.toUpperCase() as 'P' | 'E', set, field, from: nameTok.from, to: this.prevEnd() };
  }

  /** ElementList : '{' [ Element { ',' Element } ] '}' */
  private parseElementList(): ElementList {
    const open = this.advance();
    const list: ElementList = { kind: 'ElementList', elements: [], from: open.from, to: open.to };
    while (!this.at(T.RBrace)) {
      list.elements.push(this.parseElement());
      if (this.at(T.Comma)) {
        this.advance();
        continue;
      }
      if (!this.at(T.RBrace)) {
        this.error(`Expected ',' or '}' but found ${describe(this.tok)}`, this.tok);
        this.skipUntil([T.Comma, T.RBrace, T.Gt]);
        if (this.at(T.Comma)) {
          this.advance();
          continue;
        }
      }
      break;
    }
    if (this.at(T.RBrace)) list.to = this.advance().to;
    else list.to = this.prevEnd();
    return list;
  }

  /** Element : 'text' | "search" | Number | '-' Number | BareWord | '$(…)' */
  private parseElement(): Element {
    const t = this.tok;
    switch (t.kind) {
      case T.String:
        this.advance();
        return { kind: 'ElementValue', value: t.value, quoting: 'single', from: t.from, to: t.to };
      // "…" and `…` are searches (help, "Set modifiers with searches": "double quotes, square brackets or grave accents")
      case T.DoubleQuoted:
      case T.Backticked:
        this.advance();
        return this.searchString(t);
      // {*}: every value; the help neither shows nor forbids it, it renders in Qlik's own published apps (issue #14)
      case T.Star:
        this.advance();
        return { kind: 'ElementValue', value: '*', quoting: 'none', from: t.from, to: t.to };
      case T.Number:
        this.advance();
        return { kind: 'ElementValue', value: t.value, quoting: 'none', from: t.from, to: t.to };
      case T.Minus:
        if (this.peek().kind === T.Number) {
          this.advance();
          const n = this.advance();
          return { kind: 'ElementValue', value: `-${n.value}`, quoting: 'none', from: t.from, to: n.to };
        }
        break;
      case T.Ident:
      case T.Bracketed:
        this.advance();
        return { kind: 'ElementValue', value: t.value, quoting: 'none', from: t.from, to: t.to };
      case T.Dollar:
        this.advance();
        return { kind: 'Dollar', raw: t.value, from: t.from, to: t.to };
    }
    this.error(`Expected a value but found ${describe(t)}`, t);
    if (!isCloser(t.kind) && t.kind !== T.Comma && t.kind !== T.EOF) this.advance();
    return { kind: 'Error', from: t.from, to: t.to };
  }

  private searchString(t: Token): SearchString {
    const search: SearchString = { kind: 'Search', value: t.value, expression: null, from: t.from, to: t.to };
    // "=expr": an expression search; parse it in place so its fields count as used.
    let start = t.from + 1;
    const end = t.to - 1;
    while (start < end && this.text.charCodeAt(start) <= 32) start++;
    if (start < end && this.text.charCodeAt(start) === 61 && !t.value.includes('"')) {
      const inner = parseRange(this.text, start, end, { reportDollar: false, checkFunctions: this.checkFunctions });
      search.expression = inner.ast;
      // errors inside a search string are reported, but as warnings: the engine reports them lazily
      for (const d of inner.diagnostics) this.warn(d.code, `In search string: ${d.message}`, d, 'warning');
    }
    return search;
  }
}

// ---- helpers ----

/** A name, number or quoted token that touches `offset` (its end when `before`, its start otherwise). */
function gluesTo(t: Token | undefined, offset: number, before: boolean): boolean {
  if (!t || t.kind === T.EOF) return false;
  if (!(isNameToken(t) || t.kind === T.Number || t.kind === T.String || t.kind === T.Dollar)) return false;
  return before ? t.to === offset : t.from === offset;
}

function describe(t: Token): string {
  switch (t.kind) {
    case T.EOF: return 'end of expression';
    case T.Number: return `number ${t.value}`;
    case T.String: return `string '${clip(t.value)}'`;
    case T.Ident: return OPERATOR_WORDS.has(t.value.toUpperCase()) ? `'${t.value}'` : `name '${clip(t.value)}'`;
    case T.Bracketed: return `field [${clip(t.value)}]`;
    case T.DoubleQuoted: return `"${clip(t.value)}"`;
    case T.Backticked: return `\`${clip(t.value)}\``;
    case T.Dollar: return `'${clip(t.value)}'`;
    case T.Unknown: return `unexpected character '${t.value}'`;
    default: return `'${symbolText(t.kind)}'`;
  }
}

function clip(s: string): string {
  return s.length > 30 ? `${s.slice(0, 27)}...` : s;
}

function isCloser(kind: TokenKind): boolean {
  return kind === T.RParen || kind === T.RBrace || kind === T.Comma || kind === T.Gt;
}

function isNameToken(t: Token): boolean {
  return t.kind === T.Ident || t.kind === T.Bracketed || t.kind === T.DoubleQuoted || t.kind === T.Backticked;
}

function startsOperand(t: Token): boolean {
  return (
    isNameToken(t) || t.kind === T.Number || t.kind === T.String || t.kind === T.Dollar ||
    t.kind === T.LParen || t.kind === T.LBrace || t.kind === T.Minus || t.kind === T.Plus
  );
}

/** A token that can start an operand right after an unknown $(…) without an operator between. */
function juxtaposedOperand(t: Token): boolean {
  if (t.kind === T.Ident) return !OPERATOR_WORDS.has(t.value.toUpperCase()) || t.value.toUpperCase() === 'NOT';
  return isNameToken(t) || t.kind === T.Number || t.kind === T.String || t.kind === T.Dollar || t.kind === T.LParen || t.kind === T.LBrace;
}

function isModifierEnd(kind: TokenKind): boolean {
  return kind === T.Comma || kind === T.Gt || kind === T.RBrace || kind === T.EOF;
}

/** $1, $2 …: a parameter of a parameterised variable, left in the text when it was not expanded */
function isParameter(name: string): boolean {
  if (name.length < 2 || name.charCodeAt(0) !== 36) return false;
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A qualifier word is a qualifier only when an operand follows it (a field may be called Total). */
function qualifierFollows(next: Token): boolean {
  return startsOperand(next) && next.kind !== T.Minus && next.kind !== T.Plus ? true : next.kind === T.Lt;
}

function quotingOf(t: Token): FieldRef['quoting'] {
  switch (t.kind) {
    case T.Bracketed: return 'bracket';
    case T.DoubleQuoted: return 'double';
    case T.Backticked: return 'backtick';
    default: return 'bare';
  }
}

function setOperator(kind: TokenKind): SetOperator | null {
  switch (kind) {
    case T.Plus: return '+';
    case T.Minus: return '-';
    case T.Star: return '*';
    case T.Slash: return '/';
    default: return null;
  }
}

/** $ current selections, 1 all data, $1 / $_1 previous / next selections, others: bookmark or state */
function setIdentifier(t: Token): SetIdentifier {
  const name = t.value;
  const bracketed = t.kind === T.Bracketed;
  let identifierKind: SetIdentifier['identifierKind'] = 'named';
  if (!bracketed) {
    if (name === '$') identifierKind = 'current';
    else if (name === '1') identifierKind = 'all';
    else if (/^\$\d+$/.test(name)) identifierKind = 'previous';
    else if (/^\$_\d+$/.test(name)) identifierKind = 'next';
  }
  return { kind: 'SetIdentifier', name, identifierKind, bracketed, from: t.from, to: t.to };
}
