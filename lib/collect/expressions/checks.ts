// Engine checks per UNIQUE expression text: CheckExpression (syntax, bad and dangerous field names)
// and GetFieldsFromExpression, both pipelined through the pool (the engine has no batch form; a
// session object could evaluate many expressions, but not check them).
// qLabels: the labels the expression may reference as [Label] (measure labels in the app: master
// measures and chart measures); only those that occur in the text are sent, keeping requests small.
import type { Expression, ExpressionCheck } from '../../snapshot/schema.ts';
import { type CollectContext, attempt, engineCall } from '../context.ts';
import { CheckExpressionResult } from '../engine-schemas.ts';
import { shouldCheck } from './index.ts';

export interface ExpressionAnswers {
  check?: ExpressionCheck;
  fieldsFromEngine?: string[];
}

export async function checkExpressions(ctx: CollectContext, expressions: Expression[], labels: readonly string[]): Promise<Expression[]> {
  const unique = [...new Set(expressions.filter(shouldCheck).map((e) => e.text))];
  const answers = new Map<string, ExpressionAnswers>();
  let done = 0;
  ctx.progress('expressions', 0, unique.length);
  await Promise.all(
    unique.map(async (text) => {
      const used = labels.filter((l) => l && text.includes(l));
      const [check, fields] = await Promise.all([
        attempt(ctx, 'expressionChecks', async () => toCheck(await engineCall(ctx, 'CheckExpression', () => ctx.doc.checkExpression(text, used)))),
        attempt(ctx, 'expressionFields', async () => toFields(await engineCall(ctx, 'GetFieldsFromExpression', () => ctx.doc.getFieldsFromExpression(text)))),
      ]);
      answers.set(text, { ...(check ? { check } : {}), ...(fields ? { fieldsFromEngine: fields } : {}) });
      ctx.progress('expressions', ++done, unique.length);
    }),
  );
  return expressions.map((e) => (shouldCheck(e) ? { ...e, ...answers.get(e.text) } : e));
}

export function toCheck(answer: unknown): ExpressionCheck {
  const a = CheckExpressionResult.parse(answer ?? {});
  const range = (r: { qFrom: number; qCount: number }) => ({ from: r.qFrom, count: r.qCount });
  return {
    ...(a.qErrorMsg ? { errorMsg: a.qErrorMsg } : {}),
    badFieldNames: (a.qBadFieldNames ?? []).map(range),
    dangerousFieldNames: (a.qDangerousFieldNames ?? []).map(range),
  };
}

function toFields(answer: unknown): string[] {
  // enigma returns the single out-param `qFieldNames` itself
  const list = Array.isArray(answer) ? answer : (answer as { qFieldNames?: unknown } | undefined)?.qFieldNames;
  return Array.isArray(list) ? list.filter((f): f is string => typeof f === 'string') : [];
}
