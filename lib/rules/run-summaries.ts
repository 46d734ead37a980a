// Every rule's run summary contract (lib/analyze/run-summary.ts), for checking results read back
// from storage or files; a test keeps it equal to the contracts the rules declare.
import type { AnalysisResult } from '../analyze/result';
import { keepValidRunSummaries, type RunSummaryContract } from '../analyze/run-summary';
import { UNUSED_FIELD_SUMMARY } from './shared/unused-field-summary';

export const RUN_SUMMARIES: readonly RunSummaryContract[] = [UNUSED_FIELD_SUMMARY];

/** The result with every rule's summary checked against its contract (a stored or imported result). */
export const withValidRunSummaries = <Result extends Pick<AnalysisResult, 'rules'>>(result: Result): Result => keepValidRunSummaries(result, RUN_SUMMARIES);
