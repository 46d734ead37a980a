// One expression, expanded and parsed once per analysis (shared by all rules), with the facts
// most rules ask for: field references (and whether they sit in a set modifier), variable uses,
// values that could not be known, and diagnostics mapped back to the text the user wrote.
import type { AnyNode, ExpressionRoot, FieldRef } from '../expression/ast';
import type { Diagnostic } from '../expression/diagnostics';
import { expandDollars, toOriginalRange, type SourceMap, type UnknownValue, type VariableDefinition, type VariableUse } from '../expression/dollar';
import { parseExpression } from '../expression/parser';
import { collectReferences, type References } from '../expression/queries';
import { walk } from './ast-walk';

export type FieldRefContext = 'expression' | 'set-modifier' | 'set-value' | 'total' | 'aggr-dimension' | 'dimension';

export interface FieldUseInText {
  name: string;
  /** range in the original text */
  from: number;
  to: number;
  context: FieldRefContext;
  /** true when the reference came out of a variable's expansion */
  viaExpansion: boolean;
  node?: FieldRef;
}

export interface ParsedExpression {
  readonly text: string;
  readonly syntax: 'expression' | 'field';
  /** text after dollar expansion (equals `text` when there is no `$(`) */
  readonly expanded: string;
  /** AST over `expanded`; null for a bare field name (dimension `field` syntax) */
  readonly root: ExpressionRoot | null;
  /** parse errors and expansion problems, offsets in the original text */
  readonly diagnostics: readonly Diagnostic[];
  readonly unknownValues: readonly UnknownValue[];
  readonly variableUses: readonly VariableUse[];
  readonly fields: readonly FieldUseInText[];
  /** string literals (possible field names given as text, e.g. FieldValue('Region', 1)) */
  readonly strings: readonly string[];
  /** maps a range of `expanded` to the original text */
  toOriginal(from: number, to: number): { from: number; to: number };
  /** the parser's references (calls, set identifiers, modifiers, Aggr …), ranges in `expanded`; computed once on first use */
  references(): References | undefined;
  /** the parse has an error diagnostic */
  readonly hasErrors: boolean;
}

const identity = (from: number, to: number) => ({ from, to });

/** `[Field Name]` / `"Field"` → `Field Name`. */
export function bareFieldName(text: string): string {
  const t = text.trim();
  if (t.startsWith('[') && t.endsWith(']')) return t.slice(1, -1).replace(/\]\]/g, ']');
  if (t.startsWith('"') && t.endsWith('"') && t.length > 1) return t.slice(1, -1).replace(/""/g, '"');
  if (t.startsWith('`') && t.endsWith('`') && t.length > 1) return t.slice(1, -1);
  return t;
}

export function parseForAnalysis(
  text: string,
  syntax: 'expression' | 'field',
  variables: ReadonlyMap<string, VariableDefinition>,
): ParsedExpression {
  if (syntax === 'field') {
    const name = bareFieldName(text);
    const from = text.indexOf(name) >= 0 ? text.indexOf(name) : 0;
    return {
      text,
      syntax,
      expanded: text,
      root: null,
      diagnostics: [],
      unknownValues: [],
      variableUses: [],
      fields: name ? [{ name, from, to: from + name.length, context: 'dimension', viaExpansion: false }] : [],
      strings: [],
      toOriginal: identity,
      references: () => undefined,
      hasErrors: false,
    };
  }
  const expansion = expandDollars(text, { variables });
  const map: SourceMap = expansion.sourceMap;
  const hasExpansion = expansion.text !== text || map.segments.some((s) => s.expansion !== undefined);
  const toOriginal = hasExpansion ? (from: number, to: number) => toOriginalRange(map, from, to) : identity;
  const parsed = parseExpression(expansion.text, { reportDollar: false });
  const diagnostics: Diagnostic[] = [...expansion.diagnostics];
  for (const d of parsed.diagnostics) {
    const mapped = hasExpansion ? toOriginalRange(map, d.from, d.to) : { from: d.from, to: d.to };
    diagnostics.push({ ...d, from: mapped.from, to: mapped.to });
  }
  const fields: FieldUseInText[] = [];
  const strings: string[] = [];
  let references: References | undefined;
  walk(parsed.ast, (node, ancestors) => {
    if (node.kind === 'Field') {
      const range = toOriginal(node.from, node.to);
      const viaExpansion = hasExpansion && !text.slice(range.from, range.to).includes(node.name.split('.').pop() ?? node.name);
      fields.push({ name: node.name, ...range, context: contextOf(node, ancestors), viaExpansion, node });
    } else if (node.kind === 'String') {
      strings.push(node.value);
    }
  });
  return {
    text,
    syntax,
    expanded: expansion.text,
    root: parsed.ast,
    diagnostics,
    unknownValues: expansion.unknownValues,
    variableUses: expansion.variables,
    fields,
    strings,
    toOriginal,
    references: () => (references ??= collectReferences(parsed.ast)),
    hasErrors: diagnostics.some((d) => d.severity === 'error'),
  };
}

function contextOf(node: FieldRef, ancestors: readonly AnyNode[]): FieldRefContext {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (a.kind === 'ModifierItem') return a.field === node ? 'set-modifier' : 'set-value';
    if (a.kind === 'ElementFunction') return 'set-value';
    if (a.kind === 'Total') return 'total';
    if (a.kind === 'AggrDimension') return 'aggr-dimension';
    if (a.kind === 'Call' || a.kind === 'Set') return 'expression';
  }
  return 'expression';
}
