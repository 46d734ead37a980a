// The score shown with a result. Each rule adds weight(severity) × min(findings, cap), so one
// noisy rule cannot sink the score alone; the sum maps to 0..100 with a half-value point:
//   penalty = Σ over rules of weight(severity) × min(findings of the rule, 5)
//   weight: error 10, warning 3, info 1
//   score   = round(100 × 50 / (50 + penalty))      (no findings = 100, penalty 50 = 50)
// Suppressed findings and context (G) rules do not count.
import type { Finding, Score, Severity } from './result';

const WEIGHT: Record<Severity, number> = { error: 10, warning: 3, info: 1 };
const PER_RULE_CAP = 5;
const HALF_VALUE_PENALTY = 50;

export const SCORE_FORMULA =
  'score = round(100 × 50 / (50 + penalty)); penalty = Σ per rule of weight × min(findings, 5), ' +
  'weight error 10, warning 3, info 1; suppressed findings and context rules do not count';

export function computeScore(findings: readonly Finding[]): Score {
  const perRule = new Map<string, { severity: Severity; count: number }>();
  for (const f of findings) {
    if (f.category === 'context') continue;
    const key = `${f.rule}:${f.severity}`;
    const entry = perRule.get(key) ?? { severity: f.severity, count: 0 };
    entry.count++;
    perRule.set(key, entry);
  }
  let penalty = 0;
  for (const { severity, count } of perRule.values()) penalty += WEIGHT[severity] * Math.min(count, PER_RULE_CAP);
  const value = Math.round((100 * HALF_VALUE_PENALTY) / (HALF_VALUE_PENALTY + penalty));
  return { value, penalty, formula: SCORE_FORMULA };
}
