// Public API of the Qlik expression language module (pure TypeScript: runs in workers, pages and Node).
export type * from './ast.ts';
export { DiagnosticSchema, DiagnosticCodeSchema, SeveritySchema, type Diagnostic, type DiagnosticCode, type Severity } from './diagnostics.ts';
export { parseExpression, parseRange, type ParseOptions, type ParseResult } from './parser.ts';
export {
  expandDollars,
  toOriginalRange,
  type ExpandOptions,
  type ExpandResult,
  type SourceMap,
  type SourceSegment,
  type UnknownValue,
  type VariableDefinition,
  type VariableUse,
} from './dollar.ts';
export { brokenExpansions, judgeExpansion, type BrokenExpansion, type ExpansionVerdict } from './blame.ts';
export { analyseExpression, type AnalyseContext, type Analysis, type AnalysedField } from './analyse.ts';
export {
  collectReferences,
  fieldReferences,
  functionCalls,
  ifCalls,
  ifInsideAggregations,
  maxIfDepth,
  dateFunctionsInAggregations,
  stringComparisonsInAggregations,
  countDistinctFields,
  setIdentifiers,
  setModifiers,
  colourReferences,
  bracketedNames,
  aggrCalls,
  variableReferences,
  bareField,
  type References,
  type FieldReference,
  type CallReference,
  type SetIdentifierReference,
  type ModifierReference,
  type ModifierLiteral,
  type ColourReference,
  type StringComparison,
  type AggrReference,
  type VariableReference,
} from './queries.ts';
export { printExpression, normaliseExpression, type PrintOptions } from './printer.ts';
export { FUNCTIONS, lookupFunction, isAggregationFunction, type FunctionInfo } from './functions.ts';
export { walk, type Visitor, type WalkContext, type FieldRole } from './walk.ts';
export { lex, type Token, type LexResult } from './lexer.ts';
