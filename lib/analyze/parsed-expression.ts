// One expression, expanded and parsed once per analysis (shared by all rules), with the facts
// most rules ask for: every field occurrence (one walk, each with its place), variable uses, values
// that could not be known, and diagnostics mapped back to the text the user wrote.
import type { ExpressionRoot } from '../expression/ast';
import type { Diagnostic } from '../expression/diagnostics';
import { expandDollars, toOriginalRange, type SourceMap, type UnknownValue, type VariableDefinition, type VariableUse } from '../expression/dollar';
import { parseExpression } from '../expression/parser';
import { collectReferences, fieldOccurrence, type FieldOccurrence, type References } from '../expression/queries';
import { newContext } from '../expression/walk';

/**
 * A field occurrence of the parse (`from`/`to` in the expanded text, like every reference) with its
 * range in the text as written. A dimension in field syntax is one occurrence with role 'dimension'.
 */
export type FieldUse = FieldOccurrence & {
  /** range in the original text */
  original: { from: number; to: number };
  /** true when the reference came out of a variable's expansion */
  viaExpansion: boolean;
};

/** The parser's references other than fields and strings (those are `fields` and `strings`), ranges in the expanded text. */
export type ExpressionReferences = Omit<References, 'fields' | 'strings'>;

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
  /**
   * Every field occurrence, in source order: the one view of the expression's field references.
   * Readers select by role and place (set analysis, search string, TOTAL, Aggr dimension, recovered fragment).
   */
  readonly fields: readonly FieldUse[];
  /** string literals of the parsed body (possible field names given as text, e.g. FieldValue('Region', 1)) */
  readonly strings: readonly string[];
  /** maps a range of `expanded` to the original text */
  toOriginal(from: number, to: number): { from: number; to: number };
  /** the parser's calls, set identifiers, modifiers, Aggr …, ranges in `expanded`; undefined for field syntax */
  references(): ExpressionReferences | undefined;
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
      fields: name ? [dimensionField(name, from)] : [],
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
  const { fields: occurrences, strings, ...references } = collectReferences(parsed.ast);
  const fields = occurrences.map((f): FieldUse => {
    const original = toOriginal(f.from, f.to);
    const viaExpansion = hasExpansion && !text.slice(original.from, original.to).includes(f.name.split('.').pop() ?? f.name);
    return { ...f, original, viaExpansion };
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
    // recovered fragments are left out, as they always were for the usage index
    strings: strings.filter((x) => !x.recovered).map((x) => x.value),
    toOriginal,
    references: () => references,
    hasErrors: diagnostics.some((d) => d.severity === 'error'),
  };
}

function dimensionField(name: string, from: number): FieldUse {
  const to = from + name.length;
  // at the top level, in no call, set or search: the place a field syntax dimension has
  return { ...fieldOccurrence({ name, quoting: 'bare', from, to }, newContext(), 'dimension'), original: { from, to }, viaExpansion: false };
}
