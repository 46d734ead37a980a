// A rule is metadata plus a pure check over the snapshot (ESLint's `create`, Biome/Ruff's
// stable codes, Lighthouse's declared artifacts). `defineRule` only types and freezes it; the
// runner (runner.ts) resolves configuration, checks the declared needs and isolates failures.
import type { z } from 'zod/mini';
import type { SnapshotPart } from '../snapshot/parts';
import type { AppSnapshot } from '../snapshot/schema';
import type { AnalysisIndex } from './analysis-index';
import type { AnalysisError, Category, ExpressionRange, Target } from './result';
import type { Severity } from './severity';
import type { RunSummaryContract } from './run-summary';

/**
 * Checks that read more than one part or only some of a part's fields; every other need is a part
 * of the snapshot, named as the collectors and collection issues name it.
 */
export type DerivedNeed =
  /** the app's size in memory: from `dataModel`, or `metadata` (REST) when the engine was out of reach */
  | 'appSize'
  /** the engine's verdict on `expressions` (CheckExpression): their `check` */
  | 'expressionChecks'
  /** whether the app and its sheets are published (item meta, in `app` and `sheets`): not in an app folder */
  | 'publishState';

/** What a rule reads: parts of the snapshot (lib/snapshot/parts.ts); the runner says "could not run" when one is missing. */
export type Need = SnapshotPart | DerivedNeed;

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

/** What `ctx.summary` takes: the input of the rule's declared summary schema, nothing for a rule that declares none. */
type SummaryInput<Summary> = Summary extends RunSummaryContract<infer S> ? z.input<S> : never;

export interface RuleContext<Options, Summary extends RunSummaryContract | undefined = RunSummaryContract | undefined> {
  readonly snapshot: AppSnapshot;
  readonly options: Options;
  /** shared, built once per analysis (parsed expressions, usage, data model lookups) */
  readonly index: AnalysisIndex;
  report(finding: ReportInput): void;
  /** the data this rule needs is not there: the result says so instead of staying silent */
  cannotRun(reason: string): never;
  /** rule-level data for the views (totals, a generated statement …) of the shape `runSummary` declares, kept on the rule's run */
  summary(data: SummaryInput<Summary>): void;
  /** a gap in the analysis itself (e.g. our parser rejects what the engine accepted): kept in the result's `errors`, never a finding */
  analysisError(error: Omit<AnalysisError, 'rule'>): void;
}

export interface RuleMeta<Schema extends z.ZodMiniObject = z.ZodMiniObject, Summary extends RunSummaryContract | undefined = RunSummaryContract | undefined> {
  /** stable, never reused: a letter for the category and two digits */
  code: string;
  /** kebab-case */
  name: string;
  category: Category;
  severity: Severity;
  /** one line, what it detects */
  summary: string;
  /**
   * The rule-level data the rule keeps on its run for the views (`ctx.summary`): its rule code and
   * zod schema, declared once in lib/rules/shared so the views read it typed (`runSummaryOf`)
   * without bundling the rule. Absent: the rule keeps none.
   */
  runSummary?: Summary;
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

export interface Rule<Schema extends z.ZodMiniObject = z.ZodMiniObject, Summary extends RunSummaryContract | undefined = RunSummaryContract | undefined>
  extends RuleMeta<Schema, Summary> {
  check(ctx: RuleContext<z.output<Schema>, Summary>): void;
}

/** Any rule, whatever its options and summary, as the registry holds it. */
export type AnyRule = Rule<z.ZodMiniObject>;

export function defineRule<Schema extends z.ZodMiniObject, Summary extends RunSummaryContract | undefined = undefined>(rule: Rule<Schema, Summary>): AnyRule {
  return Object.freeze(rule) as unknown as AnyRule;
}
