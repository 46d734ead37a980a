// Engine checks per unique expression: CheckExpression (syntax, bad and dangerous field names) and
// GetFieldsFromExpression, both pipelined through the pool (the engine has no batch form; a session
// object could evaluate many expressions, but not check them).
//
// qLabels: the labels an expression may reference as [Label]. Qlik's help ("References to fields,
// measures, and variables", help.qlik.com Sense_Hub/Expressions/references-fields-measures-variables.htm):
// "You can use the labels of master measures and chart measures in this way. However, the chart
// measure must be in the same chart. You cannot use labels of measures in other charts." So an
// expression's labels are the master measure labels plus the measure labels of its own chart; only
// those that occur in the text are sent, keeping requests small.
//
// GetFieldsFromExpression takes no labels: it is asked once per unique text as soon as the text is
// found (each sheet's tree as it arrives). CheckExpression's answer depends on the labels (a name
// is valid as a label, dangerous when it is also a field), so it is asked once per unique text and
// label set; a chart's labels come with its tree, and the master labels early in the inventory, so
// each tree's checks go out as it arrives too (held only until the master labels are known).
import type { Expression, ExpressionCheck } from '../../snapshot/schema';
import { type CollectContext, attemptEngineCall } from '../context';
import { parseCheckExpressionResult } from '../engine-schemas';
import { shouldCheck } from '../../snapshot/engine-checked';

export interface ExpressionChecker {
  /** the master measure labels (valid in every expression); checks wait for them */
  setMasterLabels(labels: Iterable<string>): void;
  /** asks about the expressions not asked yet; `chartLabels`: the measure labels of their chart */
  submit(expressions: readonly Expression[], chartLabels?: Iterable<string>): void;
  /** asks about the rest (without chart labels) and returns `expressions` with their answers */
  finish(expressions: readonly Expression[]): Promise<Expression[]>;
}

export function createExpressionChecker(ctx: CollectContext): ExpressionChecker {
  const masterLabels = labelIndex();
  let mastersKnown = false;
  const waiting: { expressions: readonly Expression[]; chartLabels: Iterable<string> }[] = [];
  /** per unique text: its fields request, its check requests by label set, and the master labels in it (fixed once known) */
  const texts = new Map<string, TextRequests>();
  /** an expression's answers, found without a key string: an app has far more expressions than unique texts */
  const asked = new Map<Expression, { check: Answer<ExpressionCheck>; fields: Answer<string[]> }>();
  const fields = requestCounter();
  const checks = requestCounter();

  const textRequests = (text: string): TextRequests => {
    let requests = texts.get(text);
    if (!requests) {
      const fieldsAnswer = fields.ask(() => attemptEngineCall(ctx, 'expressions', 'GetFieldsFromExpression', () => ctx.doc.getFieldsFromExpression(text), toFields));
      texts.set(text, (requests = { fields: fieldsAnswer, checks: new Map() }));
    }
    return requests;
  };
  const askCheck = (e: Expression, chartLabels: readonly string[]): void => {
    if (asked.has(e)) return;
    const text = e.text;
    const requests = textRequests(text);
    const labels = labelsIn(text, (requests.masterLabels ??= masterLabels.find(text)), chartLabels);
    const labelsKey = labels.length === 0 ? '' : JSON.stringify(labels); // unambiguous, whatever characters the labels hold
    let check = requests.checks.get(labelsKey);
    if (!check) requests.checks.set(labelsKey, (check = checks.ask(() => attemptEngineCall(ctx, 'expressions', 'CheckExpression', () => ctx.doc.checkExpression(text, labels), toCheck))));
    asked.set(e, { check, fields: requests.fields });
  };
  const submit = (expressions: readonly Expression[], chartLabels: Iterable<string> = []): void => {
    for (const e of expressions) if (shouldCheck(e)) textRequests(e.text);
    if (!mastersKnown) {
      waiting.push({ expressions, chartLabels });
      return;
    }
    // an array, walked for each expression without an iterator (a chart's labels come as a Set)
    const chartList = Array.isArray(chartLabels) ? (chartLabels as readonly string[]) : [...chartLabels];
    for (const e of expressions) if (shouldCheck(e)) askCheck(e, chartList);
  };
  const setMasterLabels = (labels: Iterable<string>): void => {
    for (const label of labels) masterLabels.add(label);
    mastersKnown = true;
    for (const { expressions, chartLabels } of waiting.splice(0)) submit(expressions, chartLabels);
  };
  return {
    setMasterLabels,
    submit,
    async finish(expressions) {
      if (!mastersKnown) setMasterLabels([]);
      submit(expressions);
      const total = checks.size();
      ctx.progress('expressions', checks.answered(), total);
      checks.onAnswer(() => ctx.progress('expressions', checks.answered(), total));
      await Promise.all(checks.pending());
      await Promise.all(fields.pending());
      return expressions.map((e) => {
        const answers = asked.get(e);
        return answers ? withAnswers(e, { check: answers.check.value, fieldsFromEngine: answers.fields.value }) : e;
      });
    },
  };
}

interface TextRequests {
  fields: Answer<string[]>;
  /** by the labels sent with the text (JSON of the sorted list; '' for none) */
  checks: Map<string, Answer<ExpressionCheck>>;
  masterLabels?: string[];
}

/** Where a request's answer lands (read synchronously once the requests have settled). */
interface Answer<T> {
  value?: T;
}

/**
 * Counts requests and their answers and keeps what to wait for (an app has far more expressions
 * than unique texts, and one await per expression would cost more than the requests).
 */
function requestCounter() {
  const pending: Promise<void>[] = [];
  let answered = 0;
  let onAnswer: (() => void) | undefined;
  return {
    ask<T>(request: () => Promise<T | undefined>): Answer<T> {
      const answer: Answer<T> = {};
      const settled = request().then((value) => {
        if (value !== undefined) answer.value = value;
        answered++;
        onAnswer?.();
      });
      // a fatal error (cancel, a lost connection) ends the collection elsewhere, and finish() may
      // then never wait for this request: its rejection must not go unhandled
      settled.catch(() => undefined);
      pending.push(settled);
      return answer;
    },
    pending: (): Promise<void>[] => pending,
    size: (): number => pending.length,
    /** how many requests have their answer */
    answered: (): number => answered,
    /** called after each answer from now on */
    onAnswer(listener: () => void): void {
      onAnswer = listener;
    },
  };
}

/** The labels `text` may reference: `masterFound` (the master labels in it) and the chart labels that occur in it, sorted and once each; `masterFound` itself when no chart label occurs. */
function labelsIn(text: string, masterFound: string[], chartLabels: readonly string[]): string[] {
  let found: string[] | undefined;
  for (let i = 0; i < chartLabels.length; i++) {
    const label = chartLabels[i] as string;
    if (label && text.includes(label) && !masterFound.includes(label) && !found?.includes(label)) (found ??= [...masterFound]).push(label);
  }
  return found ? found.sort() : masterFound;
}

/** `e` with its answers (built field by field: this runs for every expression of the app) */
function withAnswers(e: Expression, answer: { check: ExpressionCheck | undefined; fieldsFromEngine: string[] | undefined }): Expression {
  const out: Expression = { id: e.id, text: e.text, syntax: e.syntax, location: e.location };
  const check = answer.check ?? e.check;
  const fields = answer.fieldsFromEngine ?? e.fieldsFromEngine;
  if (check) out.check = check;
  if (fields) out.fieldsFromEngine = fields;
  return out;
}

export interface LabelIndex {
  add(label: string): void;
  find(text: string): string[];
  size(): number;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** the label that ends here, if any */
  label?: string;
}

/**
 * A growing set of labels and the ones that occur in a text (as `text.includes(label)` would say),
 * through a trie: a text costs its length × the longest label prefix matched there instead of one
 * scan per label (an app can have hundreds of master measures and thousands of unique expressions).
 * Found labels come sorted, so a request does not depend on the order labels arrived in.
 */
export function labelIndex(): LabelIndex {
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

/**
 * The answer of most checks (no error, no bad or dangerous field name): one frozen instance for all
 * of them instead of an object and two arrays per expression (thousands, held by the snapshot).
 */
const CLEAN_CHECK: ExpressionCheck = Object.freeze({ badFieldNames: Object.freeze([]) as unknown as ExpressionCheck['badFieldNames'], dangerousFieldNames: Object.freeze([]) as unknown as ExpressionCheck['dangerousFieldNames'] });

export function toCheck(answer: unknown): ExpressionCheck {
  const a = parseCheckExpressionResult(answer ?? {});
  if (!a.qErrorMsg && !a.qBadFieldNames?.length && !a.qDangerousFieldNames?.length) return CLEAN_CHECK;
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
  if (!Array.isArray(list)) return [];
  // the engine's own list when it holds only names (no copy per unique text), else its names
  return list.every((f) => typeof f === 'string') ? (list as string[]) : list.filter((f): f is string => typeof f === 'string');
}
