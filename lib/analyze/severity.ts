// How serious a finding is: error = broken for users, warning = a certain or measured cost,
// info = a suggestion. Part of the AnalysisResult (result.ts) and of the report view.
import { z } from '../schema/zod';
import { SEVERITIES } from './severity-order';

export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;
