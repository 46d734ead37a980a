// Runs one rule through the real runner (config, needs, isolation) for rule tests.
import { analyse } from '../../../lib/rules/analyse';
import type { AnalysisResult, Finding, RuleRun } from '../../../lib/analyze/result';
import type { AnyRule } from '../../../lib/analyze/rule';
import type { AppSnapshot } from '../../../lib/snapshot/schema';

export interface RuleOutcome {
  findings: Finding[];
  run: RuleRun;
  result: AnalysisResult;
  messages: string[];
  /** each finding as `<rule> <target kind>:<target id> <message>`: the whole of what a user is told */
  found: string[];
}

export function runRule(rule: AnyRule, snapshot: AppSnapshot, options?: Record<string, unknown>): RuleOutcome {
  const result = analyse(snapshot, options ? { rules: { [rule.code]: { options } } } : {}, { rules: [rule] });
  const run = result.rules[0];
  const found = result.findings.map((f) => `${f.rule} ${f.target.kind}:${f.target.id} ${f.message}`);
  return { findings: result.findings, run, result, messages: result.findings.map((f) => f.message), found };
}
