// CheckExpression / CheckNumberOrExpression / GetFieldsFromExpression, answered like the
// engine. What the real engine does and this checker copies:
// - field names inside set modifiers `<…>` are NOT validated (QSDA Pro 2.5 release notes,
//   qlikviewcookbook.com, "Set Modifier field names and Set Identifiers are not validated by
//   Qlik syntax check");
// - `$(…)` is expanded with the app's variables before the check;
// - "a name inside an expression can be a reference to a field, a variable, a function, or a
//   measure": master measure labels (and names) and variables are valid references, bare or in
//   brackets, and so are names passed in `qLabels` (help.qlik.com, Sense_Hub/Expressions/
//   references-fields-measures-variables.htm, "You can use the labels of master measures");
// - a name that is both a field and a variable/measure is reported in qDangerousFieldNames: the
//   same help page warns against using the same name for a field and a variable or measure [I];
// - `qBadFieldNames` are `NxRange {qFrom, qCount}` character offsets into `qExpr`.
// Error texts follow the engine's wording as seen in the wild: "Garbage after expression: '…'"
// (shared/research/engine.md [E17]); the others ("Error in expression: ')' expected" …) are
// the same style [I].
import { expandDollars, originalRange, type DollarContext, type Expansion } from './dollar-expansion';
import { functionCatalogue } from './functions';
import { tokenize, type Token } from './tokenize';

export interface NxRange {
  qFrom: number;
  qCount: number;
}

export interface CheckContext extends DollarContext {
  fieldExists(name: string): boolean;
  /** master measure labels and names the engine accepts as references */
  masterLabels: Set<string>;
}

export interface CheckOutcome {
  qErrorMsg: string;
  qBadFieldNames: NxRange[];
  qDangerousFieldNames: NxRange[];
  /** field names referenced outside set modifiers, in order, without duplicates */
  fieldNames: string[];
}

class SyntaxError extends Error {}

const KEYWORD_OPS = new Set(['AND', 'OR', 'XOR', 'NOT', 'LIKE', 'PRECEDES', 'FOLLOWS', 'BITAND', 'BITOR', 'BITXOR', 'BITNOT']);
const BINARY_PRECEDENCE: Record<string, number> = {
  OR: 1, XOR: 1, AND: 2, '=': 4, '<': 4, '>': 4, '<=': 4, '>=': 4, '<>': 4, LIKE: 4, PRECEDES: 4, FOLLOWS: 4,
  '&': 5, BITAND: 5, BITOR: 5, BITXOR: 5, '+': 6, '-': 6, '*': 7, '/': 7, '^': 8,
};
/** Words that can stand alone in structured Aggr sort specs and similar places. */
const SORT_WORDS = new Set(['NUMERIC', 'TEXT', 'ASC', 'DESC', 'LOAD_ORDER', 'ASCII']);

interface FieldRef {
  name: string;
  start: number;
  end: number;
  bracketed: boolean;
}

class Parser {
  private pos = 0;
  private aggregationDepth = 0;
  readonly refs: FieldRef[] = [];
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  private upper(t: Token | undefined): string {
    return t?.kind === 'name' ? t.text.toUpperCase() : (t?.text ?? '');
  }
  private expect(text: string): void {
    const t = this.peek();
    if (t?.text !== text) throw new SyntaxError(`Error in expression: '${text}' expected`);
    this.pos++;
  }

  parseAll(): void {
    if (this.peek()?.text === '=') this.pos++;
    if (this.tokens.length === this.pos) return;
    this.parseExpression(0);
    const rest = this.peek();
    if (rest) throw new SyntaxError(`Garbage after expression: '${rest.text}'`);
  }

  private parseExpression(minPrecedence: number): void {
    this.parseUnary();
    for (;;) {
      const op = this.upper(this.peek());
      const precedence = BINARY_PRECEDENCE[op];
      if (precedence === undefined || precedence < minPrecedence || (this.peek()?.kind === 'name' && !KEYWORD_OPS.has(op))) return;
      this.pos++;
      this.parseExpression(precedence + 1);
    }
  }

  private parseUnary(): void {
    const t = this.peek();
    if (t && (t.text === '-' || t.text === '+' || this.upper(t) === 'NOT' || this.upper(t) === 'BITNOT')) {
      this.pos++;
      this.parseUnary();
      return;
    }
    this.parsePrimary();
  }

  private skipSet(): void {
    // `{…}` possibly combined with set operators: `{$<A={1}>} + {1<B={2}>}`
    for (;;) {
      let depth = 0;
      do {
        const t = this.peek();
        if (!t) throw new SyntaxError("Error in expression: '}' expected");
        if (t.text === '{') depth++;
        if (t.text === '}') depth--;
        this.pos++;
      } while (depth > 0);
      const next = this.peek();
      if (next && '+-*/'.includes(next.text) && this.peek(1)?.text === '{') {
        this.pos++;
        continue;
      }
      return;
    }
  }

  private parsePrimary(): void {
    const t = this.peek();
    if (!t) throw new SyntaxError('Error in expression: Unexpected end of expression');
    if (t.kind === 'error') throw new SyntaxError(`Error in expression: ${t.value}`);
    if (t.kind === 'number' || t.kind === 'string') {
      this.pos++;
      return;
    }
    if (t.text === '(') {
      this.pos++;
      this.parseExpression(0);
      while (this.peek()?.text === ',') {
        this.pos++;
        this.parseExpression(0);
      }
      this.expect(')');
      return;
    }
    if (t.text === '{') {
      this.skipSet(); // outer set expression: `{<…>} Sum(x)`
      this.parsePrimary();
      return;
    }
    if ((t.kind === 'name' || t.kind === 'bracket') && this.peek(1)?.text === '(') {
      this.parseCall(t);
      return;
    }
    if (t.kind === 'name' || t.kind === 'bracket' || t.kind === 'quoted' || t.kind === 'backtick') {
      this.pos++;
      if (t.kind === 'name' && SORT_WORDS.has(t.text.toUpperCase())) return;
      this.refs.push({ name: t.value, start: t.start, end: t.end, bracketed: t.kind !== 'name' });
      return;
    }
    throw new SyntaxError(`Error in expression: unexpected '${t.text}'`);
  }

  private parseCall(nameToken: Token): void {
    const name = nameToken.value.toUpperCase();
    const { aggregations, mayExist } = functionCatalogue();
    if (!mayExist(nameToken.value)) throw new SyntaxError(`Error in expression: ${nameToken.value} is not a valid function`);
    const isAggregation = aggregations.has(name) && name !== 'AGGR';
    this.pos += 2; // name (
    const savedDepth = this.aggregationDepth;
    let total = false;
    if (name === 'AGGR') this.aggregationDepth = 0;
    if (aggregations.has(name)) {
      if (this.peek()?.text === '{') this.skipSet();
      while (['DISTINCT', 'NODISTINCT', 'ALL'].includes(this.upper(this.peek()))) this.pos++;
    }
    // TOTAL [<fields>] qualifies aggregations and the chart functions that take it (Rank, Above,
    // RowNo …); accepted before any function's arguments, so the simulator is never the stricter one.
    // A lone `Total` argument is a field of that name.
    if (this.upper(this.peek()) === 'TOTAL' && ![')', ','].includes(this.peek(1)?.text ?? ')')) {
      total = true;
      this.pos++;
      if (this.peek()?.text === '<') {
        this.pos++;
        while (this.peek() && this.peek()?.text !== '>') {
          const f = this.peek() as Token;
          if (f.kind !== 'punct') this.refs.push({ name: f.value, start: f.start, end: f.end, bracketed: f.kind !== 'name' });
          this.pos++;
        }
        this.expect('>');
      }
    }
    // "You cannot nest aggregations … You can, however, nest aggregations if you use the TOTAL
    // qualifier in the inner aggregation function" (help.qlik.com ChartFunctions/NestedAggregations/nested-aggregations.htm)
    if (isAggregation && this.aggregationDepth > 0 && !total) throw new SyntaxError('Error in expression: Nested aggregation not allowed');
    if (isAggregation) this.aggregationDepth++;
    if (this.peek()?.text !== ')') {
      this.parseExpression(0);
      while (this.peek()?.text === ',') {
        this.pos++;
        this.parseExpression(0);
      }
    }
    this.expect(')');
    this.aggregationDepth = savedDepth;
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export function checkExpression(qExpr: string, ctx: CheckContext, qLabels: string[] = []): CheckOutcome {
  const expansion: Expansion = expandDollars(qExpr, ctx);
  const parser = new Parser(tokenize(expansion.text));
  let qErrorMsg = '';
  try {
    parser.parseAll();
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    qErrorMsg = error.message;
  }
  const requestLabels = new Set(qLabels);
  const isLabel = (name: string): boolean => requestLabels.has(name) || ctx.masterLabels.has(name);
  const qBadFieldNames: NxRange[] = [];
  const qDangerousFieldNames: NxRange[] = [];
  const fieldNames: string[] = [];
  for (const ref of parser.refs) {
    const isField = ctx.fieldExists(ref.name);
    const isAlias = isLabel(ref.name) || ctx.variable(ref.name) !== undefined;
    if (isField || !isAlias) fieldNames.push(ref.name);
    if (!isField && !isAlias) qBadFieldNames.push(originalRange(expansion, ref.start, ref.end));
    if (isField && isAlias) qDangerousFieldNames.push(originalRange(expansion, ref.start, ref.end));
  }
  return { qErrorMsg, qBadFieldNames, qDangerousFieldNames, fieldNames: unique(fieldNames) };
}
