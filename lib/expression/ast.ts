// Typed AST of a Qlik chart expression. Every node carries its source range [from, to) as offsets in
// the text that was parsed (after dollar expansion, see analyse.ts for mapping back to the original).

export interface Range {
  from: number;
  to: number;
}

export type FieldQuoting = 'bare' | 'bracket' | 'double' | 'backtick';

export interface ExpressionRoot extends Range {
  kind: 'Root';
  /** the expression started with '=' (string expressions, calculated dimensions) */
  leadingEquals: boolean;
  body: Expr | null;
  /** expressions parsed after a syntax error ended `body` early (kept so their fields still count) */
  recovered?: Expr[];
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | FieldRef
  | DollarRef
  | Unary
  | Binary
  | Paren
  | Call
  | Scoped
  | EmptyArgument
  | ErrorNode;

export interface NumberLiteral extends Range {
  kind: 'Number';
  raw: string;
  value: number;
}

export interface StringLiteral extends Range {
  kind: 'String';
  /** the text with '' unescaped */
  value: string;
}

export interface FieldRef extends Range {
  kind: 'Field';
  /** the field name, unquoted and unescaped (for Table.Field: the whole qualified name) */
  name: string;
  quoting: FieldQuoting;
  /** alternate state of a `State::Field` reference */
  state?: string;
  /** part of the bare name is an unexpanded $(…), e.g. Sales$(vYear): the real name is unknown */
  dynamic?: true;
}

/**
 * A `$(…)` that was not expanded (no variable table given, or its value is unknown) or a
 * `$1`-style parameter: an operand whose content is not known.
 */
export interface DollarRef extends Range {
  kind: 'Dollar';
  raw: string;
}

export type UnaryOperator = '-' | '+' | 'NOT' | 'BITNOT';
export type BinaryOperator =
  | '+' | '-' | '*' | '/' | '&'
  | '=' | '<>' | '<' | '<=' | '>' | '>='
  | 'LIKE' | 'PRECEDES' | 'FOLLOWS'
  | 'AND' | 'OR' | 'XOR'
  | 'BITAND' | 'BITOR' | 'BITXOR' | '<<' | '>>';

export interface Unary extends Range {
  kind: 'Unary';
  operator: UnaryOperator;
  operand: Expr;
}

export interface Binary extends Range {
  kind: 'Binary';
  operator: BinaryOperator;
  left: Expr;
  right: Expr;
}

export interface Paren extends Range {
  kind: 'Paren';
  expr: Expr;
}

export interface TotalQualifier extends Range {
  kind: 'Total';
  /** fields of TOTAL <a, b>; empty for plain TOTAL */
  fields: Array<FieldRef | DollarRef>;
}

export interface Call extends Range {
  kind: 'Call';
  /** the name as written */
  name: string;
  nameRange: Range;
  set: SetExpression | null;
  distinct: 'DISTINCT' | 'NODISTINCT' | null;
  all: boolean;
  total: TotalQualifier | null;
  args: Expr[];
  /** Aggr only: the dimension arguments (args then holds just the inner expression) */
  dimensions: AggrDimension[];
}

export interface AggrDimension extends Range {
  kind: 'AggrDimension';
  field: Expr;
  /** structured sort words, e.g. ['NUMERIC', 'DESC'] */
  sort: string[];
}

/** An outer set expression scoping an expression: `{<Year={2024}>} Sum(Sales)`. */
export interface Scoped extends Range {
  kind: 'Scoped';
  set: SetExpression;
  expr: Expr;
}

/** An omitted argument, as in `If(c, 'x',)`, which the engine accepts (treated as null). */
export interface EmptyArgument extends Range {
  kind: 'Empty';
}

/** Placeholder where the parser recovered from a syntax error. */
export interface ErrorNode extends Range {
  kind: 'Error';
}

// ---- set analysis ----

export interface SetExpression extends Range {
  kind: 'Set';
  body: SetTerm;
  /**
   * written without braces: an unexpanded `$(vSet)` in front of an operand (`Sum($(vSet) Sales)`),
   * which can only be a set expression or qualifier whose text is unknown
   */
  implicit?: true;
}

export type SetTerm = SetEntity | SetOperation | SetGroup | DollarRef | ErrorNode;

export type SetIdentifierKind = 'current' | 'all' | 'previous' | 'next' | 'named';

export interface SetIdentifier extends Range {
  kind: 'SetIdentifier';
  /** as written without brackets: '$', '1', '$1', '$_1', 'BM01', 'State A' */
  name: string;
  identifierKind: SetIdentifierKind;
  bracketed: boolean;
  /** the alternate state of a bookmark qualified by it, `AltState::BM01` (help, "Set identifiers") */
  state?: string;
}

export interface SetEntity extends Range {
  kind: 'SetEntity';
  identifier: SetIdentifier | DollarRef | null;
  modifier: SetModifier | null;
}

export type SetOperator = '+' | '-' | '*' | '/';

export interface SetOperation extends Range {
  kind: 'SetOperation';
  operator: SetOperator;
  left: SetTerm;
  right: SetTerm;
  /**
   * written as a unary minus, the complement `{-($+BM01)}` (help, "Set operators"); `left` is then the
   * implied full set `1`, a zero-width identifier
   */
  unary?: true;
}

/** `( … )` or a nested `{ … }` inside a set expression */
export interface SetGroup extends Range {
  kind: 'SetGroup';
  body: SetTerm;
}

export interface SetModifier extends Range {
  kind: 'SetModifier';
  items: Array<ModifierItem | DollarRef>;
}

export type ModifierOperator = '=' | '+=' | '-=' | '*=' | '/=';

export interface ModifierItem extends Range {
  kind: 'ModifierItem';
  field: FieldRef | DollarRef;
  operator: ModifierOperator;
  /** null for `<F=>` (clears the selection in F) */
  value: ElementSet | null;
}

export type ElementSet = ElementList | ElementFunction | ElementOperation | ElementGroup | FieldRef | DollarRef | ErrorNode;

export interface ElementList extends Range {
  kind: 'ElementList';
  elements: Element[];
}

export interface ElementOperation extends Range {
  kind: 'ElementOperation';
  operator: SetOperator;
  left: ElementSet;
  right: ElementSet;
}

export interface ElementGroup extends Range {
  kind: 'ElementGroup';
  body: ElementSet;
}

/** P() / E(): possible / excluded values of a field under a set. */
export interface ElementFunction extends Range {
  kind: 'ElementFunction';
  name: 'P' | 'E';
  set: SetExpression | null;
  field: FieldRef | DollarRef | null;
}

export type Element = ElementValue | SearchString | DollarRef | ErrorNode;

/** a literal element: 'text', a number or a bare word */
export interface ElementValue extends Range {
  kind: 'ElementValue';
  value: string;
  quoting: 'single' | 'none';
}

/** "…": a search string (wildcards, ranges such as ">=2020<=2021", or an expression search "=Sum(x)>10") */
export interface SearchString extends Range {
  kind: 'Search';
  value: string;
  /** for "=expr" searches: the parsed expression, ranges in the same text as this node */
  expression: ExpressionRoot | null;
}

export type AnyNode =
  | ExpressionRoot
  | Expr
  | TotalQualifier
  | AggrDimension
  | SetExpression
  | SetTerm
  | SetIdentifier
  | SetModifier
  | ModifierItem
  | ElementSet
  | Element;
