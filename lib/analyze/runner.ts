// `analyse(snapshot, config)`: runs every registered rule over one snapshot. Like Lighthouse's
// runner, a rule that throws becomes an error for that rule only, and a rule whose data is
// missing reports "could not run" with the reason. Pure: the snapshot is never changed.
import type { AppSnapshot } from '../snapshot/schema';
import { AnalysisIndex } from './analysis-index';
import { AnalysisConfig, type AnalysisConfigInput, resolveRuleSetting, unknownRuleKeys } from './config';
import { stableHash } from './hash';
import { missingNeed } from './needs';
import {
  ANALYSIS_RESULT_VERSION,
  type AnalysisError,
  type AnalysisResult,
  type Category,
  type ConfigIssue,
  type Finding,
  type RuleRun,
  type Severity,
  type Summary,
} from './result';
import { sortFindings } from './finding-order';
import type { AnyRule, ReportInput, RuleContext } from './rule';
import { redactSecrets, redactSecretsDeep } from '../snapshot/redact-secrets';
import { computeScore } from './score';
import { splitSuppressed, targetKey } from './suppression';

export interface AnalyseOptions {
  /** the rules to run */
  rules: readonly AnyRule[];
  /** clock for `analysedAt` (tests pin it) */
  now?: () => Date;
}

class CannotRun extends Error {}

export function parseConfig(input: AnalysisConfigInput | undefined): AnalysisConfig {
  const parsed = AnalysisConfig.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`Invalid analysis configuration: ${details.join('; ')}`);
}

/** Runs the given rules over a snapshot. `analyse` (lib/rules/analyse.ts) runs the whole catalogue. */
export function runRules(snapshot: AppSnapshot, configInput: AnalysisConfigInput | undefined, options: AnalyseOptions): AnalysisResult {
  const started = performance.now();
  const config = parseConfig(configInput);
  const { rules } = options;
  const index = new AnalysisIndex(snapshot);
  const configIssues: ConfigIssue[] = unknownRuleKeys(config, rules);
  const runs: RuleRun[] = [];
  const all: Finding[] = [];
  const errors: AnalysisError[] = [];

  for (const rule of rules) {
    const setting = resolveRuleSetting(config, rule, snapshot.app.id);
    const base = { rule: rule.code, name: rule.name, category: rule.category, findings: 0, suppressed: 0, durationMs: 0 };
    if (setting.severity === 'off') {
      runs.push({ ...base, severity: rule.severity, status: 'off' });
      continue;
    }
    const severity = setting.severity;
    const missing = missingNeed(snapshot, rule.needs);
    if (missing) {
      runs.push({ ...base, severity, status: 'could-not-run', reason: missing });
      continue;
    }
    const parsedOptions = rule.options.safeParse(setting.options);
    if (!parsedOptions.success) {
      const reason = `invalid options: ${parsedOptions.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
      configIssues.push({ path: `rules.${rule.code}.options`, message: reason });
      runs.push({ ...base, severity, status: 'error', reason });
      continue;
    }
    const t0 = performance.now();
    const found: Finding[] = [];
    let summaryData: Record<string, unknown> | undefined;
    const ctx: RuleContext<Record<string, unknown>> = {
      snapshot,
      options: parsedOptions.data,
      index,
      report: (input) => found.push(toFinding(rule, severity, input)),
      cannotRun: (reason) => {
        throw new CannotRun(reason);
      },
      summary: (data) => {
        // the contract the views read it by: a summary that does not fit it is the rule's error
        if (!rule.runSummary) throw new Error(`${rule.code} keeps a run summary but declares no runSummary`);
        summaryData = rule.runSummary.schema.parse(data);
      },
      analysisError: (error) => {
        errors.push({ ...error, rule: rule.code });
      },
    };
    try {
      rule.check(ctx);
      const unique = dedupe(found);
      all.push(...unique);
      runs.push({ ...base, severity, status: 'ran', findings: unique.length, durationMs: performance.now() - t0, ...(summaryData ? { data: summaryData } : {}) });
    } catch (error) {
      const durationMs = performance.now() - t0;
      if (error instanceof CannotRun) runs.push({ ...base, severity, status: 'could-not-run', reason: error.message, durationMs });
      else runs.push({ ...base, severity, status: 'error', reason: describeError(error), durationMs });
    }
  }

  const { shown, hidden } = splitSuppressed(all, config.suppressions);
  const hiddenByRule = new Map<string, number>();
  for (const f of hidden) hiddenByRule.set(f.rule, (hiddenByRule.get(f.rule) ?? 0) + 1);
  for (const run of runs) {
    run.suppressed = hiddenByRule.get(run.rule) ?? 0;
    run.findings -= run.suppressed;
  }
  const findings = sortFindings(shown);
  return {
    version: ANALYSIS_RESULT_VERSION,
    app: { id: snapshot.app.id, name: snapshot.app.name },
    analysedAt: (options.now?.() ?? new Date()).toISOString(),
    durationMs: performance.now() - started,
    findings,
    suppressedFindings: sortFindings(hidden),
    rules: runs,
    summary: summarise(findings, hidden.length, runs),
    score: computeScore(findings),
    configIssues,
    errors,
  };
}

/**
 * Script text and reload logs reach findings in several rules (S01's excerpt, a failed reload's
 * message, S07's literal): credentials in them are redacted here, once for every rule, so no
 * report or export can carry them (lib/snapshot/redact-secrets.ts).
 */
function toFinding(rule: AnyRule, severity: Severity, raw: ReportInput): Finding {
  const input: ReportInput = {
    ...raw,
    message: redactSecrets(raw.message),
    ...(raw.data ? { data: redactSecretsDeep(raw.data) } : {}),
    ...(raw.content !== undefined ? { content: redactSecrets(raw.content) } : {}),
  };
  const content = input.content ?? `${input.path ?? ''}\u0000${input.expression?.text ?? ''}\u0000${input.message}`;
  const contentHash = stableHash(content);
  const finding: Finding = {
    id: stableHash(`${rule.code}\u0000${targetKey(input.target)}\u0000${input.path ?? ''}\u0000${contentHash}`),
    rule: rule.code,
    name: rule.name,
    severity,
    category: rule.category,
    message: input.message,
    target: input.target,
    contentHash,
  };
  if (input.path !== undefined) finding.path = input.path;
  if (input.expression) finding.expression = input.expression;
  if (input.data) finding.data = input.data;
  return finding;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => (seen.has(f.id) ? false : (seen.add(f.id), true)));
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `thrown: ${String(error)}`;
}

const CATEGORIES: Category[] = ['quality', 'performance', 'resource', 'design', 'script', 'context'];

function summarise(findings: Finding[], suppressed: number, runs: RuleRun[]): Summary {
  const zero = () => ({ error: 0, warning: 0, info: 0 });
  const bySeverity = zero();
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, zero()])) as Record<Category, ReturnType<typeof zero>>;
  for (const f of findings) {
    bySeverity[f.severity]++;
    byCategory[f.category][f.severity]++;
  }
  return {
    total: findings.length,
    bySeverity,
    byCategory,
    suppressed,
    rulesRun: runs.filter((r) => r.status === 'ran').length,
    rulesCouldNotRun: runs.filter((r) => r.status === 'could-not-run').length,
    rulesFailed: runs.filter((r) => r.status === 'error').length,
  };
}
