// What P01 (slow-object), P02 (slow-sheet) and S04 (slow-reload) keep in each finding's `data`: the
// times Fix first (lib/report/fix-first.ts) ranks their findings by. One contract for the rule that
// writes it and the view that reads it; apart from the rules so the views read it without bundling them.
import { z } from '../../schema/zod';

/** P01: the object's measured times (the timing pass), or the app evaluation's response time. */
export const SlowObjectData = z.object({
  firstMs: z.optional(z.number()),
  cachedMs: z.optional(z.number()),
  responseTimeSeconds: z.optional(z.number()),
  /** the evaluation listed it as slow from the cache */
  cached: z.optional(z.boolean()),
  source: z.optional(z.enum(['timings', 'evaluation'])),
});
export type SlowObjectData = z.infer<typeof SlowObjectData>;

/** P02: the sheet's total calculation time and its slowest measured objects. */
export const SlowSheetData = z.object({
  totalMs: z.number(),
  slowest: z.optional(z.array(z.object({ objectId: z.string(), firstMs: z.optional(z.number()) }))),
});
export type SlowSheetData = z.infer<typeof SlowSheetData>;

/** S04: the last successful reload's duration and CPU time, as far as they were collected. */
export const SlowReloadData = z.object({ durationMs: z.optional(z.number()), cpuMs: z.optional(z.number()) });
export type SlowReloadData = z.infer<typeof SlowReloadData>;
