// Public API of the analysis: `analyse(snapshot, config)` → AnalysisResult, the result and
// configuration schemas, suppressions, and the rule registry (for docs, the options UI and the CLI).
export { analyse, parseConfig, type AnalyseOptions } from './runner';
export {
  AnalysisResult,
  ANALYSIS_RESULT_VERSION,
  Category,
  ConfigIssue,
  ExpressionRange,
  Finding,
  RuleRun,
  RuleRunStatus,
  Score,
  Severity,
  Summary,
  Target,
  TargetKind,
} from './result';
export { AnalysisConfig, RuleSetting, SeveritySetting, defaultConfig, resolveRuleSetting, type AnalysisConfigInput } from './config';
export { Suppression, splitSuppressed, suppressionFor, targetKey } from './suppression';
export { computeScore, SCORE_BAND_MEANING, SCORE_FORMULA, scoreBand, type ScoreBand } from './score';
export { defineRule, type AnyRule, type Need, type Rule, type RuleContext, type RuleMeta, type Source } from './rule';
export { AnalysisIndex } from './analysis-index';
export type { UseKind, UseSite } from './usage-index';
export { RULES } from '../rules/index';
