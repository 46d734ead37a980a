// The report view of an analysis as it travels between contexts and is stored: schemas only, so
// that a page which parses a report (the popup) does not load the code that builds one
// (lib/report/analysis-report.ts) or the snapshot's schema.
import { z } from '../schema/zod';
import { Severity } from '../analyze/severity';

/** Where a finding points in the app, so "Show in app" can take the user there. */
export const FindingTarget = z.object({
  kind: z.string().check(z.minLength(1)), // sheet, object, measure, dimension, variable, field, table, script, app, …
  id: z.optional(z.string()),
  name: z.optional(z.string()),
  /** the sheet an object sits on, when known */
  sheetId: z.optional(z.string()),
});
export type FindingTarget = z.infer<typeof FindingTarget>;

export const ReportFinding = z.object({
  /** unique within the report */
  id: z.string().check(z.minLength(1)),
  /** stable rule code, e.g. "Q01" */
  ruleCode: z.string().check(z.minLength(1)),
  ruleName: z.string().check(z.minLength(1)),
  category: z.optional(z.string()),
  severity: Severity,
  message: z.string(),
  target: z.optional(FindingTarget),
});
export type ReportFinding = z.infer<typeof ReportFinding>;

export const SeverityCounts = z.object({
  error: z.number().check(z.int(), z.nonnegative()),
  warning: z.number().check(z.int(), z.nonnegative()),
  info: z.number().check(z.int(), z.nonnegative()),
});
export type SeverityCounts = z.infer<typeof SeverityCounts>;

/** What fixing a Fix first row gains (estimated by lib/report/fix-first.ts, in words by gain.ts). */
export const Gain = z.discriminatedUnion('kind', [
  /** objects or items that do not work for users until fixed */
  z.object({ kind: z.literal('broken'), places: z.number().check(z.int(), z.nonnegative()) }),
  z.object({ kind: z.literal('memory'), bytes: z.number().check(z.nonnegative()), fields: z.number().check(z.int(), z.nonnegative()) }),
  /** calculation time of the object or sheet, the most a fix can save */
  z.object({ kind: z.literal('calc-time'), ms: z.number().check(z.nonnegative()) }),
  z.object({ kind: z.literal('reload-time'), ms: z.number().check(z.nonnegative()) }),
]);
export type Gain = z.infer<typeof Gain>;

/** A few facts about the app for the popup, taken from the snapshot and the result when the run ends. */
export const AppFacts = z.object({
  /** the app's RAM footprint (REST metadata `static_byte_size`), when it was collected */
  appMemoryBytes: z.optional(z.number().check(z.nonnegative())),
  /** what the unused fields hold (rule R01's summary), when R01 ran */
  unusedMemory: z.optional(z.object({ fieldCount: z.number().check(z.int(), z.nonnegative()), bytes: z.number().check(z.nonnegative()) })),
  /** the object with the longest first calculation, when timings were taken */
  slowestObject: z.optional(z
    .object({
      id: z.string(),
      name: z.string(),
      sheetId: z.optional(z.string()),
      sheetName: z.optional(z.string()),
      ms: z.number().check(z.nonnegative()),
    })),
});
export type AppFacts = z.infer<typeof AppFacts>;

/** One of the popup's top findings: a Fix first row (lib/report/fix-first.ts) with its estimated gain. */
export const TopFinding = z.object({
  key: z.string().check(z.minLength(1)),
  ruleCode: z.string().check(z.minLength(1)),
  ruleName: z.string().check(z.minLength(1)),
  severity: Severity,
  /** what to fix, in words */
  title: z.string(),
  gain: Gain,
  /** how many occurrences the row stands for */
  count: z.number().check(z.int(), z.positive()),
  /** the first occurrence, for "Show in app", named as the report names it */
  first: ReportFinding,
  firstName: z.optional(z.string()),
});
export type TopFinding = z.infer<typeof TopFinding>;

/**
 * The timing pass as the report covers it (absent: complete, or a report saved by an older version).
 * measuring: the report is shown while the pass runs and grows sheet by sheet; stopped/skipped: the
 * user ended it, the sheets not measured are named (at most MAX_NOT_MEASURED) and counted.
 */
export const TimingCoverage = z.object({
  state: z.enum(['measuring', 'complete', 'stopped', 'skipped']),
  measuredSheets: z.number().check(z.int(), z.nonnegative()),
  totalSheets: z.number().check(z.int(), z.nonnegative()),
  /** titles of sheets not measured, first few */
  notMeasured: z.optional(z.array(z.string())),
});
export type TimingCoverage = z.infer<typeof TimingCoverage>;
export const MAX_NOT_MEASURED = 5;

/** How many Fix first rows the popup shows. */
export const TOP_FINDINGS = 3;

export const AnalysisReport = z.object({
  /** bump when the shape changes; stored reports of another version are dropped, not misread */
  version: z.literal(1),
  appKey: z.string().check(z.minLength(1)),
  app: z.object({ appId: z.string().check(z.minLength(1)), name: z.string(), origin: z.string() }),
  startedAt: z.number(),
  finishedAt: z.number(),
  counts: SeverityCounts,
  findings: z.array(ReportFinding),
  /** rules that could not run, data that could not be read: said, never hidden */
  notes: z.array(z.string()),
  /** the 0-100 quality score, when the analyser gives one */
  score: z.optional(z.number().check(z.minimum(0), z.maximum(100))),
  /** the first rows of Fix first (absent in reports saved by older versions) */
  top: z.optional(z.array(TopFinding).check(z.maxLength(TOP_FINDINGS))),
  /** app memory, unused memory, the slowest object (absent in reports saved by older versions) */
  facts: z.optional(AppFacts),
  /** the analysis covered only part of the app as a whole (REST only: the engine was not reachable in this mode); shown as a note */
  limitation: z.optional(z.string()),
  timings: z.optional(TimingCoverage),
});
export type AnalysisReport = z.infer<typeof AnalysisReport>;
