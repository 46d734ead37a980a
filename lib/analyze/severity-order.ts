// The severities in their one order, without zod: the popup's first render counts by them before
// the schemas (severity.ts) have loaded.

/** Severities from the most serious down: the one order of every list, count and sort of findings. */
export const SEVERITIES = ['error', 'warning', 'info'] as const;
type Severity = (typeof SEVERITIES)[number];

/** Sorts the more serious first. */
export const bySeverity = (a: Severity, b: Severity): number => SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);

/** How many of `items` there are of each severity, every severity present (0 when none). */
export function countBySeverity(items: Iterable<{ severity: Severity }>): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const item of items) counts[item.severity]++;
  return counts;
}
