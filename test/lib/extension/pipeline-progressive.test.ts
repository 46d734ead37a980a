// The pipeline's analyse step: one progressive analysis per run (lib/analyze/progressive.ts), so a
// report during the timing pass re-runs only what the pass changed, yet each result is the full
// analysis's, and a finding hidden while the run goes on is hidden in its next report.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AnalysisContext } from '../../../lib/extension/analysis';
import { createPipeline } from '../../../lib/extension/pipeline';
import { createProgressiveAnalysis } from '../../../lib/analyze/progressive';
import { setFindingHidden } from '../../../lib/extension/suppressions';
import { DEFAULT_SETTINGS } from '../../../lib/protocol/settings';
import { appKeyOf } from '../../../lib/extension/app-key';
import { analyse } from '../../../lib/rules/analyse';
import type { AnalysisResult } from '../../../lib/analyze/result';
import { app } from '../../fixtures/builders';
import { demoApp } from '../protocol/report-fixtures';

// the real progressive analysis, counted: one per run, not one per report
vi.mock('../../../lib/analyze/progressive', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../lib/analyze/progressive')>();
  return { ...original, createProgressiveAnalysis: vi.fn(original.createProgressiveAnalysis) };
});

const measured = app({ id: demoApp.appId, name: 'Sales' })
  .table('Sales', { rows: 100, fields: [{ name: 'Amount', byteSize: 400 }, { name: 'Unused', byteSize: 600 }] })
  .sheet({ id: 's1', title: 'Sheet' })
  .kpi({ id: 'k', title: 'KPI', measure: { def: 'Sum(Amount)' } })
  .app.timings([{ objectId: 'k', firstMs: 1_500, cachedMs: 10 }])
  .build();
// the inventory: the same app before the timing pass (no object timed yet)
const inventory = { ...measured, timings: measured.timings && { ...measured.timings, objects: [] } };

const comparable = (result: AnalysisResult) => ({ ...result, durationMs: 0, rules: result.rules.map((r) => ({ ...r, durationMs: 0 })) });
const runContext = (): AnalysisContext => ({ tabId: 1, app: demoApp, settings: DEFAULT_SETTINGS, signal: new AbortController().signal, startedAt: Date.parse('2026-12-07T10:00:00Z') });

describe('the pipeline analyses one run progressively', () => {
  beforeEach(() => fakeBrowser.reset());

  it('gives each report of a run what a full analysis gives, the timings included, and honours a finding hidden meanwhile', async () => {
    const pipeline = createPipeline();
    const run = runContext();
    const now = () => new Date(run.startedAt ?? 0);
    const first = await pipeline.analyse(inventory, run);
    expect(comparable(first)).toEqual(comparable(analyse(inventory, {}, { now })));
    expect(first.findings.some((f) => f.rule === 'P01')).toBe(false);

    const second = await pipeline.analyse(measured, run);
    expect(comparable(second)).toEqual(comparable(analyse(measured, {}, { now })));
    const slow = second.findings.find((f) => f.rule === 'P01');
    if (!slow) throw new Error('no P01 finding for the 1.5 s object');

    const unused = second.findings.find((f) => f.rule === 'R01');
    if (!unused) throw new Error('no R01 finding for the unused field');
    const suppressions = await setFindingHidden(appKeyOf(demoApp), unused, true);
    const third = await pipeline.analyse(measured, run);
    expect(third.findings.map((f) => f.id)).not.toContain(unused.id);
    expect(comparable(third)).toEqual(comparable(analyse(measured, { suppressions }, { now })));
  });

  it('keeps one progressive analysis per run: its reports share it, another run gets its own', async () => {
    const pipeline = createPipeline();
    const created = vi.mocked(createProgressiveAnalysis);
    created.mockClear();
    const run = runContext();
    await pipeline.analyse(inventory, run);
    await pipeline.analyse(measured, run);
    expect(created).toHaveBeenCalledTimes(1);
    await pipeline.analyse(measured, runContext());
    expect(created).toHaveBeenCalledTimes(2);
  });
});
