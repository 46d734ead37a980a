// The life of one analysis run, as the popup and side panel see it.
import { z } from '../schema/zod';
import { ANALYSIS_PHASES } from './run-phase';

export const AnalysisPhase = z.enum(ANALYSIS_PHASES);
export type AnalysisPhase = z.infer<typeof AnalysisPhase>;

/** An error that crosses a message boundary: a stable code for code, a sentence for people. */
export const ErrorInfo = z.object({
  code: z.string().check(z.minLength(1)),
  message: z.string(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

export const AnalysisRun = z.object({
  runId: z.string().check(z.minLength(1)),
  appKey: z.string().check(z.minLength(1)),
  phase: AnalysisPhase,
  startedAt: z.number(),
  finishedAt: z.optional(z.number()),
  /** work units done / known so far in the current phase (objects collected, rules run) */
  progress: z.optional(z.object({ done: z.number().check(z.int(), z.nonnegative()), total: z.number().check(z.int(), z.nonnegative()) })),
  /** what is happening now, e.g. "Reading sheet 3 of 8" */
  detail: z.optional(z.string()),
  error: z.optional(ErrorInfo),
  /** when the stored report of this run was last updated while it runs (measuring): the pages reload it */
  reportAt: z.optional(z.number()),
});
export type AnalysisRun = z.infer<typeof AnalysisRun>;
