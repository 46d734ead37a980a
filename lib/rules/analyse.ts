// The analysis with the whole rule catalogue: lib/analyze's runner over RULES. It lives here, not in
// lib/analyze, because the runner sits below the rules it runs (test/arch/layers.test.ts).
import type { AnalysisConfigInput } from '../analyze/config';
import type { AnalysisResult } from '../analyze/result';
import { runRules, type AnalyseOptions } from '../analyze/runner';
import type { AppSnapshot } from '../snapshot/schema';
import { RULES } from './index';

/** Analyse a snapshot with every registered rule, or the ones given. */
export function analyse(snapshot: AppSnapshot, configInput?: AnalysisConfigInput, options: Partial<AnalyseOptions> = {}): AnalysisResult {
  return runRules(snapshot, configInput, { ...options, rules: options.rules ?? RULES });
}
