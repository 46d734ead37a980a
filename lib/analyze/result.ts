// The AnalysisResult: what `analyse` returns and what the UI, the exports and the CLI's JSON
// read. Versioned like the snapshot; parse it at every boundary (storage, files, messages).
import { z } from '../schema/zod';
import { Severity } from './severity';

export const ANALYSIS_RESULT_VERSION = 1;

export const Category = z.enum(['quality', 'performance', 'resource', 'design', 'script', 'context']);
export type Category = z.infer<typeof Category>;

/** Categories in reading order. */
export const CATEGORIES: readonly Category[] = Category.options;

export const TargetKind = z.enum([
  'app',
  'sheet',
  'object',
  'master-measure',
  'master-dimension',
  'master-object',
  'variable',
  'bookmark',
  'field',
  'table',
  'script',
  'reload',
]);
export type TargetKind = z.infer<typeof TargetKind>;

/** The thing a finding is about. For a field, `id` and `name` are the field name. */
export const Target = z.object({
  kind: TargetKind,
  /** stable across runs: the qId of an object, the name of a field/table/variable */
  id: z.string(),
  name: z.optional(z.string()),
  /** the sheet the object is on, when there is one */
  sheet: z.optional(z.object({ id: z.string(), name: z.optional(z.string()) })),
});
export type Target = z.infer<typeof Target>;

/** An expression with the offending part: `text.slice(from, to)` is what the finding points at. */
export const ExpressionRange = z.object({
  text: z.string(),
  from: z.number().check(z.int(), z.nonnegative()),
  to: z.number().check(z.int(), z.nonnegative()),
});
export type ExpressionRange = z.infer<typeof ExpressionRange>;

export const Finding = z.object({
  /** stable id of this finding: rule + target + path + content hash */
  id: z.string(),
  /** rule code, e.g. "R01" */
  rule: z.string(),
  /** rule name in kebab-case, e.g. "unused-field" */
  name: z.string(),
  severity: Severity,
  category: Category,
  /** names the thing, the value and the threshold */
  message: z.string(),
  target: Target,
  /** where in the target's properties, e.g. "qHyperCubeDef.qMeasures[0].qDef.qDef" */
  path: z.optional(z.string()),
  expression: z.optional(ExpressionRange),
  /** hash of what the finding is about: a suppression keyed on it ends when the thing changes */
  contentHash: z.string(),
  /** rule-specific data for the UI (numbers, lists, a generated statement …) */
  data: z.optional(z.record(z.string(), z.unknown())),
});
export type Finding = z.infer<typeof Finding>;

export const RuleRunStatus = z.enum(['ran', 'could-not-run', 'error', 'off']);
export type RuleRunStatus = z.infer<typeof RuleRunStatus>;

/** What happened to each rule: ran (with n findings), could not run (why), threw (error), or was switched off. */
export const RuleRun = z.object({
  rule: z.string(),
  name: z.string(),
  category: Category,
  severity: Severity,
  status: RuleRunStatus,
  /** for could-not-run: the missing data; for error: the exception message */
  reason: z.optional(z.string()),
  findings: z.number().check(z.int(), z.nonnegative()),
  suppressed: z.number().check(z.int(), z.nonnegative()),
  durationMs: z.number().check(z.nonnegative()),
  /** rule-level data for the UI, e.g. R01's total memory and DROP FIELDS statement */
  data: z.optional(z.record(z.string(), z.unknown())),
});
export type RuleRun = z.infer<typeof RuleRun>;

const SeverityCounts = z.object({ error: z.number().check(z.int()), warning: z.number().check(z.int()), info: z.number().check(z.int()) });
export type SeverityCounts = z.infer<typeof SeverityCounts>;

export const Summary = z.object({
  total: z.number().check(z.int()),
  bySeverity: SeverityCounts,
  byCategory: z.record(Category, SeverityCounts),
  suppressed: z.number().check(z.int()),
  rulesRun: z.number().check(z.int()),
  rulesCouldNotRun: z.number().check(z.int()),
  rulesFailed: z.number().check(z.int()),
});
export type Summary = z.infer<typeof Summary>;

export const Score = z.object({
  /** 0..100, 100 = no findings */
  value: z.number().check(z.minimum(0), z.maximum(100)),
  penalty: z.number().check(z.nonnegative()),
  /** 0..100 per category over that category's findings; a category without findings is absent (= 100).
   *  Absent in results saved before per-category scores. The formula: docs/rules/README.md */
  categories: z.optional(z.partialRecord(Category, z.number().check(z.minimum(0), z.maximum(100)))),
});
export type Score = z.infer<typeof Score>;

export const ConfigIssue = z.object({ path: z.string(), message: z.string() });
export type ConfigIssue = z.infer<typeof ConfigIssue>;

/**
 * Something the analysis itself got wrong or could not do, for us to fix; not a finding.
 * `parser-gap`: the engine's CheckExpression accepted an expression our parser rejects (the
 * engine's verdict wins, so no finding is reported; the parser needs fixing).
 */
export const AnalysisErrorKind = z.enum(['parser-gap']);
export type AnalysisErrorKind = z.infer<typeof AnalysisErrorKind>;

export const AnalysisError = z.object({
  kind: AnalysisErrorKind,
  /** the rule that noticed it */
  rule: z.string(),
  message: z.string(),
  /** the expression as written */
  expression: z.optional(z.string()),
  /** what our parser said about it */
  parserMessage: z.optional(z.string()),
  target: z.optional(Target),
  path: z.optional(z.string()),
});
export type AnalysisError = z.infer<typeof AnalysisError>;

export const AnalysisResult = z.object({
  version: z.literal(ANALYSIS_RESULT_VERSION),
  app: z.object({ id: z.string(), name: z.string() }),
  analysedAt: z.string(),
  durationMs: z.number().check(z.nonnegative()),
  findings: z.array(Finding),
  /** findings hidden by a suppression, kept so the UI can show and un-hide them */
  suppressedFindings: z.array(Finding),
  rules: z.array(RuleRun),
  summary: Summary,
  score: Score,
  /** configuration entries that were ignored, with why */
  configIssues: z.array(ConfigIssue),
  /** the analysis' own gaps (e.g. parser-gap), for us to fix; results stored before the list existed read as [] */
  errors: z._default(z.array(AnalysisError), []),
});
export type AnalysisResult = z.infer<typeof AnalysisResult>;
