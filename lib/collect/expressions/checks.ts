// Engine checks per UNIQUE expression text: CheckExpression (syntax, bad and dangerous field names)
// and GetFieldsFromExpression, both pipelined through the pool (the engine has no batch form; a
// session object could evaluate many expressions, but not check them).
// qLabels: the labels the expression may reference as [Label] (measure labels in the app: master
// measures and chart measures); only those that occur in the text are sent, keeping requests small.
//
// GetFieldsFromExpression takes no labels, so it is asked as soon as a text is found (each sheet's
// tree as it arrives), overlapping the rest of the collection. CheckExpression's answer depends on
// the labels (a name is valid as a label, dangerous when it is also a field), and a chart measure
// on the last sheet can label a name used on the first: it is asked once every label is known.
// Each request is sent once per unique text.
import type { Expression, ExpressionCheck } from '../../snapshot/schema.ts';
import { type CollectContext, attempt, engineCall } from '../context.ts';
import { CheckExpressionResult } from '../engine-schemas.ts';
import { shouldCheck } from './index.ts';

export interface ExpressionAnswers {
  check?: ExpressionCheck;
  fieldsFromEngine?: string[];
}

export interface ExpressionChecker {
  /** labels expressions may reference: master measure labels, chart measure labels */
  addLabels(labels: Iterable<string>): void;
  /** asks GetFieldsFromExpression for the texts among `expressions` not asked yet */
  submit(expressions: readonly Expression[]): void;
  /** every label is known: submits the rest, checks every text and returns `expressions` with their answers */
  finish(expressions: readonly Expression[]): Promise<Expression[]>;
}

export function createExpressionChecker(ctx: CollectContext): ExpressionChecker {
  const labels = labelIndex();
  const fieldsOf = new Map<string, Promise<string[] | undefined>>();
  const submit = (expressions: readonly Expression[]): void => {
    for (const e of expressions) {
      if (!shouldCheck(e) || fieldsOf.has(e.text)) continue;
      const text = e.text;
      const fields = attempt(ctx, 'expressionFields', async () => toFields(await engineCall(ctx, 'GetFieldsFromExpression', () => ctx.doc.getFieldsFromExpression(text))));
      // a fatal error (cancel, a lost connection) ends the collection elsewhere, and finish() may
      // then never wait for this answer: its rejection must not go unhandled
      fields.catch(() => undefined);
      fieldsOf.set(text, fields);
    }
  };
  return {
    addLabels(list) {
      for (const label of list) labels.add(label);
    },
    submit,
    async finish(expressions) {
      submit(expressions);
      const answers = new Map<string, ExpressionAnswers>();
      let done = 0;
      ctx.progress('expressions', 0, fieldsOf.size);
      await Promise.all(
        [...fieldsOf].map(async ([text, fieldsAnswer]) => {
          const used = labels.find(text);
          const [check, fields] = await Promise.all([
            attempt(ctx, 'expressionChecks', async () => toCheck(await engineCall(ctx, 'CheckExpression', () => ctx.doc.checkExpression(text, used)))),
            fieldsAnswer,
          ]);
          const answer: ExpressionAnswers = {};
          if (check) answer.check = check;
          if (fields) answer.fieldsFromEngine = fields;
          answers.set(text, answer);
          ctx.progress('expressions', ++done, fieldsOf.size);
        }),
      );
      return expressions.map((e) => (shouldCheck(e) ? withAnswers(e, answers.get(e.text)) : e));
    },
  };
}

/** `e` with its answers (built field by field: this runs for every expression of the app) */
function withAnswers(e: Expression, answer: ExpressionAnswers | undefined): Expression {
  const out: Expression = { id: e.id, text: e.text, syntax: e.syntax, location: e.location };
  const check = answer?.check ?? e.check;
  const fields = answer?.fieldsFromEngine ?? e.fieldsFromEngine;
  if (check) out.check = check;
  if (fields) out.fieldsFromEngine = fields;
  return out;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** the label that ends here, if any */
  label?: string;
}

/**
 * A growing set of labels and the ones that occur in a text (as `text.includes(label)` would say),
 * through a trie: a text costs its length × the longest label prefix matched there instead of one
 * scan per label (an app has thousands of chart measure labels and thousands of unique expressions).
 * Found labels come sorted, so a request does not depend on the order labels arrived in.
 */
export function labelIndex(): { add(label: string): void; find(text: string): string[]; size(): number } {
  const root: TrieNode = { next: new Map() };
  let count = 0;
  return {
    add(label) {
      if (!label) return;
      let node = root;
      for (let i = 0; i < label.length; i++) {
        const ch = label.charAt(i); // UTF-16 units, as find() walks texts
        let child = node.next.get(ch);
        if (!child) node.next.set(ch, (child = { next: new Map() }));
        node = child;
      }
      if (node.label === undefined) count++;
      node.label = label;
    },
    find(text) {
      const found = new Set<string>();
      for (let start = 0; start < text.length; start++) {
        let node: TrieNode | undefined = root;
        for (let i = start; i < text.length; i++) {
          node = node.next.get(text.charAt(i));
          if (!node) break;
          if (node.label !== undefined) found.add(node.label);
        }
      }
      return [...found].sort();
    },
    size: () => count,
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
