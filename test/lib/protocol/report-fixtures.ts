// Small builders for reports and analysis results, shared by the protocol, extension and component tests.
import type { AnalysisResult, Finding } from '../../../lib/analyze/result';
import { countBySeverity } from '../../../lib/analyze/severity-order';
import type { AnalysisReport, ReportFinding } from '../../../lib/report/report-schema';
import type { QlikApp } from '../../../lib/protocol/tab-state';

export const demoApp: QlikApp = {
  origin: 'https://demo.eu.qlikcloud.com',
  host: 'demo.eu.qlikcloud.com',
  prefix: '',
  hostKind: 'qlik-cloud',
  appId: '9c1f3a52-6d2e-4b8f-a7c4-2e5d8b1f0a63',
  view: 'sheet',
  sheetId: 'sheet-1',
  sheetMode: 'analysis',
};

export function finding(overrides: Partial<ReportFinding> = {}): ReportFinding {
  return {
    id: overrides.id ?? `f-${Math.random().toString(36).slice(2)}`,
    ruleCode: 'Q01',
    ruleName: 'expression-syntax-error',
    category: 'quality',
    severity: 'error',
    message: 'Measure “Margin” has a syntax error: missing “)” at 12.',
    target: { kind: 'object', id: 'obj-1', name: 'Margin KPI', sheetId: 'sheet-1' },
    ...overrides,
  };
}

export function report(findings: ReportFinding[], overrides: Partial<AnalysisReport> = {}): AnalysisReport {
  return {
    version: 1,
    appKey: `${demoApp.origin}|${demoApp.appId}`,
    app: { appId: demoApp.appId, name: 'Demo sales', origin: demoApp.origin },
    startedAt: 1_000,
    finishedAt: 3_500,
    counts: countBySeverity(findings),
    findings,
    notes: [],
    ...overrides,
  };
}

export function analysisFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'R01:field:Unused',
    rule: 'R01',
    name: 'unused-field',
    severity: 'warning',
    category: 'resource',
    message: 'Field “Unused” is used by no sheet, object or master item.',
    target: { kind: 'field', id: 'Unused' },
    contentHash: 'abc',
    ...overrides,
  };
}

export function analysisResult(findings: Finding[], overrides: Partial<AnalysisResult> = {}): AnalysisResult {
  const zero = { error: 0, warning: 0, info: 0 };
  return {
    version: 1,
    app: { id: demoApp.appId, name: 'Demo sales' },
    analysedAt: '2026-11-27T03:00:00.000Z',
    durationMs: 12,
    findings,
    suppressedFindings: [],
    rules: [],
    summary: {
      total: findings.length,
      bySeverity: countBySeverity(findings),
      byCategory: { quality: zero, performance: zero, resource: zero, design: zero, script: zero, context: zero },
      suppressed: 0,
      rulesRun: 0,
      rulesCouldNotRun: 0,
      rulesFailed: 0,
    },
    score: { value: 87, penalty: 13 },
    configIssues: [],
    errors: [],
    ...overrides,
  };
}
