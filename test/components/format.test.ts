import { describe, expect, it } from 'vitest';
import { canShowInApp, phaseLabel, progressFraction, targetLabel } from '../../components/format';
import { finding } from '../lib/protocol/report-fixtures';

describe('format helpers', () => {
  it('describes progress, determinate only when the total is known', () => {
    const run = { runId: 'r', appKey: 'k', startedAt: 1 };
    expect(progressFraction({ ...run, phase: 'collecting', progress: { done: 1, total: 4 } })).toBe(0.25);
    expect(progressFraction({ ...run, phase: 'collecting', progress: { done: 0, total: 0 } })).toBeUndefined();
    expect(phaseLabel({ ...run, phase: 'connecting', detail: 'to demo' })).toBe('Connecting to the app… to demo');
    expect(phaseLabel({ ...run, phase: 'done', detail: 'ignored' })).toBe('Analysis complete');
  });

  it('labels targets and knows which can be shown in the app', () => {
    expect(targetLabel(finding())).toBe('object “Margin KPI”');
    // an untitled object: its type in words, whether the result names it so or (saved by an earlier version) by code or id
    expect(targetLabel(finding({ target: { kind: 'object', id: 'KnASd', name: 'Bar chart' } }))).toBe('object “Bar chart”');
    expect(targetLabel(finding({ target: { kind: 'object', id: 'KnASd', name: 'barchart' } }))).toBe('object “Bar chart”');
    expect(targetLabel(finding({ target: { kind: 'master-object', id: '3217ea14-b491', name: '3217ea14-b491' } }))).toBe('master-object “Object in master items”');
    expect(targetLabel(finding({ target: { kind: 'field', id: 'Region', name: 'Region' } }))).toBe('field “Region”');
    expect(canShowInApp(finding())).toBe(true);
    expect(canShowInApp(finding({ target: { kind: 'field', id: 'F' } }))).toBe(false);
    expect(canShowInApp(finding({ target: { kind: 'sheet', id: 'S' } }))).toBe(true);
  });
});
