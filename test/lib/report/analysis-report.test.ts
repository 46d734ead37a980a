import { describe, expect, it } from 'vitest';
import { analyse } from '../../../lib/rules/analyse';
import { countBySeverity } from '../../../lib/analyze/severity-order';
import { appFactsOf, reportFromAnalysis, topFindingsOf } from '../../../lib/report/analysis-report';
import { AnalysisReport } from '../../../lib/report/report-schema';
import { app } from '../../fixtures/builders';
import { analysisFinding, analysisResult, finding } from '../protocol/report-fixtures';

describe('report helpers', () => {
  it('counts findings by severity', () => {
    expect(countBySeverity([finding(), finding({ severity: 'info' }), finding()])).toEqual({ error: 2, warning: 0, info: 1 });
    expect(countBySeverity([])).toEqual({ error: 0, warning: 0, info: 0 });
  });

});

const meta = { appKey: 'k', origin: 'https://demo.eu.qlikcloud.com', startedAt: 10, finishedAt: 50 };

describe('reportFromAnalysis', () => {
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

  it('lists the findings in the one order of findings, whatever order the result holds them in', () => {
    const info = analysisFinding({ id: 'D08:a', rule: 'D08', name: 'missing-object-title', severity: 'info', category: 'design', target: { kind: 'object', id: 'a' } });
    const laterRule = analysisFinding({ id: 'R01:b', target: { kind: 'field', id: 'B' } });
    const earlierName = analysisFinding({ id: 'R01:a', target: { kind: 'field', id: 'A' } });
    const error = analysisFinding({ id: 'Q01:o', rule: 'Q01', name: 'expression-syntax-error', severity: 'error', category: 'quality', target: { kind: 'object', id: 'obj-1' } });
    const view = reportFromAnalysis(analysisResult([info, laterRule, earlierName, error]), meta);
    expect(view.findings.map((f) => f.id)).toEqual(['Q01:o', 'R01:a', 'R01:b', 'D08:a']);
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

describe('appFactsOf (the popup facts)', () => {
  // A hostile sheet and object title: HTML-looking, right-to-left, long. They stay plain strings.
  const sheetTitle = '<img src=x onerror=alert(1)> مبيعات';
  const objectTitle = `${'Very long title '.repeat(10)}<b>bold</b>`;
  const snapshot = () =>
    app({ id: 'facts-app', name: 'Facts' })
      .table('Sales', { rows: 1000, fields: [{ name: 'Amount', byteSize: 4_000 }, { name: 'Unused', byteSize: 6_000 }] })
      .sheet({ id: 's1', title: sheetTitle })
      .kpi({ id: 'fast', title: 'Fast KPI', measure: { def: 'Sum(Amount)' } })
      .barchart({ id: 'slow', title: objectTitle, measure: { def: 'Sum(Amount)' } })
      .app.timings([
        { objectId: 'fast', firstMs: 120 },
        { objectId: 'slow', firstMs: 2_345 },
      ])
      .build();

  it('gives the app memory, what the unused fields hold (R01) and the slowest object with its sheet', () => {
    const s = snapshot();
    const result = analyse(s);
    const r01 = result.rules.find((r) => r.rule === 'R01');
    expect(r01?.status).toBe('ran');
    const facts = appFactsOf(result, s);
    expect(facts.appMemoryBytes).toBe(s.dataModel?.staticByteSize);
    expect(facts.appMemoryBytes).toBe(10_000);
    expect(facts.unusedMemory).toEqual({ fieldCount: (r01?.data as { fieldCount: number }).fieldCount, bytes: (r01?.data as { totalBytes: number }).totalBytes });
    expect(facts.unusedMemory?.bytes).toBeGreaterThanOrEqual(6_000);
    expect(facts.slowestObject).toEqual({ id: 'slow', name: objectTitle, sheetId: 's1', sheetName: sheetTitle, ms: 2_345 });
    // and it travels in the stored report
    const report = reportFromAnalysis(result, { ...meta, facts });
    expect(AnalysisReport.parse(report).facts).toEqual(facts);
  });

  it('leaves out what was not collected', () => {
    const s = app({ id: 'bare' }).noDataModel().build();
    expect(appFactsOf(analyse(s), s)).toEqual({});
    expect(reportFromAnalysis(analysisResult([]), meta).facts).toBeUndefined();
  });
});

describe('top findings', () => {
  it('are the first three rows of Fix first, with their gains, no finding twice, and untitled objects named by type and sheet', async () => {
    const { analysedSalesApp } = await import('../report/fixtures');
    const { fixFirst } = await import('../../../lib/report/fix-first');
    const { snapshot, result } = analysedSalesApp();
    const report = reportFromAnalysis(result, { ...meta, top: topFindingsOf(result, snapshot) });
    const rows = fixFirst(result).slice(0, 3);
    expect(report.top?.map((t) => t.key)).toEqual(rows.map((r) => r.key));
    expect(report.top?.length).toBe(Math.min(3, rows.length));
    expect(report.top?.[0].gain.kind).toBe('broken');
    expect(new Set(report.top?.map((t) => t.first.id)).size).toBe(report.top?.length);
    expect(AnalysisReport.parse(report).top).toEqual(report.top);
  });

  it('name an untitled object by its type and its sheet', () => {
    const s = app()
      .table('Orders', { rows: 10, fields: ['Amount'] })
      .sheet({ id: 's1', title: 'Sales overview' })
      .barchart({ id: 'KnASd', measure: { def: 'Sum([Gone])' } })
      .build();
    const result = analyse(s);
    const report = reportFromAnalysis(result, { ...meta, top: topFindingsOf(result, s) });
    const broken = report.top?.find((t) => t.first.target?.id === 'KnASd');
    expect(broken?.firstName).toBe('Bar chart on Sales overview');
  });
});
