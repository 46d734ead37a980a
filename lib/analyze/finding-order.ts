// The one order of findings, for every list of them: the result (runner), the report's lists,
// the exports and the comparison of two analyses. It lives here, below them all, so the runner
// can use it too (test/arch/layers.test.ts: nothing imports upward).
import type { Finding } from './result';
import { bySeverity } from './severity-order';

/** Plain code-unit comparison: fast and locale-independent, so every list reads the same everywhere. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Worst first, then by rule code, the target's name (its id when it has none), the path and the finding's id. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    bySeverity(a.severity, b.severity) ||
    compareText(a.rule, b.rule) ||
    compareText(a.target.name || a.target.id, b.target.name || b.target.id) ||
    compareText(a.path ?? '', b.path ?? '') ||
    compareText(a.id, b.id)
  );
}

/** The findings in the one order (a sorted copy). */
export const sortFindings = (findings: readonly Finding[]): Finding[] => [...findings].sort(compareFindings);
