// An analysis as the background stores it: the result with the snapshot it was made from (and the
// list of apps that have one). Apart from the report view (lib/report/report-schema.ts) because the
// snapshot's schema is large and the popup never parses a stored analysis.
import { z } from '../schema/zod';
import { AnalysisResult as AnalysisResultSchema } from '../analyze/result';
import { AppSnapshot } from '../snapshot/schema';

/** An app with a stored analysis, as the options page lists them. */
export const AnalysedApp = z.object({
  appKey: z.string().check(z.minLength(1)),
  appId: z.string().check(z.minLength(1)),
  name: z.string(),
  origin: z.string(),
  /** epoch ms */
  savedAt: z.number(),
});
export type AnalysedApp = z.infer<typeof AnalysedApp>;

/**
 * The last full analysis of an app, as kept in IndexedDB (lib/extension/history-store.ts) for the
 * side panel's report: the result with the snapshot it was made from, and when it was saved.
 */
export const StoredAnalysis = z.object({
  appKey: z.string().check(z.minLength(1)),
  result: AnalysisResultSchema,
  snapshot: AppSnapshot,
  /** epoch ms */
  savedAt: z.number(),
});
export type StoredAnalysis = z.infer<typeof StoredAnalysis>;
