// The JSON export: Qlarity's documented, versioned contract for one analysis (README "JSON export").
// It is also what the side panel imports back (`parseJsonExport`): a file made by a colleague joins
// the app's history. Everything is in it: shown and hidden findings (marked), each with its stable
// fingerprint, every rule run with its status and "could not run" reason, the measured facts.
import { z } from '../schema/zod';
import { AnalysisResult, ANALYSIS_RESULT_VERSION, Category, ConfigIssue, Finding, RuleRun, Score } from '../analyze/result';
import { withValidRunSummaries } from '../rules/run-summaries';
import { exportedAtOf, exportedFindings, notRunReasons, type ExportInput } from './input';
import { AnalysisMetrics } from './metrics';
import { stripSecretKeys } from './secrets';

export const JSON_EXPORT_FORMAT = 'qlarity-analysis';
/** bumped on incompatible changes; readers refuse a newer version with a clear message */
export const JSON_EXPORT_VERSION = 1;

const Counts = z.object({ error: z.number().check(z.int(), z.nonnegative()), warning: z.number().check(z.int(), z.nonnegative()), info: z.number().check(z.int(), z.nonnegative()) });

export const ExportedFindingJson = z.extend(Finding, {
  /** stable across analyses (lib/export/fingerprint.ts) */
  fingerprint: z.string().check(z.minLength(1)),
  /** hidden by the user (a suppression); not counted in the summary */
  hidden: z.boolean(),
});

export const NotRunJson = z.object({
  kind: z.enum(['rule-could-not-run', 'rule-error', 'config', 'collection']),
  message: z.string(),
  rule: z.optional(z.string()),
  part: z.optional(z.string()),
});

export const JsonExport = z.object({
  format: z.literal(JSON_EXPORT_FORMAT),
  schemaVersion: z.literal(JSON_EXPORT_VERSION),
  generator: z.object({ name: z.string(), version: z.string() }),
  exportedAt: z.string(),
  app: z.object({ id: z.string().check(z.minLength(1)), name: z.string() }),
  source: z.object({ host: z.optional(z.string()), connectionMode: z.optional(z.string()) }),
  analysedAt: z.string(),
  durationMs: z.number().check(z.nonnegative()),
  score: Score,
  summary: z.object({
    total: z.number().check(z.int(), z.nonnegative()),
    bySeverity: Counts,
    byCategory: z.record(Category, Counts),
    hidden: z.number().check(z.int(), z.nonnegative()),
    rulesRun: z.number().check(z.int(), z.nonnegative()),
    rulesCouldNotRun: z.number().check(z.int(), z.nonnegative()),
    rulesFailed: z.number().check(z.int(), z.nonnegative()),
  }),
  metrics: AnalysisMetrics,
  /** shown findings first (worst first), then hidden ones */
  findings: z.array(ExportedFindingJson),
  /** every rule: ran, could-not-run (with the reason), error, off */
  rules: z.array(RuleRun),
  /** everything not analysed, in words */
  notRun: z.array(NotRunJson),
  configIssues: z.array(ConfigIssue),
});
export type JsonExport = z.infer<typeof JsonExport>;

export function toJsonExport(input: ExportInput): JsonExport {
  const { result } = input;
  const findings = exportedFindings(result).map(({ fingerprint, hidden, finding }) => ({ ...finding, fingerprint, hidden }));
  return {
    format: JSON_EXPORT_FORMAT,
    schemaVersion: JSON_EXPORT_VERSION,
    generator: input.generator ?? { name: 'qlarity', version: '0.0.0' },
    exportedAt: exportedAtOf(input),
    app: { ...result.app },
    source: {
      ...(input.source?.host ? { host: input.source.host } : {}),
      ...(input.source?.connectionMode ? { connectionMode: input.source.connectionMode } : {}),
    },
    analysedAt: result.analysedAt,
    durationMs: result.durationMs,
    score: result.score,
    summary: {
      total: result.summary.total,
      bySeverity: result.summary.bySeverity,
      byCategory: result.summary.byCategory,
      hidden: result.suppressedFindings.length,
      rulesRun: result.summary.rulesRun,
      rulesCouldNotRun: result.summary.rulesCouldNotRun,
      rulesFailed: result.summary.rulesFailed,
    },
    metrics: input.metrics ?? {},
    findings,
    rules: result.rules.map((run) => (run.data ? { ...run, data: stripSecretKeys(run.data) as Record<string, unknown> } : run)),
    notRun: notRunReasons(result, input.metrics),
    configIssues: result.configIssues,
  };
}

export function renderJson(input: ExportInput): string {
  return JSON.stringify(toJsonExport(input), null, 2) + '\n';
}

export interface ImportedAnalysis {
  result: AnalysisResult;
  metrics: AnalysisMetrics;
  source: JsonExport['source'];
  exportedAt: string;
}

/** Why a file cannot be imported, in words for the user. */
export class ImportError extends Error {
  override name = 'ImportError';
}

/**
 * Reads a JSON export back (text of a file). Throws ImportError with a clear message for text that
 * is not JSON, JSON of another tool, an export from a newer Qlarity, or a damaged export.
 */
export function parseJsonExport(text: string): ImportedAnalysis {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ImportError('This file is not JSON. Choose a file made by Qlarity\'s "Export → JSON".');
  }
  const head = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  if (!head || head.format !== JSON_EXPORT_FORMAT)
    throw new ImportError('This JSON file is not a Qlarity analysis export (its "format" is not "qlarity-analysis").');
  if (typeof head.schemaVersion === 'number' && head.schemaVersion > JSON_EXPORT_VERSION)
    throw new ImportError(`This export has version ${head.schemaVersion}, made by a newer Qlarity; this one reads version ${JSON_EXPORT_VERSION}. Update Qlarity to import it.`);
  const parsed = JsonExport.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ImportError(`This Qlarity export is damaged or incomplete: ${first.join('; ')}.`);
  }
  const doc = parsed.data;
  const strip = ({ fingerprint: _f, hidden: _h, ...finding }: z.infer<typeof ExportedFindingJson>) => finding;
  const rebuilt = AnalysisResult.safeParse({
    version: ANALYSIS_RESULT_VERSION,
    app: doc.app,
    analysedAt: doc.analysedAt,
    durationMs: doc.durationMs,
    findings: doc.findings.filter((f) => !f.hidden).map(strip),
    suppressedFindings: doc.findings.filter((f) => f.hidden).map(strip),
    rules: doc.rules,
    summary: {
      total: doc.summary.total,
      bySeverity: doc.summary.bySeverity,
      byCategory: doc.summary.byCategory,
      suppressed: doc.summary.hidden,
      rulesRun: doc.summary.rulesRun,
      rulesCouldNotRun: doc.summary.rulesCouldNotRun,
      rulesFailed: doc.summary.rulesFailed,
    },
    score: doc.score,
    configIssues: doc.configIssues,
  });
  if (!rebuilt.success) throw new ImportError(`This Qlarity export cannot be read as an analysis: ${rebuilt.error.issues[0]?.message ?? 'invalid'}.`);
  if (Number.isNaN(Date.parse(doc.analysedAt))) throw new ImportError('This Qlarity export has no valid analysis time ("analysedAt").');
  return { result: withValidRunSummaries(rebuilt.data), metrics: doc.metrics, source: doc.source, exportedAt: doc.exportedAt };
}
