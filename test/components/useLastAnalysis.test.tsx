// @vitest-environment happy-dom
// The side panel's last full analysis when the history answers late: a hide / show again or a load
// that answers after the panel moved to another app, or after a later request answered, changes nothing.
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLastAnalysis, type HistorySource, type LastAnalysis } from '../../components/useLastAnalysis';
import type { StoredAnalysis } from '../../lib/protocol/stored-analysis';
import { analysedSalesApp } from '../lib/report/fixtures';
import { act, mount } from './render';

afterEach(() => {
  document.body.innerHTML = '';
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const { result, snapshot } = analysedSalesApp();
const stored = (appKey: string, savedAt: number): StoredAnalysis => ({ appKey, result, snapshot, savedAt });
const A = 'https://a.example.com|app-a';
const B = 'https://b.example.com|app-b';

/** Renders the hook for `appKey`; `shown()` is what it returned last. */
async function probe(history: HistorySource, appKey: string, refreshKey = '') {
  let last: LastAnalysis | undefined;
  function Probe(props: { appKey: string; refreshKey: string }) {
    last = useLastAnalysis(history, props.appKey, props.refreshKey);
    return null;
  }
  const view = await mount(<Probe appKey={appKey} refreshKey={refreshKey} />);
  return {
    shown: () => last!,
    rerender: (next: { appKey: string; refreshKey: string }) => act(() => render(<Probe {...next} />, view.root)),
  };
}

const history = () => ({
  load: vi.fn<HistorySource['load']>(async (appKey) => stored(appKey, 1)),
  setHidden: vi.fn<HistorySource['setHidden']>(),
});

/** App A shown, a hide of one of its findings still waiting for its answer, then the panel moves to app B. */
async function hideThenMoveToAnotherApp() {
  const source = history();
  const view = await probe(source, A);
  await vi.waitFor(() => expect(view.shown().analysis?.appKey).toBe(A));
  const hidden = deferred<StoredAnalysis | null>();
  source.setHidden.mockReturnValueOnce(hidden.promise);
  await act(() => view.shown().setHidden(result.findings[0], true));
  await view.rerender({ appKey: B, refreshKey: '' });
  await vi.waitFor(() => expect(view.shown().analysis?.appKey).toBe(B));
  return { view, hidden };
}

describe('useLastAnalysis with late answers', () => {
  it('a hide that answers after the panel moved to another app does not replace that app’s analysis', async () => {
    const { view, hidden } = await hideThenMoveToAnotherApp();
    await act(async () => hidden.resolve(stored(A, 2)));
    expect(view.shown().analysis?.appKey).toBe(B);
  });

  it('a hide that fails after the panel moved to another app says nothing there', async () => {
    const { view, hidden } = await hideThenMoveToAnotherApp();
    await act(async () => hidden.reject(new Error('IndexedDB is closed')));
    expect(view.shown().error).toBeNull();
  });

  it('a reload that answers after a later hide does not bring back what the hide changed', async () => {
    const source = history();
    const view = await probe(source, A);
    await vi.waitFor(() => expect(view.shown().analysis?.savedAt).toBe(1));
    const reloaded = deferred<StoredAnalysis | null>();
    source.load.mockReturnValueOnce(reloaded.promise);
    await view.rerender({ appKey: A, refreshKey: 'run 2 done' });

    source.setHidden.mockResolvedValueOnce(stored(A, 3));
    await act(() => view.shown().setHidden(result.findings[0], true));
    await vi.waitFor(() => expect(view.shown().analysis?.savedAt).toBe(3));
    await act(async () => reloaded.resolve(stored(A, 2)));
    expect(view.shown().analysis?.savedAt).toBe(3);
  });
});
