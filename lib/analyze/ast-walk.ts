// Generic traversal of the expression AST (lib/expression/ast.ts), with the chain of ancestors,
// for rules that look at shapes (an If inside an aggregation, set modifiers in an Aggr …).
import type { AnyNode } from '../expression/ast';

export type Visitor = (node: AnyNode, ancestors: readonly AnyNode[]) => void;

function children(node: AnyNode): Array<AnyNode | null | undefined> {
  switch (node.kind) {
    case 'Root':
      return [node.body];
    case 'Unary':
      return [node.operand];
    case 'Binary':
      return [node.left, node.right];
    case 'Paren':
      return [node.expr];
    case 'Call':
      return [node.set, node.total, ...node.args, ...node.dimensions];
    case 'Total':
      return node.fields;
    case 'AggrDimension':
      return [node.field];
    case 'Scoped':
      return [node.set, node.expr];
    case 'Set':
      return [node.body];
    case 'SetEntity':
      return [node.identifier, node.modifier];
    case 'SetOperation':
    case 'ElementOperation':
      return [node.left, node.right];
    case 'SetGroup':
    case 'ElementGroup':
      return [node.body];
    case 'SetModifier':
      return node.items;
    case 'ModifierItem':
      return [node.field, node.value];
    case 'ElementList':
      return node.elements;
    case 'ElementFunction':
      return [node.set, node.field];
    case 'Search':
      return [node.expression];
    default:
      return [];
  }
}

/** Visits every node depth-first, parents before children. */
export function walk(root: AnyNode, visit: Visitor): void {
  const ancestors: AnyNode[] = [];
  const go = (node: AnyNode) => {
    visit(node, ancestors);
    ancestors.push(node);
    for (const child of children(node)) if (child) go(child);
    ancestors.pop();
  };
  go(root);
}

/** The body of a root, with parentheses removed. */
export function unwrap(node: AnyNode | null): AnyNode | null {
  let current = node;
  while (current && current.kind === 'Paren') current = current.expr;
  if (current && current.kind === 'Root') return unwrap(current.body);
  return current;
}
