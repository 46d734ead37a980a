// Public API of the Qlik expression language module (pure TypeScript: runs in workers, pages and Node).
export type * from './ast';
export { DiagnosticSchema, DiagnosticCodeSchema, SeveritySchema, type Diagnostic, type DiagnosticCode, type Severity } from './diagnostics';
export { parseExpression, parseRange, type ParseOptions, type ParseResult } from './parser';
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
} from './dollar';
export { brokenExpansions, judgeExpansion, type BrokenExpansion, type ExpansionVerdict } from './blame';
export { analyseExpression, type AnalyseContext, type Analysis, type AnalysedField } from './analyse';
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
  isCountedBy,
  inSetAnalysis,
  type References,
  type FieldOccurrence,
  type StringOccurrence,
  type CallReference,
  type SetIdentifierReference,
  type ModifierReference,
  type ModifierLiteral,
  type ColourReference,
  type StringComparison,
  type AggrReference,
  type VariableReference,
} from './queries';
export { printExpression, normaliseExpression, type PrintOptions } from './printer';
export { FUNCTIONS, lookupFunction, isAggregationFunction, type FunctionInfo } from './functions';
export { walk, unwrap, type Visitor, type WalkContext, type FieldRole, type Within } from './walk';
export { lex, type Token, type LexResult } from './lexer';
