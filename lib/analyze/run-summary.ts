// The typed contract between a rule and the views for the rule-level data it keeps on its run
// (RuleRun.data, e.g. R01's totals and DROP FIELDS statement): the rule declares the contract in
// its metadata (`runSummary`), the runner checks what the rule keeps against it, results read back
// from storage or files are checked again (`keepValidRunSummaries`), and the views read it through
// `runSummaryOf`, typed by the contract, never as an untyped bag looked up by a rule code.
import type { z } from 'zod/mini';
import type { AnalysisResult, RuleRun } from './result';

export interface RunSummaryContract<Schema extends z.ZodMiniObject = z.ZodMiniObject> {
  /** the code of the one rule that keeps this summary */
  readonly rule: string;
  readonly schema: Schema;
}

export function defineRunSummary<Schema extends z.ZodMiniObject>(rule: string, schema: Schema): RunSummaryContract<Schema> {
  return Object.freeze({ rule, schema });
}

/** The summary the contract's rule kept on its run, or undefined when it did not run, kept none, or kept one of another shape. */
export function runSummaryOf<Schema extends z.ZodMiniObject>(result: Pick<AnalysisResult, 'rules'>, contract: RunSummaryContract<Schema>): z.output<Schema> | undefined {
  const run = result.rules.find((r) => r.rule === contract.rule);
  if (run?.data === undefined) return undefined;
  const parsed = contract.schema.safeParse(run.data);
  return parsed.success ? parsed.data : undefined;
}

/**
 * A result's rule runs with each summary checked against its rule's contract: a summary that does
 * not fit it, or of a rule that declares none (a damaged or foreign file), is dropped, so the rest
 * of a stored analysis still opens; fields a contract no longer has are stripped.
 */
export function keepValidRunSummaries<Result extends Pick<AnalysisResult, 'rules'>>(result: Result, contracts: readonly RunSummaryContract[]): Result {
  const byRule = new Map(contracts.map((c) => [c.rule, c]));
  const checked = (run: RuleRun): RuleRun => {
    if (run.data === undefined) return run;
    const { data, ...rest } = run;
    const parsed = byRule.get(run.rule)?.schema.safeParse(data);
    return parsed?.success ? { ...rest, data: parsed.data } : rest;
  };
  return { ...result, rules: result.rules.map(checked) };
}
