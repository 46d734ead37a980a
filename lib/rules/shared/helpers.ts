// Small helpers shared by rules: describing where an expression sits, and reporting at an
// expression's location with the offending range.
import type { IndexedExpression } from '../../analyze/analysis-index';
import type { Target } from '../../analyze/result';
import type { ReportInput, RuleContext } from '../../analyze/rule';
import type { ExpressionCheck, ExpressionKind, ExpressionLocation } from '../../snapshot/schema';

const KIND_WORDS: Record<ExpressionKind, string> = {
  measure: 'measure',
  dimension: 'dimension',
  label: 'label',
  title: 'title',
  subtitle: 'subtitle',
  footnote: 'footnote',
  colour: 'colour expression',
  'calculation-condition': 'calculation condition',
  'calculation-condition-message': 'calculation condition message',
  'show-condition': 'show condition',
  sort: 'sort expression',
  'reference-line': 'reference line',
  tooltip: 'tooltip',
  attribute: 'attribute expression',
  limit: 'limit',
  axis: 'axis setting',
  variable: 'definition',
  text: 'text',
  other: 'expression',
};

/**
 * "show condition of reference line 1", "value of reference line 2": a reference line holds several
 * expressions (Sense's refLine/refLines: show, refLineExpr/value, refLineExpr/label), so a message
 * that says only "reference line" reads the same for each of them.
 */
function referenceLineSite(path: string): string {
  const line = /\/(refLines|dimRefLines)\/(\d+)(\/.*)?$/.exec(path);
  if (!line) return KIND_WORDS['reference-line'];
  const which = `${line[1] === 'dimRefLines' ? 'dimension reference line' : 'reference line'} ${Number(line[2]) + 1}`;
  const rest = line[3] ?? '';
  const part = /^\/show(\/|$)/.test(rest) ? 'show condition' : /\/label(\/|$)/.test(rest) ? 'label' : /\/value(\/|$)/.test(rest) ? 'value' : undefined;
  return part ? `${part} of ${which}` : which;
}

/** "measure 2", "dimension 1", "title", "label of reference line 1" … from a location's kind and JSON pointer. */
export function describeLocation(location: ExpressionLocation): string {
  if (location.kind === 'reference-line') return referenceLineSite(location.path);
  const word = KIND_WORDS[location.kind];
  const m = /\/(qMeasures|qDimensions)\/(\d+)\//.exec(location.path);
  if (m && (location.kind === 'measure' || location.kind === 'dimension')) return `${word} ${Number(m[2]) + 1}`;
  if (m) return `${word} of ${m[1] === 'qMeasures' ? 'measure' : 'dimension'} ${Number(m[2]) + 1}`;
  return word;
}

/** 'measure 1 of object "Sales by region"', 'title of Bar chart on sheet "Sales overview"' */
export function describeSite(ctx: RuleContext<unknown>, e: IndexedExpression): string {
  return `${describeLocation(e.expression.location)} of ${ctx.index.describeTarget(ctx.index.locationTarget(e.expression.location))}`;
}

/** The target as the subject opening a message: 'Object "Sales"', 'Bar chart on sheet "Sales overview"'. */
export function targetSubject(ctx: RuleContext<unknown>, target: Target, noun?: string): string {
  const words = ctx.index.describeTarget(target, noun ? { noun } : {});
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Report a finding on an expression, pointing at [from, to) of its original text. */
export function reportAt(
  ctx: RuleContext<unknown>,
  e: IndexedExpression,
  message: string,
  range?: { from: number; to: number },
  extra: Partial<ReportInput> = {},
): void {
  const text = e.expression.text;
  const from = Math.max(0, Math.min(range?.from ?? 0, text.length));
  const to = Math.max(from, Math.min(range?.to ?? text.length, text.length));
  ctx.report({
    target: ctx.index.locationTarget(e.expression.location),
    message,
    path: e.expression.location.path,
    expression: { text, from, to },
    ...extra,
  });
}

/**
 * What a live engine's CheckExpression said about an expression's text: it found no error
 * (`accepted`), it found one (with its message), or it did not check it (offline snapshots, app
 * folders, texts not sent). Where it checked, its verdict wins over our parser.
 */
export type EngineVerdict = 'accepted' | 'not-checked' | { message: string };

export function engineVerdict(check: ExpressionCheck | undefined): EngineVerdict {
  if (!check) return 'not-checked';
  const message = check.errorMsg?.trim();
  return message ? { message } : 'accepted';
}

/** Our parser rejects an expression the engine accepted: a gap in the parser, recorded in the result's errors (not a finding). */
export function reportParserGap(ctx: RuleContext<unknown>, e: IndexedExpression, parserMessage: string, where: string): void {
  ctx.analysisError({
    kind: 'parser-gap',
    message: `The engine accepted the ${where}; our parser did not: ${parserMessage}`,
    expression: e.expression.text,
    parserMessage,
    target: ctx.index.locationTarget(e.expression.location),
    path: e.expression.location.path,
  });
}
