import { describe, expect, it, vi } from 'vitest';
import { runAnalysis, type AnalysisContext, type AnalysisSteps, type ProgressUpdate } from '../../../lib/extension/analysis';
import { DEFAULT_SETTINGS } from '../../../lib/protocol/settings';
import { analysisFinding, analysisResult, demoApp } from '../protocol/report-fixtures';

type Conn = { id: string };
type Snap = { objects: number };

function context(signal = new AbortController().signal): AnalysisContext {
  return { tabId: 5, app: demoApp, settings: DEFAULT_SETTINGS, signal };
}

function steps(overrides: Partial<AnalysisSteps<Conn, Snap>> = {}) {
  const log: string[] = [];
  const s: AnalysisSteps<Conn, Snap> = {
    connect: vi.fn(async () => {
      log.push('connect');
      return { id: 'c1' };
    }),
    collect: vi.fn(async (_conn, ctx) => {
      log.push('collect');
      ctx.onProgress(1, 2, 'sheet 1');
      ctx.onProgress(2, 2, 'sheet 2');
      return { objects: 2 };
    }),
    analyse: vi.fn(() => {
      log.push('analyse');
      return analysisResult([analysisFinding()]);
    }),
    disconnect: vi.fn(() => {
      log.push('disconnect');
    }),
    ...overrides,
  };
  return { s, log };
}

describe('runAnalysis', () => {
  it('puts the answer of the facts step (app memory, slowest object) into the report', async () => {
    const facts = vi.fn((snapshot: Snap) => ({ appMemoryBytes: snapshot.objects * 1024, slowestObject: { id: 'o', name: 'Slow', ms: 99 } }));
    const { s } = steps({ facts });
    const { report, result } = await runAnalysis(context(), s);
    expect(facts).toHaveBeenCalledWith({ objects: 2 }, result);
    expect(report.facts).toEqual({ appMemoryBytes: 2048, slowestObject: { id: 'o', name: 'Slow', ms: 99 } });
    expect((await runAnalysis(context(), steps().s)).report.facts).toBeUndefined();
  });

  it('puts the limitation step\'s answer (a REST-only run) into the report, and nothing when it has none', async () => {
    const limitation = vi.fn((snapshot: Snap) => (snapshot.objects === 2 ? 'Engine analysis needs another mode.' : undefined));
    expect((await runAnalysis(context(), steps({ limitation }).s)).report.limitation).toBe('Engine analysis needs another mode.');
    expect(limitation).toHaveBeenCalledWith({ objects: 2 });
    const none = await runAnalysis(context(), steps({ limitation: () => undefined }).s);
    expect(none.report).not.toHaveProperty('limitation');
  });

  it('connects, collects, analyses, disconnects, and reports progress in that order', async () => {
    const { s, log } = steps();
    const progress: ProgressUpdate[] = [];
    let t = 100;
    const { report, result, snapshot } = await runAnalysis(context(), s, { onProgress: (p) => progress.push(p), now: () => (t += 50) });
    expect(log).toEqual(['connect', 'collect', 'analyse', 'disconnect']);
    expect(progress.map((p) => p.phase)).toEqual(['connecting', 'collecting', 'collecting', 'collecting', 'analysing']);
    expect(progress[3]).toEqual({ phase: 'collecting', done: 2, total: 2, detail: 'sheet 2' });
    expect(report).toMatchObject({ appKey: `${demoApp.origin}|${demoApp.appId}`, startedAt: 150, finishedAt: 200, counts: { warning: 1 } });
    // the full result and the snapshot it came from travel with the report (for the side panel)
    expect(result.findings).toHaveLength(1);
    expect(snapshot).toEqual({ objects: 2 });
    expect(s.collect).toHaveBeenCalledWith({ id: 'c1' }, expect.objectContaining({ tabId: 5, app: demoApp }));
  });

  it('disconnects when collecting fails, and passes the failure on', async () => {
    const { s, log } = steps({
      collect: async () => {
        throw new Error('engine said LOCERR_GENERIC_ACCESS_DENIED');
      },
    });
    await expect(runAnalysis(context(), s)).rejects.toThrow('LOCERR_GENERIC_ACCESS_DENIED');
    expect(log).toEqual(['connect', 'disconnect']);
  });

  it('does not connect when already cancelled, and stops before analysing when cancelled mid-way', async () => {
    const before = new AbortController();
    before.abort();
    const first = steps();
    await expect(runAnalysis(context(before.signal), first.s)).rejects.toThrow();
    expect(first.log).toEqual([]);

    const midway = new AbortController();
    const second = steps({
      collect: async () => {
        midway.abort();
        return { objects: 0 };
      },
    });
    await expect(runAnalysis(context(midway.signal), second.s)).rejects.toMatchObject({ name: 'AbortError' });
    expect(second.s.analyse).not.toHaveBeenCalled();
    expect(second.s.disconnect).toHaveBeenCalledTimes(1);
  });

  it('a failure to disconnect does not hide the result', async () => {
    const { s } = steps({
      disconnect: () => {
        throw new Error('socket already closed');
      },
    });
    await expect(runAnalysis(context(), s)).resolves.toMatchObject({ report: { counts: { warning: 1 } } });
  });
});
