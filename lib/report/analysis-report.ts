// The report view of an analysis: what the popup and side panel show, small enough to store per app
// and to send between contexts (its schemas), and how it is made from lib/analyze's result.
import { z } from '../schema/zod';
import { sortFindings } from '../analyze/finding-order';
import { Severity, type AnalysisResult, type Target } from '../analyze/result';
import { appSizeBytes } from '../snapshot/app-size';
import { TIMINGS_STOPPED, type AppSnapshot } from '../snapshot/schema';
import { fixFirst, Gain } from './fix-first';
import { objectLookupOf, targetDisplayName, visualizationName } from './names';
import { slowestObjects, unusedFieldsMemory } from './overview';

export { Severity, SEVERITIES } from '../analyze/result';

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

/**
 * How far a finished collection's timing pass got: skipped (the user turned it off for the app),
 * stopped (the TIMINGS_STOPPED issue: the sheets whose objects carry its reason are named), or
 * complete. Undefined when the snapshot has no sheets to time and the pass was not skipped. Pure.
 */
export function timingCoverageOf(snapshot: AppSnapshot, skipped: boolean): TimingCoverage | undefined {
  const sheetIds = new Set(snapshot.objects.flatMap((o) => (o.sheetId === undefined ? [] : [o.sheetId])));
  if (skipped) return { state: 'skipped', measuredSheets: 0, totalSheets: sheetIds.size };
  if (sheetIds.size === 0) return undefined;
  const stop = snapshot.collectionIssues.find((i) => i.part === 'timings' && i.code === TIMINGS_STOPPED);
  if (!stop) return { state: 'complete', measuredSheets: sheetIds.size, totalSheets: sheetIds.size };
  // the sheets whose every object carries the stop's reason, in timing order
  const bySheet = new Map<string, boolean>();
  for (const t of snapshot.timings?.objects ?? []) if (t.sheetId) bySheet.set(t.sheetId, (bySheet.get(t.sheetId) ?? true) && t.error === stop.message);
  const stopped = [...bySheet].filter(([, notTimed]) => notTimed).map(([id]) => id);
  const title = (id: string) => snapshot.sheets.find((s) => s.id === id)?.title || id;
  return {
    state: 'stopped',
    measuredSheets: sheetIds.size - stopped.length,
    totalSheets: sheetIds.size,
    notMeasured: stopped.slice(0, MAX_NOT_MEASURED).map(title),
  };
}


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

export function countBySeverity(findings: readonly Pick<ReportFinding, 'severity'>[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** Where and when the result was made: what the analyser itself does not know. */
export interface ReportMeta {
  appKey: string;
  origin: string;
  startedAt: number;
  finishedAt: number;
  facts?: AppFacts;
  limitation?: string;
  /** the top findings named from the snapshot (topFindingsOf); default: from the result alone */
  top?: TopFinding[];
  timings?: TimingCoverage;
}

/** The popup's facts: app memory, unused memory (R01) and the slowest object, from the same
 *  helpers as the side panel's overview (lib/report/overview.ts). Pure. */
export function appFactsOf(result: AnalysisResult, snapshot: AppSnapshot): AppFacts {
  const facts: AppFacts = {};
  const memory = appSizeBytes(snapshot);
  if (memory !== undefined && memory >= 0) facts.appMemoryBytes = memory;
  const unused = unusedFieldsMemory(result, snapshot);
  if (unused) facts.unusedMemory = { fieldCount: unused.fieldCount, bytes: unused.totalBytes };
  const slowest = slowestObjects(snapshot).reduce<{ label: string; value: number; key?: string } | undefined>(
    (max, bar) => (!max || bar.value > max.value ? bar : max),
    undefined,
  );
  if (slowest && slowest.value >= 0) {
    const id = slowest.key ?? slowest.label;
    const sheetId = snapshot.timings?.objects.find((t) => t.objectId === id)?.sheetId || undefined;
    const sheetName = sheetId ? snapshot.sheets.find((s) => s.id === sheetId)?.title : undefined;
    // the view adds "on <sheet>": an untitled object is named by its type alone here
    const object = objectLookupOf(snapshot)(id);
    const type = object?.type ?? snapshot.timings?.objects.find((t) => t.objectId === id)?.objectType;
    const name = object?.title ?? object?.shownTitle ?? visualizationName(type);
    facts.slowestObject = { id, name, ms: slowest.value, ...(sheetId ? { sheetId } : {}), ...(sheetName ? { sheetName } : {}) };
  }
  return facts;
}

/** Where "Show in app" goes for an analyser target. */
export function findingTargetOf(target: Target): FindingTarget {
  return {
    kind: target.kind,
    id: target.id,
    ...(target.name !== undefined ? { name: target.name } : {}),
    ...(target.sheet ? { sheetId: target.sheet.id } : {}),
  };
}

const reportFindingOf = (finding: AnalysisResult['findings'][number]): ReportFinding => ({
  id: finding.id,
  ruleCode: finding.rule,
  ruleName: finding.name,
  category: finding.category,
  severity: finding.severity,
  message: finding.message,
  target: findingTargetOf(finding.target),
});

/** The first rows of Fix first, small enough for the popup; names from the snapshot, and rule summaries for causes without words, when given. */
export function topFindingsOf(result: AnalysisResult, snapshot?: AppSnapshot, ruleSummary?: (code: string) => string | undefined): TopFinding[] {
  const lookup = objectLookupOf(snapshot);
  return fixFirst(result, { ruleSummary })
    .slice(0, TOP_FINDINGS)
    .map((item) => ({
      key: item.key,
      ruleCode: item.rule,
      ruleName: item.name,
      severity: item.findings[0].severity,
      title: item.title,
      gain: item.gain,
      count: item.findings.length,
      first: reportFindingOf(item.findings[0]),
      firstName: targetDisplayName(item.findings[0].target, lookup),
    }));
}

/** The view of lib/analyze's AnalysisResult that Qlarity stores and shows. */
export function reportFromAnalysis(result: AnalysisResult, meta: ReportMeta): AnalysisReport {
  const findings: ReportFinding[] = sortFindings(result.findings).map(reportFindingOf);
  const notes = result.rules
    .filter((run) => run.status === 'could-not-run' || run.status === 'error')
    .map((run) =>
      run.status === 'error'
        ? `${run.rule} ${run.name} failed: ${run.reason ?? 'unknown error'}`
        : `${run.rule} ${run.name} could not run: ${run.reason ?? 'data missing'}`,
    );
  for (const issue of result.configIssues) notes.push(`Configuration ${issue.path}: ${issue.message}`);
  return AnalysisReport.parse({
    version: 1,
    appKey: meta.appKey,
    app: { appId: result.app.id, name: result.app.name, origin: meta.origin },
    startedAt: meta.startedAt,
    finishedAt: meta.finishedAt,
    counts: countBySeverity(findings),
    findings,
    notes,
    score: result.score.value,
    top: meta.top ?? topFindingsOf(result),
    ...(meta.facts ? { facts: meta.facts } : {}),
    ...(meta.limitation ? { limitation: meta.limitation } : {}),
    ...(meta.timings ? { timings: meta.timings } : {}),
  });
}
