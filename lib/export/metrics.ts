// The measured facts of one analysis that history, comparison and exports keep next to the result:
// app memory, field count, unused memory and the per-object calculation times. Taken from the
// snapshot once, when the analysis is saved, so they survive after the (large) snapshot is dropped.
import { z } from '../schema/zod';
import type { AnalysisResult } from '../analyze/result';
import { appSizeBytes } from '../snapshot/app-size';
import { StoredIssuePart } from '../snapshot/parts';
import type { AppSnapshot } from '../snapshot/schema';
import { unusedFieldsMemory } from '../report/overview';

export const ObjectTime = z.object({
  /** object title, or "<type> <id>" when it has none */
  name: z.string(),
  sheetId: z.optional(z.string()),
  /** first calculation (GetLayout + first data page), ms */
  ms: z.number().check(z.nonnegative()),
});
export type ObjectTime = z.infer<typeof ObjectTime>;

export const AnalysisMetrics = z.object({
  /** the app's size in memory, bytes */
  appMemoryBytes: z.optional(z.number().check(z.nonnegative())),
  /** fields of the data model, system fields ($Field …) left out */
  fieldCount: z.optional(z.number().check(z.int(), z.nonnegative())),
  /** what rule R01's unused fields hold */
  unusedFields: z.optional(z.object({ count: z.number().check(z.int(), z.nonnegative()), bytes: z.number().check(z.nonnegative()) })),
  /** object id → first calculation time; absent when no timings were taken */
  objectTimes: z.optional(z.record(z.string(), ObjectTime)),
  /** the engine round trip of a trivial call in that session, ms: the scale of timing noise */
  roundTripMs: z.optional(z.number().check(z.nonnegative())),
  /** parts of the app that could not be collected, with why (the snapshot's collectionIssues) */
  notCollected: z.optional(z.array(z.object({ part: StoredIssuePart, code: z.string(), message: z.string(), objectId: z.optional(z.string()) }))),
});
export type AnalysisMetrics = z.infer<typeof AnalysisMetrics>;

export function metricsOf(result: AnalysisResult, snapshot: AppSnapshot | undefined): AnalysisMetrics {
  if (!snapshot) return {};
  const metrics: AnalysisMetrics = {};
  const memory = appSizeBytes(snapshot);
  if (memory !== undefined && memory >= 0) metrics.appMemoryBytes = memory;
  if (snapshot.dataModel) metrics.fieldCount = snapshot.dataModel.fields.filter((f) => !f.isSystem && !f.name.startsWith('$')).length;
  const unused = unusedFieldsMemory(result, snapshot);
  if (unused) metrics.unusedFields = { count: unused.fieldCount, bytes: unused.totalBytes };
  if (snapshot.collectionIssues.length > 0)
    metrics.notCollected = snapshot.collectionIssues.map((i) => ({ part: i.part, code: i.code, message: i.message, ...(i.objectId !== undefined ? { objectId: i.objectId } : {}) }));
  if (snapshot.timings) {
    const titles = new Map(snapshot.objects.map((o) => [o.id, o.title]));
    const times: Record<string, ObjectTime> = {};
    for (const t of snapshot.timings.objects) {
      if (t.error !== undefined || !(t.firstMs >= 0)) continue;
      times[t.objectId] = { name: titles.get(t.objectId) || `${t.objectType} ${t.objectId}`, ms: t.firstMs, ...(t.sheetId ? { sheetId: t.sheetId } : {}) };
    }
    metrics.objectTimes = times;
    if (snapshot.timings.roundTripMs !== undefined && snapshot.timings.roundTripMs >= 0) metrics.roundTripMs = snapshot.timings.roundTripMs;
  }
  return metrics;
}
