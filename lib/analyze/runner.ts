// `analyse(snapshot, config)`: runs every registered rule over one snapshot. Like Lighthouse's
// runner, a rule that throws becomes an error for that rule only, and a rule whose data is
// missing reports "could not run" with the reason. Pure: the snapshot is never changed.
import type { AppSnapshot } from '../snapshot/schema';
import { AnalysisIndex } from './analysis-index';
import { AnalysisConfig, type AnalysisConfigInput, resolveRuleSetting, unknownRuleKeys } from './config';
import { stableHash } from './hash';
import { missingNeed } from './needs';
import { ANALYSIS_RESULT_VERSION, CATEGORIES, type AnalysisError, type AnalysisResult, type Category, type ConfigIssue, type Finding, type RuleRun, type Summary } from './result';
import { type Severity } from './severity';
import { countBySeverity } from './severity-order';
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
  const index = new AnalysisIndex(snapshot);
  const outcomes = options.rules.map((rule) => runRule(rule, snapshot, config, index));
  return resultOf(snapshot, config, outcomes, { ...options, started });
}

/**
 * One rule's part of an analysis, as it was before the result merged it with the others' (so a
 * partial update can keep it, lib/analyze/progressive.ts). `namedObjects`: the objects whose
 * targets (names) the rule obtained, or 'all' when it read the usage index (which names every use site).
 */
export interface RuleOutcome {
  rule: AnyRule;
  run: RuleRun;
  findings: Finding[];
  errors: AnalysisError[];
  configIssue?: ConfigIssue;
  namedObjects: ReadonlySet<string> | 'all';
}

/** Runs one rule: its setting, its needs, its options, then its check, isolated from the others. */
export function runRule(rule: AnyRule, snapshot: AppSnapshot, config: AnalysisConfig, index: AnalysisIndex): RuleOutcome {
  const setting = resolveRuleSetting(config, rule, snapshot.app.id);
  const base = { rule: rule.code, name: rule.name, category: rule.category, findings: 0, suppressed: 0, durationMs: 0 };
  const outcome = (run: RuleRun, more: Partial<RuleOutcome> = {}): RuleOutcome => ({ rule, run, findings: [], errors: [], namedObjects: new Set(), ...more });
  if (setting.severity === 'off') return outcome({ ...base, severity: rule.severity, status: 'off' });
  const severity = setting.severity;
  const missing = missingNeed(snapshot, rule.needs);
  if (missing) return outcome({ ...base, severity, status: 'could-not-run', reason: missing });
  const parsedOptions = rule.options.safeParse(setting.options);
  if (!parsedOptions.success) {
    const reason = `invalid options: ${parsedOptions.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
    return outcome({ ...base, severity, status: 'error', reason }, { configIssue: { path: `rules.${rule.code}.options`, message: reason } });
  }
  const t0 = performance.now();
  const found: Finding[] = [];
  const errors: AnalysisError[] = [];
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
  const naming = index.recordNamedObjects();
  try {
    rule.check(ctx);
    const findings = dedupe(found);
    const run: RuleRun = { ...base, severity, status: 'ran', findings: findings.length, durationMs: performance.now() - t0, ...(summaryData ? { data: summaryData } : {}) };
    return outcome(run, { findings, errors, namedObjects: naming.stop() });
  } catch (error) {
    const durationMs = performance.now() - t0;
    const namedObjects = naming.stop();
    if (error instanceof CannotRun) return outcome({ ...base, severity, status: 'could-not-run', reason: error.message, durationMs }, { errors, namedObjects });
    return outcome({ ...base, severity, status: 'error', reason: describeError(error), durationMs }, { errors, namedObjects });
  }
}

/** The result of an analysis from its rules' outcomes, in rule order: suppressions applied, then summary and score. */
export function resultOf(
  snapshot: AppSnapshot,
  config: AnalysisConfig,
  outcomes: readonly RuleOutcome[],
  options: { started: number; now?: () => Date },
): AnalysisResult {
  const rules = outcomes.map((o) => o.rule);
  const configIssues: ConfigIssue[] = [...unknownRuleKeys(config, rules), ...outcomes.flatMap((o) => (o.configIssue ? [o.configIssue] : []))];
  const { shown, hidden } = splitSuppressed(
    outcomes.flatMap((o) => o.findings),
    config.suppressions,
  );
  const hiddenByRule = new Map<string, number>();
  for (const f of hidden) hiddenByRule.set(f.rule, (hiddenByRule.get(f.rule) ?? 0) + 1);
  // copies: an outcome may be kept for the next partial update
  const runs: RuleRun[] = outcomes.map(({ run }) => {
    const suppressed = hiddenByRule.get(run.rule) ?? 0;
    return { ...run, suppressed, findings: run.findings - suppressed };
  });
  const findings = sortFindings(shown);
  return {
    version: ANALYSIS_RESULT_VERSION,
    app: { id: snapshot.app.id, name: snapshot.app.name },
    analysedAt: (options.now?.() ?? new Date()).toISOString(),
    durationMs: performance.now() - options.started,
    findings,
    suppressedFindings: sortFindings(hidden),
    rules: runs,
    summary: summarise(findings, hidden.length, runs),
    score: computeScore(findings),
    configIssues,
    errors: outcomes.flatMap((o) => o.errors),
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

function summarise(findings: Finding[], suppressed: number, runs: RuleRun[]): Summary {
  const bySeverity = countBySeverity(findings);
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, countBySeverity(findings.filter((f) => f.category === c))])) as Record<Category, Record<Severity, number>>;
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
