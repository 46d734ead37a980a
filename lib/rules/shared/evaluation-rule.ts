// Shared by P03 and P04: one finding per object an app evaluation lists.
import type { RuleContext } from '../../analyze/rule';
import { evaluationList, type EvaluationList, type EvaluationObject } from './evaluation';

export function reportEvaluationList(ctx: RuleContext<unknown>, list: EvaluationList, describe: (o: EvaluationObject, name: string) => string): void {
  for (const o of evaluationList(ctx.snapshot, list)) {
    const id = o.id as string;
    const known = ctx.index.objects.has(id);
    const target = known ? ctx.index.objectTarget(id) : { kind: 'object' as const, id, name: o.title || o.objectType || id, ...(o.sheetId ? { sheet: ctx.index.sheetRef(o.sheetId) } : {}) };
    ctx.report({ target, message: describe(o, target.name ?? id), data: { ...o }, content: `${list}\u0000${id}` });
  }
}
