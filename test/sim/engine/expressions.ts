// The checker's view of the app: which names are fields, which are master measure labels.
import { checkExpression, type CheckContext, type CheckOutcome } from '../checker/check-expression';
import type { Ctx } from './context';
import { dollarContext } from './evaluate';

const labelCache = new WeakMap<object, { revision: number; labels: Set<string> }>();

function masterLabels(ctx: Ctx): Set<string> {
  const cached = labelCache.get(ctx.model);
  if (cached && cached.revision === ctx.model.revision) return cached.labels;
  const labels = new Set<string>();
  for (const m of ctx.model.measures.values()) {
    const qMeasure = m.qMeasure as { qLabel?: unknown } | undefined;
    const title = (m.qMetaDef as { title?: unknown } | undefined)?.title;
    if (typeof qMeasure?.qLabel === 'string' && qMeasure.qLabel) labels.add(qMeasure.qLabel);
    if (typeof title === 'string' && title) labels.add(title);
  }
  labelCache.set(ctx.model, { revision: ctx.model.revision, labels });
  return labels;
}

export function checkContext(ctx: Ctx): CheckContext {
  const fields = ctx.model.dataModel.fieldByName;
  return {
    ...dollarContext(ctx.model, ctx.state.sessionVariables),
    fieldExists: (name) => fields.has(name),
    masterLabels: masterLabels(ctx),
  };
}

const checkCache = new WeakMap<object, { revision: number; results: Map<string, CheckOutcome> }>();

/**
 * checkExpression with a per-app cache (keyed on the app revision and the labels; session variables
 * bypass it). A collection asks CheckExpression and GetFieldsFromExpression of every expression,
 * and hypercubes check their definitions on every layout: one parse each.
 */
export function cachedCheck(ctx: Ctx, expr: string, qLabels: readonly string[] = []): CheckOutcome {
  if (ctx.state.sessionVariables.size > 0) return checkExpression(expr, checkContext(ctx), [...qLabels]);
  let cache = checkCache.get(ctx.model);
  if (!cache || cache.revision !== ctx.model.revision) {
    cache = { revision: ctx.model.revision, results: new Map() };
    checkCache.set(ctx.model, cache);
  }
  const key = qLabels.length ? `${expr}\u0000${qLabels.join('\u0000')}` : expr;
  let result = cache.results.get(key);
  if (!result) {
    result = checkExpression(expr, checkContext(ctx), [...qLabels]);
    cache.results.set(key, result);
  }
  return result;
}
