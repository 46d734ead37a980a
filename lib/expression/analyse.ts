// analyseExpression: dollar expansion, then parsing, then the queries, with every position mapped
// back to the text the user wrote.
import type { ExpressionRoot } from './ast';
import type { Diagnostic } from './diagnostics';
import { expandDollars, toOriginalRange, type SourceMap, type UnknownValue, type VariableDefinition, type VariableUse } from './dollar';
import { parseExpression } from './parser';
import { collectReferences, type References } from './queries';

export interface AnalyseContext {
  /** the app's variables; without them $(…) is left unexpanded and read as an unknown operand */
  variables?: ReadonlyMap<string, VariableDefinition>;
  /** engine values of $(=expr), keyed by the expression after '=' */
  evaluated?: ReadonlyMap<string, string>;
  maxDepth?: number;
  /** report unknown function names (default true) */
  checkFunctions?: boolean;
}

export interface Analysis {
  /** AST of the expanded text (its ranges are offsets in `expandedText`) */
  ast: ExpressionRoot;
  expandedText: string;
  sourceMap: SourceMap;
  /** all diagnostics, positions in the original text */
  diagnostics: Diagnostic[];
  unknownValues: UnknownValue[];
  /** variables expanded (directly or through other variables) */
  variableUses: VariableUse[];
  /**
   * Query results, positions mapped to the original text (the `node` of a call keeps the positions
   * of the expanded text, like `ast`). Fields also include those of $(=expr) and of
   * calculated variables whose value is unknown (`viaDollar`, positioned at the $(…)), and say whether
   * a bare name is in fact a variable (`isVariable`: Qlik reads a variable name without $() as its value).
   */
  references: Omit<References, 'fields'> & { fields: AnalysedField[] };
}

export type AnalysedField = References['fields'][number] & {
  /** name of the variable whose expansion contains this reference */
  expansion?: string;
  viaDollar?: boolean;
  isVariable: boolean;
};

// The same $(=…) and calculated variables recur in many expressions of an app: parse each once.
const unknownFields = new Map<string, References['fields']>();

function fieldsOfUnknown(expression: string): References['fields'] {
  let fields = unknownFields.get(expression);
  if (!fields) {
    fields = collectReferences(parseExpression(expression, { checkFunctions: false }).ast).fields;
    if (unknownFields.size >= 1000) unknownFields.clear();
    unknownFields.set(expression, fields);
  }
  return fields;
}

export function analyseExpression(text: string, context: AnalyseContext = {}): Analysis {
  const checkFunctions = context.checkFunctions ?? true;
  const expanded = context.variables
    ? expandDollars(text, { variables: context.variables, evaluated: context.evaluated, maxDepth: context.maxDepth })
    : { text, sourceMap: { segments: [{ from: 0, to: text.length, originalFrom: 0, originalTo: text.length }] }, diagnostics: [], unknownValues: [], variables: [] };
  const parsed = parseExpression(expanded.text, { reportDollar: !context.variables, checkFunctions });
  const map = expanded.sourceMap;
  const diagnostics: Diagnostic[] = [...expanded.diagnostics];
  for (const d of parsed.diagnostics) {
    if (map.segments.length === 1 && map.segments[0].expansion === undefined) {
      diagnostics.push(d);
      continue;
    }
    const r = toOriginalRange(map, d.from, d.to);
    const message = r.expansion !== undefined && r.expansion !== '' ? `${d.message} (in the expansion of $(${r.expansion}))` : d.message;
    diagnostics.push({ ...d, message, from: r.from, to: r.to });
  }
  diagnostics.sort((a, b) => a.from - b.from);

  const refs = collectReferences(parsed.ast);
  const variables = context.variables;
  // nothing was expanded: positions are already original ones
  const identity = map.segments.length === 1 && map.segments[0].expansion === undefined && map.segments[0].originalFrom === 0;
  const mapRange = <T extends { from: number; to: number }>(x: T): T => {
    if (identity) return x;
    const r = toOriginalRange(map, x.from, x.to);
    return { ...x, from: r.from, to: r.to };
  };
  const fields: AnalysedField[] = refs.fields.map((f) => {
    if (identity) return { ...f, isVariable: f.quoting === 'bare' && variables?.has(f.name) === true };
    const r = toOriginalRange(map, f.from, f.to);
    const out: AnalysedField = { ...f, from: r.from, to: r.to, isVariable: f.quoting === 'bare' && variables?.has(f.name) === true };
    if (r.expansion !== undefined) out.expansion = r.expansion;
    return out;
  });
  // "analysed as far as possible": fields of expressions whose value the engine did not give us
  for (const u of expanded.unknownValues) {
    if (u.expression === undefined) continue;
    for (const f of fieldsOfUnknown(u.expression))
      fields.push({ ...f, from: u.from, to: u.to, viaDollar: true, isVariable: f.quoting === 'bare' && variables?.has(f.name) === true });
  }
  return {
    ast: parsed.ast,
    expandedText: expanded.text,
    sourceMap: map,
    diagnostics,
    unknownValues: expanded.unknownValues,
    variableUses: expanded.variables,
    references: {
      ...refs,
      fields,
      calls: refs.calls.map(mapRange),
      strings: refs.strings.map(mapRange),
      setIdentifiers: refs.setIdentifiers.map(mapRange),
      modifiers: refs.modifiers.map((m) => ({ ...mapRange(m), literals: m.literals.map(mapRange) })),
      colours: refs.colours.map(mapRange),
      stringComparisonsInAggregations: refs.stringComparisonsInAggregations.map(mapRange),
      aggrs: refs.aggrs.map((x) => ({
        ...mapRange(x),
        innerAggregations: x.innerAggregations.map(mapRange),
        outerAggregation: x.outerAggregation ? mapRange(x.outerAggregation) : null,
      })),
      variables: refs.variables.map(mapRange),
    },
  };
}
