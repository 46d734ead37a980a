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
  const labelsIn = labelMatcher(labels);
  let done = 0;
  ctx.progress('expressions', 0, unique.length);
  await Promise.all(
    unique.map(async (text) => {
      const used = labelsIn(text);
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

interface TrieNode {
  next: Map<string, TrieNode>;
  /** indexes of the labels that end here */
  ends: number[];
}

/**
 * `text` → the non-empty labels that occur in it, in `labels` order: the same as
 * `labels.filter((l) => l && text.includes(l))`, but through a trie of the labels, so a text costs
 * its length × the longest label prefix matched there instead of one scan per label (an app has
 * thousands of chart measure labels and thousands of unique expressions).
 */
export function labelMatcher(labels: readonly string[]): (text: string) => string[] {
  const root: TrieNode = { next: new Map(), ends: [] };
  labels.forEach((label, index) => {
    if (!label) return;
    let node = root;
    for (const ch of label.split('')) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map(), ends: [] }));
      node = child;
    }
    node.ends.push(index);
  });
  return (text) => {
    const found = new Set<number>();
    for (let start = 0; start < text.length; start++) {
      let node: TrieNode | undefined = root;
      for (let i = start; i < text.length; i++) {
        node = node.next.get(text.charAt(i));
        if (!node) break;
        for (const index of node.ends) found.add(index);
      }
    }
    return [...found].sort((a, b) => a - b).map((index) => labels[index] as string);
  };
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
