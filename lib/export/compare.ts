// Compare two analyses of an app: which findings are new, fixed or unchanged (matched by the
// stable fingerprint, lib/export/fingerprint.ts), and how the score, the app memory, the field
// count and each object's calculation time moved. Pure.
//
// Public API (used by the side panel and the CLI's `compare`; keep it stable):
//   compareAnalyses(before: ComparedAnalysis, after: ComparedAnalysis): Comparison
//   describeChange(comparison, formatDate): string      e.g. "3 new errors, 5 fixed since 1 Dec 2026"
//   describeCounts({ new, fixed }, since): string        the same line from kept counts
//   timingNoiseMs(beforeMs, afterMs, roundTripMs?): number
//
// Hidden (suppressed) findings take part in the matching, so hiding a finding never makes it look
// "fixed"; each entry says whether it is hidden, and the counts leave hidden ones out.
//
// Timing noise: one object's first calculation varies from run to run (engine cache, tenant load,
// network). A change counts only when |after − before| exceeds
//   max(100 ms, 25 % of the larger of the two times, 2 × the engine round trip of either run).
import { compareFindings } from '../analyze/finding-order';
import { type AnalysisResult, type Finding } from '../analyze/result';
import { SEVERITIES } from '../analyze/severity-order';
import { type Severity } from '../analyze/severity';
import { fingerprintAll } from './fingerprint';
import type { AnalysisMetrics } from './metrics';

export interface ComparedAnalysis {
  result: AnalysisResult;
  /** app memory, field count, object times (lib/export/metrics.ts); without them those deltas are absent */
  metrics?: AnalysisMetrics;
}

export interface ComparedFinding {
  fingerprint: string;
  finding: Finding;
  hidden: boolean;
}

export interface UnchangedFinding extends ComparedFinding {
  /** the same finding in the earlier analysis (its message, severity and numbers may differ) */
  before: Finding;
  severityChanged: boolean;
}

export interface NumberDelta {
  before: number;
  after: number;
  /** after − before */
  delta: number;
}

export interface ObjectTimeDelta extends NumberDelta {
  objectId: string;
  name: string;
  sheetId?: string;
  /** the margin this change was judged against (ms) */
  noiseMs: number;
}

type Counts = Record<Severity, number>;

export interface Comparison {
  before: { analysedAt: string; appId: string };
  after: { analysedAt: string; appId: string };
  /** in the later analysis only, worst first */
  newFindings: ComparedFinding[];
  /** in the earlier analysis only, worst first */
  fixedFindings: ComparedFinding[];
  unchangedFindings: UnchangedFinding[];
  /** shown (not hidden) findings per severity */
  counts: { new: Counts; fixed: Counts; unchanged: number };
  score: NumberDelta;
  bySeverity: Record<Severity, NumberDelta>;
  appMemoryBytes?: NumberDelta;
  fieldCount?: NumberDelta;
  unusedBytes?: NumberDelta;
  /** objects timed in both runs whose time moved beyond the noise margin, largest change first */
  objectTimes: ObjectTimeDelta[];
  /** how many objects were timed in both runs */
  objectsTimedInBoth: number;
  /** the rule behind `noiseMs`, in words */
  noiseRule: string;
}

export const TIMING_NOISE_RULE = 'a time change counts when it exceeds max(100 ms, 25 % of the larger time, 2 × the engine round trip)';


export function timingNoiseMs(beforeMs: number, afterMs: number, roundTripMs = 0): number {
  return Math.max(100, 0.25 * Math.max(beforeMs, afterMs), 2 * roundTripMs);
}

export function compareAnalyses(before: ComparedAnalysis, after: ComparedAnalysis): Comparison {
  const earlier = entries(before.result);
  const later = entries(after.result);
  const earlierByPrint = new Map(earlier.map((e) => [e.fingerprint, e]));
  const laterPrints = new Set(later.map((e) => e.fingerprint));
  const newFindings: ComparedFinding[] = [];
  const unchangedFindings: UnchangedFinding[] = [];
  for (const entry of later) {
    const match = earlierByPrint.get(entry.fingerprint);
    if (!match) newFindings.push(entry);
    else unchangedFindings.push({ ...entry, before: match.finding, severityChanged: match.finding.severity !== entry.finding.severity });
  }
  const fixedFindings = earlier.filter((e) => !laterPrints.has(e.fingerprint));
  const counts = { new: countShown(newFindings), fixed: countShown(fixedFindings), unchanged: unchangedFindings.filter((u) => !u.hidden).length };
  const b = before.metrics ?? {};
  const a = after.metrics ?? {};
  const bySeverity = Object.fromEntries(
    SEVERITIES.map((s) => [s, delta(before.result.summary.bySeverity[s], after.result.summary.bySeverity[s])]),
  ) as Record<Severity, NumberDelta>;
  const comparison: Comparison = {
    before: { analysedAt: before.result.analysedAt, appId: before.result.app.id },
    after: { analysedAt: after.result.analysedAt, appId: after.result.app.id },
    newFindings: worstFirst(newFindings),
    fixedFindings: worstFirst(fixedFindings),
    unchangedFindings,
    counts,
    score: delta(before.result.score.value, after.result.score.value),
    bySeverity,
    objectTimes: [],
    objectsTimedInBoth: 0,
    noiseRule: TIMING_NOISE_RULE,
  };
  if (b.appMemoryBytes !== undefined && a.appMemoryBytes !== undefined) comparison.appMemoryBytes = delta(b.appMemoryBytes, a.appMemoryBytes);
  if (b.fieldCount !== undefined && a.fieldCount !== undefined) comparison.fieldCount = delta(b.fieldCount, a.fieldCount);
  if (b.unusedFields && a.unusedFields) comparison.unusedBytes = delta(b.unusedFields.bytes, a.unusedFields.bytes);
  if (b.objectTimes && a.objectTimes) {
    const roundTrip = Math.max(b.roundTripMs ?? 0, a.roundTripMs ?? 0);
    for (const [objectId, now] of Object.entries(a.objectTimes)) {
      const then = b.objectTimes[objectId];
      if (!then) continue;
      comparison.objectsTimedInBoth++;
      const noiseMs = timingNoiseMs(then.ms, now.ms, roundTrip);
      if (Math.abs(now.ms - then.ms) <= noiseMs) continue;
      comparison.objectTimes.push({ objectId, name: now.name, ...(now.sheetId ? { sheetId: now.sheetId } : {}), ...delta(then.ms, now.ms), noiseMs });
    }
    comparison.objectTimes.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.objectId < y.objectId ? -1 : 1));
  }
  return comparison;
}

/**
 * One line for the popup: what changed since the earlier analysis, e.g.
 * "3 new errors, 1 new warning, 5 fixed since 1 Dec 2026"; "No new or fixed findings since …".
 */
export function describeChange(comparison: Comparison, formatDate: (iso: string) => string): string {
  return describeCounts(comparison.counts, formatDate(comparison.before.analysedAt));
}

/** The same line from the counts alone (what the history keeps per analysis); `since` is the earlier analysis' date in words. */
export function describeCounts(counts: { new: Counts; fixed: Counts }, since: string): string {
  const parts: string[] = [];
  for (const s of SEVERITIES) {
    const n = counts.new[s];
    if (n > 0) parts.push(`${n} new ${s === 'info' ? 'info' : n === 1 ? s : `${s}s`}`);
  }
  const fixed = SEVERITIES.reduce((sum, s) => sum + counts.fixed[s], 0);
  if (fixed > 0) parts.push(`${fixed} fixed`);
  return parts.length ? `${parts.join(', ')} since ${since}` : `No new or fixed findings since ${since}`;
}

function entries(result: AnalysisResult): ComparedFinding[] {
  const shown = result.findings.map((finding) => ({ finding, hidden: false }));
  const hidden = result.suppressedFindings.map((finding) => ({ finding, hidden: true }));
  const all = [...shown, ...hidden];
  const prints = fingerprintAll(all.map((e) => e.finding));
  return all.map((e) => ({ fingerprint: prints.get(e.finding) ?? '', finding: e.finding, hidden: e.hidden }));
}

function countShown(list: readonly ComparedFinding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const e of list) if (!e.hidden) counts[e.finding.severity]++;
  return counts;
}

/** In the one order of findings (worst first). */
function worstFirst<T extends ComparedFinding>(list: T[]): T[] {
  return [...list].sort((x, y) => compareFindings(x.finding, y.finding));
}

const delta = (before: number, after: number): NumberDelta => ({ before, after, delta: after - before });
