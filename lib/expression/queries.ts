// Queries over the AST that the rules need. Each is a pure function of the tree; `collectReferences`
// answers all of them in one walk (what analyseExpression and the analysis' parse use).
import type { AnyNode, Call, ElementSet, Expr, ExpressionRoot, FieldQuoting, FieldRef, SetIdentifierKind } from './ast';
import { lookupFunction } from './functions';
import { walk, type FieldRole, type WalkContext, type Within } from './walk';

/**
 * One place a field name occurs in an expression, with where it sits; every reader of an
 * expression's fields picks the occurrences it wants by these facts.
 */
export interface FieldOccurrence {
  name: string;
  quoting: FieldQuoting;
  state?: string;
  from: number;
  to: number;
  /** its syntactic place: a value, the F of <F=…>, the G of <F=G>, P(F)/E(F), TOTAL <F>, Aggr(…, F) */
  role: FieldRole;
  /** the innermost expression holding it: top level, a call's argument, an "=expr" search string, a calculated Aggr dimension */
  within: Within;
  inSetModifier: boolean;
  inElementFunction: boolean;
  inTotal: boolean;
  inAggrDimension: boolean;
  /** inside an "=expr" search string of a set modifier */
  inSearch: boolean;
  /** in a fragment the parser recovered after a syntax error, outside the parsed body */
  recovered: boolean;
  aggregationDepth: number;
  aggrDepth: number;
}

export interface StringOccurrence {
  value: string;
  from: number;
  to: number;
  /** in a fragment the parser recovered after a syntax error */
  recovered: boolean;
}

export interface CallReference {
  /** as written */
  name: string;
  /** canonical spelling from the function table, or the written name when unknown */
  canonicalName: string;
  known: boolean;
  aggregation: boolean;
  /** function group (DATE, STR, CLR, …) */
  group: string;
  from: number;
  to: number;
  /** aggregation calls around this one (Aggr not counted) */
  aggregationDepth: number;
  /** Aggr calls around this one */
  aggrDepth: number;
  /** If calls around this one */
  ifDepth: number;
  /** inside the then/else branch of an If */
  inIfBranch: boolean;
  /** the innermost enclosing call's canonical name */
  parent: string | null;
  distinct: 'DISTINCT' | 'NODISTINCT' | null;
  hasSet: boolean;
  hasTotal: boolean;
  argumentCount: number;
  node: Call;
}

export interface SetIdentifierReference {
  name: string;
  identifierKind: SetIdentifierKind;
  bracketed: boolean;
  from: number;
  to: number;
}

export interface ModifierLiteral {
  value: string;
  quoting: 'single' | 'none' | 'search';
  from: number;
  to: number;
}

export interface ModifierReference {
  /** the modified field ('' when it is a $(…)) */
  field: string;
  operator: string;
  from: number;
  to: number;
  /** literal values and search strings of the element lists, in order */
  literals: ModifierLiteral[];
  /** the value is a field (<F=G>), an element function, or empty (<F=>) */
  valueKind: 'list' | 'field' | 'element-function' | 'mixed' | 'clear' | 'unknown';
}

export interface ColourReference {
  kind: 'function' | 'hex';
  /** function name or the hex string */
  text: string;
  from: number;
  to: number;
}

export interface StringComparison {
  kind: 'function' | 'operator';
  /** Match/WildMatch/MixMatch or the operator */
  text: string;
  from: number;
  to: number;
}

export interface AggrReference {
  node: Call;
  from: number;
  to: number;
  dimensions: string[];
  /** aggregations directly inside the Aggr's expression (not inside a nested Aggr) */
  innerAggregations: CallReference[];
  /** the aggregation around this Aggr, if any */
  outerAggregation: CallReference | null;
}

export interface VariableReference {
  /** the name inside $(…) (parameters and '=' stripped), or the whole text for $(=…) */
  name: string;
  text: string;
  computed: boolean;
  from: number;
  to: number;
}

export interface References {
  fields: FieldOccurrence[];
  /** string literals ('Region' in FieldValue('Region', 1) may name a field) */
  strings: StringOccurrence[];
  calls: CallReference[];
  setIdentifiers: SetIdentifierReference[];
  modifiers: ModifierReference[];
  colours: ColourReference[];
  stringComparisonsInAggregations: StringComparison[];
  aggrs: AggrReference[];
  variables: VariableReference[];
  /** deepest If nesting (If inside If branches or conditions) */
  maxIfDepth: number;
}

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const STRING_MATCH_FUNCTIONS = new Set(['MATCH', 'WILDMATCH', 'MIXMATCH']);
const STRING_OPERATORS = new Set(['=', '<>', 'LIKE', 'PRECEDES', 'FOLLOWS']);
const COLOUR_FUNCTIONS = new Set(['RGB', 'ARGB', 'HSL']);

/** A field at its place in the walk. */
export function fieldOccurrence(field: Pick<FieldRef, 'name' | 'quoting' | 'state' | 'from' | 'to'>, ctx: WalkContext, role: FieldRole): FieldOccurrence {
  return {
    name: field.name,
    quoting: field.quoting,
    ...(field.state !== undefined ? { state: field.state } : {}),
    from: field.from,
    to: field.to,
    role,
    within: ctx.within,
    inSetModifier: ctx.inSetModifier > 0,
    inElementFunction: ctx.inElementFunction > 0,
    inTotal: ctx.inTotal > 0,
    inAggrDimension: ctx.inAggrDimension > 0,
    inSearch: ctx.inSearch > 0,
    recovered: ctx.recovered,
    aggregationDepth: ctx.aggregationDepth,
    aggrDepth: ctx.aggrDepth,
  };
}

/** Every query in one walk. */
export function collectReferences(root: ExpressionRoot): References {
  const refs: References = {
    fields: [],
    strings: [],
    calls: [],
    setIdentifiers: [],
    modifiers: [],
    colours: [],
    stringComparisonsInAggregations: [],
    aggrs: [],
    variables: [],
    maxIfDepth: 0,
  };
  const callRefs = new Map<Call, CallReference>();
  const pendingAggr: Array<{ ref: AggrReference; outer: Call | null }> = [];
  walk(root, {
    enter(node: AnyNode, ctx: WalkContext, role: FieldRole) {
      switch (node.kind) {
        case 'Field':
          refs.fields.push(fieldOccurrence(node, ctx, role));
          return;
        case 'Call': {
          const info = lookupFunction(node.name);
          const parent = ctx.calls.length > 0 ? ctx.calls[ctx.calls.length - 1] : null;
          const ref: CallReference = {
            name: node.name,
            canonicalName: info?.name ?? node.name,
            known: info !== undefined,
            aggregation: info?.aggregation === true,
            group: info?.group ?? '',
            from: node.from,
            to: node.to,
            aggregationDepth: ctx.aggregationDepth,
            aggrDepth: ctx.aggrDepth,
            ifDepth: ctx.ifDepth,
            inIfBranch: ctx.inIfBranch > 0,
            parent: parent ? (lookupFunction(parent.name)?.name ?? parent.name) : null,
            distinct: node.distinct,
            hasSet: node.set !== null,
            hasTotal: node.total !== null,
            argumentCount: node.args.length + node.dimensions.length,
            node,
          };
          refs.calls.push(ref);
          callRefs.set(node, ref);
          const upper = node.name.toUpperCase();
          if (upper === 'IF') refs.maxIfDepth = Math.max(refs.maxIfDepth, ctx.ifDepth + 1);
          if (COLOUR_FUNCTIONS.has(upper) || ref.group === 'CLR')
            refs.colours.push({ kind: 'function', text: ref.canonicalName, from: node.from, to: node.to });
          if (ctx.aggregationDepth > 0 && STRING_MATCH_FUNCTIONS.has(upper))
            refs.stringComparisonsInAggregations.push({ kind: 'function', text: ref.canonicalName, from: node.from, to: node.to });
          if (upper === 'AGGR') {
            const outer = [...ctx.calls].reverse().find((c) => lookupFunction(c.name)?.aggregation === true) ?? null;
            const aggr: AggrReference = {
              node,
              from: node.from,
              to: node.to,
              dimensions: node.dimensions.map((d) => (d.field.kind === 'Field' ? d.field.name : '')).filter((n) => n !== ''),
              innerAggregations: [],
              outerAggregation: null,
            };
            refs.aggrs.push(aggr);
            pendingAggr.push({ ref: aggr, outer });
          }
          return;
        }
        case 'String':
          refs.strings.push({ value: node.value, from: node.from, to: node.to, recovered: ctx.recovered });
          if (HEX_COLOUR.test(node.value)) refs.colours.push({ kind: 'hex', text: node.value, from: node.from, to: node.to });
          return;
        case 'Binary':
          if (ctx.aggregationDepth > 0 && STRING_OPERATORS.has(node.operator) && (node.left.kind === 'String' || node.right.kind === 'String'))
            refs.stringComparisonsInAggregations.push({ kind: 'operator', text: node.operator, from: node.from, to: node.to });
          return;
        case 'SetIdentifier':
          refs.setIdentifiers.push({ name: node.name, identifierKind: node.identifierKind, bracketed: node.bracketed, from: node.from, to: node.to });
          return;
        case 'ModifierItem':
          refs.modifiers.push({
            field: node.field.kind === 'Field' ? node.field.name : '',
            operator: node.operator,
            from: node.from,
            to: node.to,
            literals: node.value ? literalsOf(node.value) : [],
            valueKind: node.value ? valueKind(node.value) : 'clear',
          });
          return;
        case 'Dollar':
          refs.variables.push(variableOf(node.raw, node.from, node.to));
          return;
        default:
          return;
      }
    },
  });
  for (const { ref, outer } of pendingAggr) {
    ref.outerAggregation = outer ? (callRefs.get(outer) ?? null) : null;
    ref.innerAggregations = refs.calls.filter((c) => c.aggregation && c.from >= ref.from && c.to <= ref.to && isDirectlyInside(c.node, ref.node));
  }
  return refs;
}

/** an aggregation directly inside an Aggr: no other aggregation between them */
function isDirectlyInside(inner: Call, aggr: Call): boolean {
  let found = false;
  const visit = (e: Expr, depth: number): void => {
    if (found) return;
    if (e === inner) {
      found = depth === 0;
      return;
    }
    if (e.kind === 'Call') {
      const deeper = lookupFunction(e.name)?.aggregation === true || e.name.toUpperCase() === 'AGGR' ? depth + 1 : depth;
      for (const a of e.args) visit(a, deeper);
    } else if (e.kind === 'Binary') {
      visit(e.left, depth);
      visit(e.right, depth);
    } else if (e.kind === 'Unary') visit(e.operand, depth);
    else if (e.kind === 'Paren') visit(e.expr, depth);
    else if (e.kind === 'Scoped') visit(e.expr, depth);
  };
  for (const a of aggr.args) visit(a, 0);
  return found;
}

function literalsOf(value: ElementSet): ModifierLiteral[] {
  const out: ModifierLiteral[] = [];
  const visit = (v: ElementSet): void => {
    if (v.kind === 'ElementList') {
      for (const e of v.elements) {
        if (e.kind === 'ElementValue') out.push({ value: e.value, quoting: e.quoting, from: e.from, to: e.to });
        else if (e.kind === 'Search') out.push({ value: e.value, quoting: 'search', from: e.from, to: e.to });
      }
    } else if (v.kind === 'ElementOperation') {
      visit(v.left);
      visit(v.right);
    } else if (v.kind === 'ElementGroup') visit(v.body);
  };
  visit(value);
  return out;
}

function valueKind(value: ElementSet): ModifierReference['valueKind'] {
  switch (value.kind) {
    case 'ElementList': return 'list';
    case 'Field': return 'field';
    case 'ElementFunction': return 'element-function';
    case 'ElementOperation':
    case 'ElementGroup': return 'mixed';
    default: return 'unknown';
  }
}

function variableOf(raw: string, from: number, to: number): VariableReference {
  if (!raw.startsWith('$(')) return { name: raw, text: raw, computed: false, from, to };
  const body = raw.slice(2, raw.endsWith(')') ? -1 : undefined).trim();
  if (body.startsWith('=')) return { name: body, text: raw, computed: true, from, to };
  const bare = body.startsWith('#') ? body.slice(1).trim() : body;
  const open = bare.indexOf('(');
  return { name: (open < 0 ? bare : bare.slice(0, open)).trim(), text: raw, computed: false, from, to };
}

// ---- single-purpose queries (each a thin view of collectReferences) ----

export function fieldReferences(root: ExpressionRoot): FieldOccurrence[] {
  return collectReferences(root).fields;
}

export function functionCalls(root: ExpressionRoot): CallReference[] {
  return collectReferences(root).calls;
}

/** If calls with their nesting and whether their then/else branches hold aggregations (P08). */
export function ifCalls(root: ExpressionRoot): Array<CallReference & { branchAggregations: CallReference[] }> {
  const calls = collectReferences(root).calls;
  return calls
    .filter((c) => c.node.name.toUpperCase() === 'IF')
    .map((c) => {
      const branches = c.node.args.slice(1);
      const branchAggregations = calls.filter(
        (a) => a.aggregation && a.aggregationDepth === c.aggregationDepth && branches.some((b) => a.from >= b.from && a.to <= b.to),
      );
      return { ...c, branchAggregations };
    });
}

/** If calls inside aggregations (P09). */
export function ifInsideAggregations(root: ExpressionRoot): CallReference[] {
  return functionCalls(root).filter((c) => c.aggregationDepth > 0 && c.node.name.toUpperCase() === 'IF');
}

export function maxIfDepth(root: ExpressionRoot): number {
  return collectReferences(root).maxIfDepth;
}

const DATE_TEST_FUNCTIONS = new Set([
  'INDAY', 'INDAYTOTIME', 'INWEEK', 'INWEEKTODATE', 'INLUNARWEEK', 'INLUNARWEEKTODATE', 'INMONTH', 'INMONTHTODATE',
  'INMONTHS', 'INMONTHSTODATE', 'INQUARTER', 'INQUARTERTODATE', 'INYEAR', 'INYEARTODATE', 'DATE#', 'TIMESTAMP#',
]);

/** InMonth, InYear, Date# and the like inside aggregations (P10). */
export function dateFunctionsInAggregations(root: ExpressionRoot): CallReference[] {
  return functionCalls(root).filter((c) => c.aggregationDepth > 0 && DATE_TEST_FUNCTIONS.has(c.node.name.toUpperCase()));
}

/** Match/WildMatch/MixMatch and string comparisons inside aggregations (P21). */
export function stringComparisonsInAggregations(root: ExpressionRoot): StringComparison[] {
  return collectReferences(root).stringComparisonsInAggregations;
}

/** Count(DISTINCT field): the counted fields (P14). */
export function countDistinctFields(root: ExpressionRoot): Array<{ call: CallReference; fields: string[] }> {
  const refs = collectReferences(root);
  return refs.calls
    .filter((c) => c.node.name.toUpperCase() === 'COUNT' && c.distinct === 'DISTINCT')
    .map((call) => ({
      call,
      fields: refs.fields.filter((f) => isCountedBy(f, call) && f.aggregationDepth === call.aggregationDepth + 1).map((f) => f.name),
    }));
}

/**
 * A field `call` counts or aggregates: a value inside its arguments, not a field of its set
 * expression (modifiers and their "=expr" or "*abc*" searches select records, they are not
 * aggregated: Qlik help "Set modifiers with searches") nor of its TOTAL <fld> qualifier (the
 * dimensions to total over: Qlik help "Count - chart function").
 */
export function isCountedBy(f: Pick<FieldOccurrence, 'role' | 'inSearch' | 'from' | 'to'>, call: { from: number; to: number }): boolean {
  // a value (role 'expression') is never inSetModifier: within a modifier only a search holds values, and it is `inSearch`
  return f.role === 'expression' && !f.inSearch && f.from >= call.from && f.to <= call.to;
}

/**
 * Part of set analysis: the field of a modifier (<F=…>), a field as its value (<F=G>, P(F), E(F)),
 * or a field at the top of an "=expr" search string (inside a call of the search it is a value).
 */
export function inSetAnalysis(f: Pick<FieldOccurrence, 'role' | 'within'>): boolean {
  return f.role === 'modifier-field' || f.role === 'modifier-value' || f.role === 'element-function' || (f.role === 'expression' && f.within === 'search');
}

export function setIdentifiers(root: ExpressionRoot): SetIdentifierReference[] {
  return collectReferences(root).setIdentifiers;
}

/** Set modifiers with their literal values, e.g. Year={2023} (D10). */
export function setModifiers(root: ExpressionRoot): ModifierReference[] {
  return collectReferences(root).modifiers;
}

/** RGB()/ARGB()/HSL()/named colour functions and '#rrggbb' strings (D09). */
export function colourReferences(root: ExpressionRoot): ColourReference[] {
  return collectReferences(root).colours;
}

/**
 * [Names] used as values outside set analysis: candidates for master-item label references (Q15);
 * the rule decides with the data model which of them are not fields.
 */
export function bracketedNames(root: ExpressionRoot): FieldOccurrence[] {
  return fieldReferences(root).filter((f) => f.quoting === 'bracket' && f.role === 'expression' && !f.inSetModifier && !f.inElementFunction);
}

export function aggrCalls(root: ExpressionRoot): AggrReference[] {
  return collectReferences(root).aggrs;
}

/** $(…) left in the parsed text (not expanded) */
export function variableReferences(root: ExpressionRoot): VariableReference[] {
  return collectReferences(root).variables;
}

/**
 * The field an expression consists of, if it is nothing but one field reference (parentheses allowed):
 * `=[Region]` or `=Region` as a dimension (P07). Null for anything else.
 */
export function bareField(root: ExpressionRoot): string | null {
  let e: Expr | null = root.body;
  while (e && e.kind === 'Paren') e = e.expr;
  return e && e.kind === 'Field' && !e.dynamic && !root.recovered ? e.name : null;
}
