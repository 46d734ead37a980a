export { checkExpression, type CheckContext, type CheckOutcome, type NxRange } from './check-expression';
export { expandDollars, type DollarContext } from './dollar-expansion';
export { checkScriptSyntax, type ScriptSyntaxError } from './check-script';
