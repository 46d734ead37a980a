// Walks over the AST. `walk` keeps the context the rules ask about (inside which aggregation, Aggr,
// If, set modifier, element function, TOTAL qualifier, Aggr dimension, search, recovered fragment);
// `unwrap` strips parentheses.
import type { AnyNode, Call, ElementSet, Expr, ExpressionRoot, SetExpression, SetTerm } from './ast';
import { lookupFunction } from './functions';

export interface WalkContext {
  /** enclosing aggregation calls (Sum, Count, …; Aggr not counted) */
  aggregationDepth: number;
  /** enclosing Aggr calls */
  aggrDepth: number;
  /** enclosing If calls */
  ifDepth: number;
  /** inside the branches (2nd/3rd argument) of an If */
  inIfBranch: number;
  inSetModifier: number;
  inElementFunction: number;
  inTotal: number;
  inAggrDimension: number;
  inSearch: number;
  /** the innermost expression the node is part of */
  within: Within;
  /** in a fragment the parser recovered after a syntax error (`root.recovered`), not in the parsed body */
  recovered: boolean;
  /** the enclosing calls, innermost last */
  calls: Call[];
}

/**
 * The innermost expression around a node: the top level, a call's argument, an "=expr" search
 * string of a set modifier, or a calculated dimension of Aggr.
 */
export type Within = 'root' | 'call' | 'search' | 'aggr-dimension';

export interface Visitor {
  /** called for every node before its children */
  enter(node: AnyNode, ctx: WalkContext, role: FieldRole): void;
}

/** Where a field reference sits. */
export type FieldRole =
  | 'expression'
  | 'modifier-field' // the F of <F=…>
  | 'modifier-value' // the G of <F=G> (field-to-field)
  | 'element-function' // the F of P(F) / E(F)
  | 'total' // TOTAL <F>
  | 'aggr-dimension' // Aggr(…, F)
  | 'dimension'; // a dimension in field syntax, the whole text one name (made by the analysis' parse, not by the walk)

export function newContext(): WalkContext {
  return {
    aggregationDepth: 0,
    aggrDepth: 0,
    ifDepth: 0,
    inIfBranch: 0,
    inSetModifier: 0,
    inElementFunction: 0,
    inTotal: 0,
    inAggrDimension: 0,
    inSearch: 0,
    within: 'root',
    recovered: false,
    calls: [],
  };
}

export function walk(root: ExpressionRoot, visitor: Visitor): void {
  const ctx = newContext();
  visitor.enter(root, ctx, 'expression');
  if (root.body) walkExpr(root.body, ctx, visitor);
  if (root.recovered) {
    ctx.recovered = true;
    for (const e of root.recovered) walkExpr(e, ctx, visitor);
    ctx.recovered = false;
  }
}

function walkExpr(node: Expr, ctx: WalkContext, v: Visitor): void {
  v.enter(node, ctx, 'expression');
  switch (node.kind) {
    case 'Unary':
      walkExpr(node.operand, ctx, v);
      return;
    case 'Binary':
      walkExpr(node.left, ctx, v);
      walkExpr(node.right, ctx, v);
      return;
    case 'Paren':
      walkExpr(node.expr, ctx, v);
      return;
    case 'Scoped':
      walkSet(node.set, ctx, v);
      walkExpr(node.expr, ctx, v);
      return;
    case 'Call':
      walkCall(node, ctx, v);
      return;
    default:
      return;
  }
}

function walkCall(call: Call, ctx: WalkContext, v: Visitor): void {
  const upper = call.name.toUpperCase();
  const isAggr = upper === 'AGGR';
  const isIf = upper === 'IF';
  const isAggregation = !isAggr && lookupFunction(call.name)?.aggregation === true;
  if (call.set) walkSet(call.set, ctx, v);
  if (call.total) {
    v.enter(call.total, ctx, 'total');
    ctx.inTotal++;
    for (const f of call.total.fields) v.enter(f, ctx, 'total');
    ctx.inTotal--;
  }
  const within = ctx.within;
  ctx.within = 'call';
  ctx.calls.push(call);
  if (isAggregation) ctx.aggregationDepth++;
  if (isAggr) ctx.aggrDepth++;
  if (isIf) ctx.ifDepth++;
  for (let i = 0; i < call.args.length; i++) {
    const branch = isIf && i > 0;
    if (branch) ctx.inIfBranch++;
    walkExpr(call.args[i], ctx, v);
    if (branch) ctx.inIfBranch--;
  }
  if (isIf) ctx.ifDepth--;
  if (isAggregation) ctx.aggregationDepth--;
  if (isAggr) ctx.aggrDepth--;
  ctx.calls.pop();
  // Aggr dimensions are evaluated outside the inner aggregation's scope
  ctx.within = 'aggr-dimension';
  ctx.inAggrDimension++;
  for (const d of call.dimensions) {
    v.enter(d, ctx, 'aggr-dimension');
    if (d.field.kind === 'Field') v.enter(d.field, ctx, 'aggr-dimension');
    else walkExpr(d.field, ctx, v);
  }
  ctx.inAggrDimension--;
  ctx.within = within;
}

export function walkSet(set: SetExpression, ctx: WalkContext, v: Visitor): void {
  v.enter(set, ctx, 'expression');
  walkSetTerm(set.body, ctx, v);
}

function walkSetTerm(term: SetTerm, ctx: WalkContext, v: Visitor): void {
  v.enter(term, ctx, 'expression');
  switch (term.kind) {
    case 'SetOperation':
      walkSetTerm(term.left, ctx, v);
      walkSetTerm(term.right, ctx, v);
      return;
    case 'SetGroup':
      walkSetTerm(term.body, ctx, v);
      return;
    case 'SetEntity':
      if (term.identifier) v.enter(term.identifier, ctx, 'expression');
      if (term.modifier) {
        v.enter(term.modifier, ctx, 'expression');
        ctx.inSetModifier++;
        for (const item of term.modifier.items) {
          v.enter(item, ctx, 'expression');
          if (item.kind !== 'ModifierItem') continue;
          v.enter(item.field, ctx, 'modifier-field');
          if (item.value) walkElementSet(item.value, ctx, v);
        }
        ctx.inSetModifier--;
      }
      return;
    default:
      return;
  }
}

function walkElementSet(node: ElementSet, ctx: WalkContext, v: Visitor): void {
  switch (node.kind) {
    case 'Field':
      v.enter(node, ctx, 'modifier-value');
      return;
    case 'ElementOperation':
      v.enter(node, ctx, 'expression');
      walkElementSet(node.left, ctx, v);
      walkElementSet(node.right, ctx, v);
      return;
    case 'ElementGroup':
      v.enter(node, ctx, 'expression');
      walkElementSet(node.body, ctx, v);
      return;
    case 'ElementFunction':
      v.enter(node, ctx, 'expression');
      ctx.inElementFunction++;
      if (node.set) walkSet(node.set, ctx, v);
      if (node.field) v.enter(node.field, ctx, 'element-function');
      ctx.inElementFunction--;
      return;
    case 'ElementList':
      v.enter(node, ctx, 'expression');
      for (const e of node.elements) {
        v.enter(e, ctx, 'expression');
        if (e.kind === 'Search' && e.expression) {
          ctx.inSearch++;
          walk2(e.expression, ctx, v);
          ctx.inSearch--;
        }
      }
      return;
    default:
      v.enter(node, ctx, 'expression');
  }
}

/** Walks a nested root (an "=expr" search) within the current context. */
function walk2(root: ExpressionRoot, ctx: WalkContext, v: Visitor): void {
  // a search expression is evaluated per field value: its aggregations do not nest in the outer ones
  const saved = { a: ctx.aggregationDepth, g: ctx.aggrDepth, i: ctx.ifDepth, b: ctx.inIfBranch, m: ctx.inSetModifier, w: ctx.within };
  ctx.within = 'search';
  ctx.aggregationDepth = 0;
  ctx.aggrDepth = 0;
  ctx.ifDepth = 0;
  ctx.inIfBranch = 0;
  ctx.inSetModifier = 0;
  if (root.body) walkExpr(root.body, ctx, v);
  ctx.aggregationDepth = saved.a;
  ctx.aggrDepth = saved.g;
  ctx.ifDepth = saved.i;
  ctx.inIfBranch = saved.b;
  ctx.inSetModifier = saved.m;
  ctx.within = saved.w;
}

/** The body of a root, with parentheses removed. */
export function unwrap(node: AnyNode | null): AnyNode | null {
  let current = node;
  while (current && current.kind === 'Paren') current = current.expr;
  if (current && current.kind === 'Root') return unwrap(current.body);
  return current;
}
