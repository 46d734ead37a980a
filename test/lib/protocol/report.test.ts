import { describe, expect, it } from 'vitest';
import { countBySeverity, reportFromAnalysis, sortFindings } from '@/lib/protocol/report';
import { analysisFinding, analysisResult, finding } from './report-fixtures';

describe('report helpers', () => {
  it('counts findings by severity', () => {
    expect(countBySeverity([finding(), finding({ severity: 'info' }), finding()])).toEqual({ error: 2, warning: 0, info: 1 });
    expect(countBySeverity([])).toEqual({ error: 0, warning: 0, info: 0 });
  });

  it('sorts errors, then warnings, then info, keeping order within a severity', () => {
    const list = [finding({ id: 'i', severity: 'info' }), finding({ id: 'w1', severity: 'warning' }), finding({ id: 'e' }), finding({ id: 'w2', severity: 'warning' })];
    expect(sortFindings(list).map((f) => f.id)).toEqual(['e', 'w1', 'w2', 'i']);
  });
});

describe('reportFromAnalysis', () => {
  const meta = { appKey: 'k', origin: 'https://demo.eu.qlikcloud.com', startedAt: 10, finishedAt: 50 };

  it('maps findings, their targets, the score and the counts', () => {
    const result = analysisResult([
      analysisFinding(),
      analysisFinding({ id: 'Q01:o', rule: 'Q01', name: 'expression-syntax-error', severity: 'error', category: 'quality', target: { kind: 'object', id: 'obj-1', name: 'KPI', sheet: { id: 'sheet-1', name: 'Overview' } } }),
    ]);
    const view = reportFromAnalysis(result, meta);
    expect(view.counts).toEqual({ error: 1, warning: 1, info: 0 });
    expect(view.score).toBe(87);
    expect(view.app).toEqual({ appId: result.app.id, name: 'Demo sales', origin: meta.origin });
    expect(view.findings[0]).toMatchObject({ ruleCode: 'Q01', severity: 'error', target: { kind: 'object', id: 'obj-1', name: 'KPI', sheetId: 'sheet-1' } });
    expect(view.findings[1]).toMatchObject({ ruleCode: 'R01', ruleName: 'unused-field', target: { kind: 'field', id: 'Unused' } });
  });

  it('says which rules could not run or failed, and which configuration was ignored', () => {
    const rule = { name: 'x', category: 'quality' as const, severity: 'error' as const, findings: 0, suppressed: 0, durationMs: 0 };
    const result = analysisResult([], {
      rules: [
        { ...rule, rule: 'P01', status: 'could-not-run', reason: 'no reload metadata' },
        { ...rule, rule: 'Q02', status: 'error', reason: 'boom' },
        { ...rule, rule: 'Q03', status: 'ran' },
      ],
      configIssues: [{ path: 'rules.Z99', message: 'unknown rule' }],
    });
    expect(reportFromAnalysis(result, meta).notes).toEqual([
      'P01 x could not run: no reload metadata',
      'Q02 x failed: boom',
      'Configuration rules.Z99: unknown rule',
    ]);
  });
});
