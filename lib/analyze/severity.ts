// How serious a finding is: error = broken for users, warning = a certain or measured cost,
// info = a suggestion. Part of the AnalysisResult (result.ts) and of the report view.
import { z } from '../schema/zod';

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

/** Severities from the most serious down: the one order of every list, count and sort of findings. */
export const SEVERITIES: readonly Severity[] = Severity.options;
/** Sorts the more serious first. */
export const bySeverity = (a: Severity, b: Severity): number => SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);
