// A rule is metadata plus a pure check over the snapshot (ESLint's `create`, Biome/Ruff's
// stable codes, Lighthouse's declared artifacts). `defineRule` only types and freezes it; the
// runner (runner.ts) resolves configuration, checks the declared needs and isolates failures.
import type { z } from 'zod';
import type { AppSnapshot } from '../snapshot/schema';
import type { AnalysisIndex } from './analysis-index';
import type { AnalysisError, Category, ExpressionRange, Severity, Target } from './result';

/** Parts of the snapshot a rule reads; the runner says "could not run" when one is missing. */
export type Need =
  | 'objects'
  | 'masterItems'
  | 'variables'
  | 'bookmarks'
  | 'dataModel'
  /** the app's size in memory: from the data model, or REST /data/metadata when the engine was out of reach */
  | 'appSize'
  | 'script'
  | 'reloads'
  | 'evaluation'
  | 'layouts'
  | 'expressionChecks'
  | 'extensions'
  | 'themes';

export interface Source {
  title: string;
  url: string;
}

export interface ReportInput {
  target: Target;
  message: string;
  path?: string;
  expression?: ExpressionRange;
  data?: Record<string, unknown>;
  /** what the finding is about, hashed for suppressions; default: path + expression + message */
  content?: string;
}

export interface RuleContext<Options> {
  readonly snapshot: AppSnapshot;
  readonly options: Options;
  /** shared, built once per analysis (parsed expressions, usage, data model lookups) */
  readonly index: AnalysisIndex;
  report(finding: ReportInput): void;
  /** the data this rule needs is not there: the result says so instead of staying silent */
  cannotRun(reason: string): never;
  /** rule-level data for the UI (totals, a generated statement …), kept on the rule's run */
  summary(data: Record<string, unknown>): void;
  /** a gap in the analysis itself (e.g. our parser rejects what the engine accepted): kept in the result's `errors`, never a finding */
  analysisError(error: Omit<AnalysisError, 'rule'>): void;
}

export interface RuleMeta<Schema extends z.ZodObject = z.ZodObject> {
  /** stable, never reused: a letter for the category and two digits */
  code: string;
  /** kebab-case */
  name: string;
  category: Category;
  severity: Severity;
  /** one line, what it detects */
  summary: string;
  why: { text: string; sources: Source[] };
  howToFix: string;
  /**
   * Why the default severity fits this rule's consequence (error = broken for the app's users,
   * warning = a certain or measured cost, and which one, info = a suggestion); shown in the rule's
   * docs page after what the severity means.
   */
  severityReason: string;
  /** the report lists this rule's findings as one row, whatever their cause (documentation and style rules) */
  rollUp?: boolean;
  /** every field has a default, so `options.parse({})` gives the defaults */
  options: Schema;
  needs: Need[];
  /**
   * Parts the rule reads when they are there but can run without (P01 reads the timings, else the
   * app evaluation). With `needs`, what a partial update compares to know whether to re-run the rule.
   */
  reads?: Need[];
  /** off unless the configuration switches it on (e.g. naming conventions) */
  defaultEnabled?: boolean;
  examples?: { bad?: string; good?: string };
}

export interface Rule<Schema extends z.ZodObject = z.ZodObject> extends RuleMeta<Schema> {
  check(ctx: RuleContext<z.output<Schema>>): void;
}

/** Any rule, whatever its options, as the registry holds it. */
export type AnyRule = Rule<z.ZodObject>;

export function defineRule<Schema extends z.ZodObject>(rule: Rule<Schema>): AnyRule {
  return Object.freeze(rule) as unknown as AnyRule;
}
