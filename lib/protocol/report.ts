// What the popup and side panel show of an analysis, as it travels between contexts and is stored:
// schemas only. The report view's schemas live in lib/report/report-schema.ts (the functions that
// build a report from an analysis in lib/report/analysis-report.ts); they are part of the protocol
// as re-exported here. The stored analysis (with its snapshot) is in stored-analysis.ts.
export { AnalysisReport, AppFacts, FindingTarget, ReportFinding, Severity, SeverityCounts, TimingCoverage, TopFinding } from '../report/report-schema';
// the views still import these from here; their home is lib/report/report-schema.ts
export { SEVERITIES, TOP_FINDINGS } from '../report/report-schema';
