// Each unique expression text of one analysis expanded and parsed once, and the snapshot's
// expressions with their parses.
import type { Diagnostic } from '../expression/diagnostics';
import { parseExpression } from '../expression/parser';
import { normaliseExpression, printExpression } from '../expression/printer';
import type { Expression } from '../snapshot/schema';
import { groupBy, lazy, memo, type Lookups } from './lookups';
import { parseForAnalysis, type ParsedExpression } from './parsed-expression';

export interface IndexedExpression {
  expression: Expression;
  parsed: ParsedExpression;
}

export class Expressions {
  private readonly parseCache: Map<string, ParsedExpression>;

  /** `sharing`: the parses of an index over the same expressions, variables and script (they are reused) */
  constructor(
    private readonly lookups: Lookups,
    sharing?: Expressions,
  ) {
    this.parseCache = sharing?.parseCache ?? new Map();
  }

  private readonly _all = lazy(() =>
    this.lookups.snapshot.expressions.map((expression) => ({ expression, parsed: this.parse(expression.text, expression.syntax) })),
  );
  private readonly _byObject = lazy(() => groupBy(this.all, (e) => e.expression.location.objectId));

  /** every expression of the snapshot with its parse, in snapshot order */
  get all(): IndexedExpression[] {
    return this._all();
  }
  of(objectId: string): IndexedExpression[] {
    return this._byObject().get(objectId) ?? [];
  }

  /** Expand and parse a text once per analysis (cache keyed by syntax and text). */
  parse(text: string, syntax: 'expression' | 'field' = 'expression'): ParsedExpression {
    const key = `${syntax}\u0000${text}`;
    let parsed = this.parseCache.get(key);
    if (!parsed) {
      parsed = parseForAnalysis(text, syntax, this.lookups.variableDefinitions);
      this.parseCache.set(key, parsed);
    }
    return parsed;
  }

  /** Error diagnostics of the text as written, without dollar expansion ($(…) read as an opaque operand). */
  readonly rawErrors = memo((text): Diagnostic[] => {
    // without a $( the text as written is the text parsed: reuse that parse
    const diagnostics = text.includes('$(') ? parseExpression(text, { reportDollar: true }).diagnostics : this.parse(text).diagnostics;
    return diagnostics.filter((d) => d.severity === 'error');
  });

  /** The canonical text of an expression (printer): equal for texts that differ only in spacing, case of keywords, quoting. */
  readonly normalised = memo((text) => {
    const parsed = this.parse(text);
    return parsed.root && parsed.expanded === text ? printExpression(parsed.root) : normaliseExpression(text);
  });
}
