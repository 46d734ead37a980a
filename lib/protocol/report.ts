// What the popup and side panel show of an analysis, as it travels between contexts and is stored:
// schemas only. The report view's schemas are made in lib/report/analysis-report.ts (with the
// functions that build a report from an analysis); they are part of the protocol as re-exported here.
import { z } from '../schema/zod';
import { AnalysisResult as AnalysisResultSchema } from '../analyze/result';
import { AppSnapshot } from '../snapshot/schema';

export { AnalysisReport, AppFacts, FindingTarget, ReportFinding, Severity, SeverityCounts, TimingCoverage, TopFinding } from '../report/analysis-report';
// the views still import these from here; their home is lib/report/analysis-report.ts
export { findingTargetOf, SEVERITIES, TOP_FINDINGS } from '../report/analysis-report';

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
