import { describe, expect, it, vi } from 'vitest';
import type { AnalysisSteps } from '../../../lib/extension/analysis';
import { createRunRegistry } from '../../../lib/extension/runs';
import type { AnalysisReport } from '../../../lib/report/report-schema';
import type { AnalysisRun } from '../../../lib/protocol/run';
import { DEFAULT_SETTINGS } from '../../../lib/protocol/settings';
import { analysisResult, demoApp } from '../protocol/report-fixtures';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function setup(stepOverrides: Partial<AnalysisSteps<string, string>> = {}) {
  const changes: AnalysisRun[] = [];
  const saved: AnalysisReport[] = [];
  const steps: AnalysisSteps<string, string> = {
    connect: async () => 'conn',
    collect: async () => 'snap',
    analyse: () => analysisResult([]),
    disconnect: vi.fn(),
    ...stepOverrides,
  };
  let n = 0;
  const registry = createRunRegistry({
    steps,
    loadSettings: async () => DEFAULT_SETTINGS,
    saveResult: async ({ report }) => void saved.push(report),
    onChange: (_tabId, run) => changes.push(run),
    newRunId: () => `run-${++n}`,
    now: () => 1_000,
  });
  return { registry, changes, saved, steps };
}

describe('run registry', () => {
  it('runs to done, saves the report and tells every change', async () => {
    const { registry, changes, saved } = setup();
    const run = registry.start(3, demoApp);
    expect(run).toMatchObject({ runId: 'run-1', phase: 'connecting' });
    await registry.settled(3);
    expect(changes.map((c) => c.phase)).toEqual(['connecting', 'connecting', 'collecting', 'analysing', 'done']);
    expect(saved).toHaveLength(1);
    expect(registry.current(3)).toMatchObject({ phase: 'done', finishedAt: 1_000 });
  });

  it('reports a failure with its message', async () => {
    const { registry } = setup({
      connect: async () => {
        throw Object.assign(new Error('Not signed in to demo.eu.qlikcloud.com.'), { code: 'not-signed-in' });
      },
    });
    registry.start(3, demoApp);
    await registry.settled(3);
    expect(registry.current(3)).toMatchObject({ phase: 'failed', error: { code: 'not-signed-in', message: 'Not signed in to demo.eu.qlikcloud.com.' } });
  });

  it('joins the run already going for the same app instead of starting a second', () => {
    const gate = deferred<string>();
    const { registry } = setup({ connect: () => gate.promise });
    const first = registry.start(3, demoApp);
    expect(registry.start(3, demoApp).runId).toBe(first.runId);
    gate.resolve('conn');
  });

  it('cancel ends the run at once, saves nothing, and still closes the connection', async () => {
    const gate = deferred<string>();
    const { registry, saved, changes, steps } = setup({ collect: () => gate.promise });
    registry.start(3, demoApp);
    await vi.waitFor(() => expect(registry.current(3)?.phase).toBe('collecting'));
    expect(registry.cancel(3)).toBe(true);
    expect(registry.current(3)?.phase).toBe('cancelled');
    gate.resolve('snap'); // the step finishes late: its result must be dropped
    await registry.settled(3);
    expect(saved).toEqual([]);
    expect(changes.at(-1)?.phase).toBe('cancelled');
    expect(steps.disconnect).toHaveBeenCalledWith('conn');
    expect(registry.cancel(3)).toBe(false);
  });

  it('forget (tab closed) aborts the run and forgets it', async () => {
    const gate = deferred<string>();
    const { registry, saved } = setup({ connect: () => gate.promise });
    registry.start(3, demoApp);
    registry.forget(3);
    gate.resolve('conn');
    expect(registry.current(3)).toBeNull();
    await Promise.resolve();
    expect(saved).toEqual([]);
  });
});
