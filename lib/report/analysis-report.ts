// The report view of an analysis (what the popup and side panel show, small enough to store per
// app and to send between contexts), made from lib/analyze's result. Its schemas are in
// lib/report/report-schema.ts.
import { sortFindings } from '../analyze/finding-order';
import { countBySeverity } from '../analyze/severity-order';
import type { AnalysisResult, Target } from '../analyze/result';
import { appSizeBytes } from '../snapshot/app-size';
import { TIMINGS_STOPPED, type AppSnapshot } from '../snapshot/schema';
import { fixFirst } from './fix-first';
import { objectLookupOf, targetDisplayName } from './names';
import { visualizationName } from '../snapshot/visualization-names';
import { slowestObjects, unusedFieldsMemory } from './overview';
import {
  AnalysisReport,
  MAX_NOT_MEASURED,
  TOP_FINDINGS,
  type AppFacts,
  type FindingTarget,
  type ReportFinding,
  type TimingCoverage,
  type TopFinding,
} from './report-schema';

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
