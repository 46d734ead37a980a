// Variables from one qVariableListDef (reserved and config variables included and flagged), plus
// the current value of calculated variables (definition starting with '='): the value a `$(v)`
// expansion inserts is the evaluated result, not the definition (help.qlik.com "Dollar-sign
// expansion using a variable": a variable whose definition starts with '=' is calculated and
// expands to its result). Read with Doc.EvaluateEx in our own session: it only reads.
import type { z } from 'zod/mini';
import type { Variable } from '../snapshot/schema';
import { type CollectContext, attempt, engineCall } from './context';
import type { VariableListItem } from './engine-schemas';

export function buildVariable(item: z.infer<typeof VariableListItem>): Variable {
  const tags = Array.isArray(item.qData?.tags) ? item.qData.tags.filter((t): t is string => typeof t === 'string') : [];
  return {
    ...(item.qInfo ? { id: item.qInfo.qId } : {}),
    name: item.qName,
    definition: item.qDefinition ?? '',
    ...(item.qDescription ? { comment: item.qDescription } : {}),
    tags,
    isScriptCreated: item.qIsScriptCreated === true,
    isReserved: item.qIsReserved === true,
    isConfig: item.qIsConfig === true,
    raw: item,
  };
}

/** The expression of a calculated variable (its definition without the leading '='), or undefined. */
export function calculatedExpression(definition: string): string | undefined {
  const trimmed = definition.trimStart();
  return trimmed.startsWith('=') && trimmed.length > 1 ? trimmed.slice(1) : undefined;
}

/** `Doc.EvaluateEx` answer (`qValue: FieldValue`), unwrapped by enigma.js to the FieldValue. */
function valueText(answer: unknown): string | undefined {
  const value = (answer as { qValue?: unknown } | undefined)?.qValue ?? answer;
  if (typeof value === 'string') return value;
  const text = (value as { qText?: unknown } | undefined)?.qText;
  return typeof text === 'string' ? text : undefined;
}

/** Adds `value` to every calculated variable the engine evaluates; a failure is an issue on that variable. */
export async function withCalculatedValues(ctx: CollectContext, variables: Variable[]): Promise<Variable[]> {
  const doc = ctx.doc;
  return Promise.all(
    variables.map(async (variable) => {
      const expression = calculatedExpression(variable.definition);
      if (expression === undefined) return variable;
      const answer = await attempt(ctx, 'variables', () => engineCall(ctx, `EvaluateEx (variable ${variable.name})`, () => doc.evaluateEx(expression)), variable.id ?? variable.name);
      const value = valueText(answer);
      return value === undefined ? variable : { ...variable, value };
    }),
  );
}
