// @vitest-environment happy-dom
// The popup during the timing pass (issue #20, progressive results): the stored partial report shows
// under the progress, reloads as sheets are measured, Skip timings is offered; the report's timing
// note says what was not measured, or that the pass is skipped, with the way to turn it back on.
import { afterEach, describe, expect, it } from 'vitest';
import { createTabModel } from '../../components/models/tab-model';
import { PopupView } from '../../components/PopupView';
import { timingNoteText } from '../../components/TimingNote';
import type { AnalysisRun } from '../../lib/protocol/run';
import { appKeyOf } from '../../lib/extension/app-key';
import { demoApp, finding, report } from '../lib/protocol/report-fixtures';
import { FakeClient } from './fake-client';
import { act, mount } from './render';

afterEach(() => {
  document.body.innerHTML = '';
});

const appKey = appKeyOf(demoApp);
const measuring = (reportAt: number, done: number): AnalysisRun => ({
  runId: 'r1',
  appKey,
  phase: 'measuring',
  startedAt: 1,
  reportAt,
  progress: { done, total: 10 },
  detail: `sheet ${done + 1} of 10`,
});

describe('the popup during the timing pass', () => {
  it('shows the findings so far under the progress, reloads them as sheets are measured, and offers Skip timings', async () => {
    const client = new FakeClient();
    client.tabState = { kind: 'qlik-app', tabId: 7, app: demoApp, run: null };
    const view = await mount(<PopupView model={createTabModel(client)} />);
    await view.until('Qlik app detected');

    client.lastResult = report([finding({ id: 'a', message: 'First error' })], { timings: { state: 'measuring', measuredSheets: 0, totalSheets: 10 } });
    await act(() => client.emit({ type: 'analysis-progress', tabId: 7, run: measuring(100, 0) }));
    await view.until('1 finding');
    expect(view.text()).toContain('Measuring calculation times… sheet 1 of 10');
    expect(view.text()).toContain('Calculation times: 0 of 10 sheets measured so far.');
    expect(view.root.querySelector('[data-testid="progress"]')).not.toBeNull();

    // a sheet later: the stored report grew, the popup reloads it
    client.lastResult = report([finding({ id: 'a', message: 'First error' }), finding({ id: 'b', severity: 'warning', message: 'Slow sheet' })], {
      timings: { state: 'measuring', measuredSheets: 4, totalSheets: 10 },
    });
    await act(() => client.emit({ type: 'analysis-progress', tabId: 7, run: measuring(200, 4) }));
    await view.until('2 findings');
    expect(view.text()).toContain('4 of 10 sheets measured so far');

    // progress without a new report does not reload
    const loads = client.getLastResult.mock.calls.length;
    await act(() => client.emit({ type: 'analysis-progress', tabId: 7, run: { ...measuring(200, 5), detail: 'sheet 6 of 10' } }));
    expect(client.getLastResult.mock.calls.length).toBe(loads);

    await view.click('Skip timings');
    expect(client.skipTimings).toHaveBeenCalledWith(7);
    await view.until('Timing pass skipped: this app is analysed without it until you turn it back on.');
  });

  it('a report whose timing pass was skipped says so and turns it back on for the app', async () => {
    const client = new FakeClient();
    client.tabState = { kind: 'qlik-app', tabId: 7, app: demoApp, run: null };
    client.lastResult = report([finding()], { timings: { state: 'skipped', measuredSheets: 0, totalSheets: 10 } });
    const view = await mount(<PopupView model={createTabModel(client)} />);
    await view.until('the timing pass is skipped for this app');
    await view.click('Measure timings next time');
    expect(client.setTimingsSkipped).toHaveBeenCalledWith(appKey, false);
    await view.until('The timing pass is on again');
    expect(() => view.button('Skip timings')).toThrow();
  });
});

describe('timingNoteText', () => {
  it('names the sheets not measured after a stop, and counts the rest', () => {
    expect(timingNoteText({ state: 'stopped', measuredSheets: 3, totalSheets: 10, notMeasured: ['Sales', 'Stock'] })).toBe(
      'Calculation times: 3 of 10 sheets measured; the timing pass was stopped. Not measured: Sales, Stock, and 5 more.',
    );
    expect(timingNoteText({ state: 'stopped', measuredSheets: 1, totalSheets: 2, notMeasured: ['Sales'] })).toBe(
      'Calculation times: 1 of 2 sheets measured; the timing pass was stopped. Not measured: Sales.',
    );
    expect(timingNoteText({ state: 'complete', measuredSheets: 2, totalSheets: 2 })).toBeNull();
  });
});
