// Shared by P03 and P04: one finding per object an app evaluation lists.
import type { RuleContext } from '../../analyze/rule';
import { evaluationList, evaluationTarget, type EvaluationList, type EvaluationObject } from './evaluation';

export function reportEvaluationList(ctx: RuleContext<unknown>, list: EvaluationList, describe: (o: EvaluationObject, what: string) => string): void {
  for (const o of evaluationList(ctx.snapshot, list)) {
    const id = o.id as string;
    const target = evaluationTarget(ctx.index, o);
    ctx.report({ target, message: describe(o, ctx.index.describeTarget(target)), data: { ...o }, content: `${list}\u0000${id}` });
  }
}
