// The severities in their one order, without zod: the popup's first render counts by them before
// the schemas (severity.ts) have loaded.
export const SEVERITY_LEVELS = ['error', 'warning', 'info'] as const;
type Severity = (typeof SEVERITY_LEVELS)[number];

/** Severities from the most serious down: the one order of every list, count and sort of findings. */
export const SEVERITIES: readonly Severity[] = SEVERITY_LEVELS;
/** Sorts the more serious first. */
export const bySeverity = (a: Severity, b: Severity): number => SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);
