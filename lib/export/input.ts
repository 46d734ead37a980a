// What every export renderer reads: the AnalysisResult plus what the result itself does not know
// (the app's measured facts, where and how it was analysed), and the helpers they share: the
// "could not run" reasons, findings with their fingerprint and hidden flag, worst first.
import { compareFindings } from '../analyze/finding-order';
import type { AnalysisResult, Finding } from '../analyze/result';
import type { RuleDoc } from '../report/rule-docs';
import { PART_LABELS } from '../snapshot/parts';
import type { SnapshotSources } from '../snapshot/schema';
import type { Comparison } from './compare';
import { fingerprintAll } from './fingerprint';
import type { AnalysisMetrics } from './metrics';
import { withoutSecrets } from './secrets';

export interface ExportInput {
  result: AnalysisResult;
  /** app memory, field count, object times, parts not collected (lib/export/metrics.ts `metricsOf`) */
  metrics?: AnalysisMetrics;
  /** where the app was analysed: tenant host and the connection mode (session, oauth, api-key, cli …) */
  source?: { host?: string; connectionMode?: string };
  /** written into JSON and SARIF; default { name: 'qlarity', version: '0.0.0' } */
  generator?: { name: string; version: string };
  /** rule metadata for help texts (default: the registry, lib/rules RULES) */
  rules?: readonly RuleDoc[];
  /** BCP 47 locale for numbers and dates in HTML and Markdown (default: the runtime's) */
  locale?: string;
  /** ISO time written as the export time (default: now) */
  exportedAt?: string;
  /** links rule codes to `${docsBaseUrl}/<rule name>.md` (HTML, Markdown, SARIF helpUri); no links without it */
  docsBaseUrl?: string;
  /** the change since an earlier analysis (lib/export/compare.ts), shown by HTML and Markdown */
  comparison?: Comparison;
  /** the snapshot's `sources` of an app folder analysis: SARIF, Markdown and CSV point findings at the folder's files */
  sources?: SnapshotSources;
}

export interface ExportedFinding {
  fingerprint: string;
  hidden: boolean;
  finding: Finding;
}

export interface NotRunReason {
  kind: 'rule-could-not-run' | 'rule-error' | 'config' | 'collection';
  message: string;
  rule?: string;
  part?: string;
}


/** Shown and hidden findings with their fingerprints, the shown first, each in the one order of findings, secrets removed. */
export function exportedFindings(result: AnalysisResult): ExportedFinding[] {
  const all = [
    ...result.findings.map((finding) => ({ finding: withoutSecrets(finding), hidden: false })),
    ...result.suppressedFindings.map((finding) => ({ finding: withoutSecrets(finding), hidden: true })),
  ];
  const prints = fingerprintAll(all.map((e) => e.finding));
  return all
    .map((e) => ({ ...e, fingerprint: prints.get(e.finding) ?? '' }))
    .sort((a, b) => Number(a.hidden) - Number(b.hidden) || compareFindings(a.finding, b.finding))
    .map(({ fingerprint, hidden, finding }) => ({ fingerprint, hidden, finding }));
}

/** Everything that was not analysed, with why: rules that could not run or failed, ignored configuration, parts not collected. */
export function notRunReasons(result: AnalysisResult, metrics?: AnalysisMetrics): NotRunReason[] {
  const reasons: NotRunReason[] = [];
  for (const run of result.rules) {
    if (run.status === 'could-not-run') reasons.push({ kind: 'rule-could-not-run', rule: run.rule, message: `${run.rule} ${run.name} could not run: ${run.reason ?? 'data missing'}` });
    else if (run.status === 'error') reasons.push({ kind: 'rule-error', rule: run.rule, message: `${run.rule} ${run.name} failed: ${run.reason ?? 'unknown error'}` });
  }
  for (const issue of result.configIssues) reasons.push({ kind: 'config', message: `Configuration ${issue.path}: ${issue.message}` });
  for (const issue of metrics?.notCollected ?? []) reasons.push({ kind: 'collection', part: issue.part, message: `Not collected (${PART_LABELS[issue.part]}): ${issue.message}` });
  return reasons;
}

export const exportedAtOf = (input: ExportInput): string => input.exportedAt ?? new Date().toISOString();

export function ruleDocUrl(input: ExportInput, ruleName: string): string | undefined {
  return input.docsBaseUrl ? `${input.docsBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(ruleName)}.md` : undefined;
}

/** "object "Sales" (abc) on sheet "Overview"": where a finding points, in words. */
export function describeTarget(finding: Finding): string {
  const t = finding.target;
  const name = t.name && t.name !== t.id ? `"${t.name}" (${t.id})` : `"${t.id}"`;
  const sheet = t.sheet ? ` on sheet "${t.sheet.name ?? t.sheet.id}"` : '';
  return `${t.kind} ${name}${sheet}`;
}
