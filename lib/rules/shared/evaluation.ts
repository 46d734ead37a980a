// Reads the lists of a Qlik app evaluation result (REST `Evaluation.result`, qlik-api-ts apps.d.ts:
// objSlowCached, objSlowUncached, objNoCache, objSingleThreaded, objMemoryLimit, sheets).
import { z } from '../../schema/zod';
import type { AppSnapshot } from '../../snapshot/schema';

export const EvaluationObject = z.looseObject({
  id: z.optional(z.string()),
  objectType: z.optional(z.string()),
  sheetId: z.optional(z.string()),
  title: z.optional(z.string()),
  responseTimeSeconds: z.optional(z.number()),
  cpuQuotient1: z.optional(z.number()),
  memoryLimitStatusCode: z.optional(z.string()),
  timeoutStatusCode: z.optional(z.string()),
});
export type EvaluationObject = z.infer<typeof EvaluationObject>;

export type EvaluationList = 'objSlowCached' | 'objSlowUncached' | 'objNoCache' | 'objSingleThreaded' | 'objMemoryLimit';

/** The entries of one evaluation list; malformed entries are skipped, never guessed. */
export function evaluationList(snapshot: AppSnapshot, list: EvaluationList): EvaluationObject[] {
  const result = (snapshot.evaluation?.result ?? undefined) as Record<string, unknown> | undefined;
  const raw = result?.[list];
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item) => {
    const parsed = EvaluationObject.safeParse(item);
    return parsed.success && parsed.data.id ? [parsed.data] : [];
  });
}

export function evaluationSheets(snapshot: AppSnapshot): Array<{ id: string; seconds: number }> {
  const result = (snapshot.evaluation?.result ?? undefined) as Record<string, unknown> | undefined;
  const raw = result?.sheets;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item) => {
    const sheet = EvaluationObject.safeParse((item as { sheet?: unknown } | null)?.sheet);
    return sheet.success && sheet.data.id && sheet.data.responseTimeSeconds !== undefined ? [{ id: sheet.data.id, seconds: sheet.data.responseTimeSeconds }] : [];
  });
}
