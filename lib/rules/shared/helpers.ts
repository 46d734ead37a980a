// Small helpers shared by rules: describing where an expression sits, and reporting at an
// expression's location with the offending range.
import type { IndexedExpression } from '../../analyze/analysis-index';
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

/** "measure 2", "dimension 1", "title" … from a location's kind and JSON pointer. */
export function describeLocation(location: ExpressionLocation): string {
  const word = KIND_WORDS[location.kind];
  const m = /\/(qMeasures|qDimensions)\/(\d+)\//.exec(location.path);
  if (m && (location.kind === 'measure' || location.kind === 'dimension')) return `${word} ${Number(m[2]) + 1}`;
  if (m) return `${word} of ${m[1] === 'qMeasures' ? 'measure' : 'dimension'} ${Number(m[2]) + 1}`;
  return word;
}

/** "the measure 1 of "Sales by region"" */
export function describeSite(ctx: RuleContext<unknown>, e: IndexedExpression): string {
  const target = ctx.index.locationTarget(e.expression.location);
  return `${describeLocation(e.expression.location)} of ${target.kind.replace('-', ' ')} "${target.name ?? target.id}"`;
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
