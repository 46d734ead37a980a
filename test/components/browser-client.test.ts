// The real pages' client: its requests go through the schemas loaded after the first render, so a
// malformed answer is refused there too (the view tests use FakeClient and never reach this).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBrowserClient } from '../../components/models/browser-client';
import { DEFAULT_SETTINGS } from '../../lib/protocol/settings';

describe('createBrowserClient', () => {
  beforeEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });

  it('sends the tab messages validated and refuses an answer that breaks its schema', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const client = createBrowserClient('');
    spy.mockResolvedValueOnce({ ok: true, value: { kind: 'not-qlik', tabId: 3 } } as never);
    await expect(client.getTabState(3)).resolves.toEqual({ kind: 'not-qlik', tabId: 3 });
    expect(spy).toHaveBeenLastCalledWith({ type: 'get-tab-state', tabId: 3 });

    spy.mockResolvedValueOnce({ ok: true, value: { kind: 'qlik-app', tabId: 3 } } as never);
    await expect(client.getTabState(3)).rejects.toMatchObject({ code: 'bad-reply' });

    spy.mockResolvedValueOnce({ ok: true, value: { cancelled: 'yes' } } as never);
    await expect(client.cancelAnalysis(3)).rejects.toMatchObject({ code: 'bad-reply' });

    await expect(client.getTabState(-1)).rejects.toThrow();
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('sends the stored messages validated too', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const client = createBrowserClient('');
    spy.mockResolvedValueOnce({ ok: true, value: DEFAULT_SETTINGS } as never);
    await expect(client.getSettings()).resolves.toEqual(DEFAULT_SETTINGS);
    expect(spy).toHaveBeenLastCalledWith({ type: 'get-settings' });

    spy.mockResolvedValueOnce({ ok: true, value: { 'analysis.rules.X99': 7 } } as never);
    await expect(client.checkRuleConfig(undefined)).rejects.toMatchObject({ code: 'bad-reply' });
    expect(spy).toHaveBeenLastCalledWith({ type: 'check-rule-config' });
  });

  it('passes on only valid events, and none once stopped', async () => {
    const client = createBrowserClient('?tabId=4');
    const seen = vi.fn();
    const stop = client.onEvent(seen);
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
    await vi.waitFor(async () => {
      await trigger({ type: 'tab-state-changed', tabId: 4 }, {});
      expect(seen).toHaveBeenCalledWith({ type: 'tab-state-changed', tabId: 4 });
    });
    seen.mockClear();
    await trigger({ type: 'tab-state-changed', tabId: 'four' }, {});
    expect(seen).not.toHaveBeenCalled();
    stop();
    await trigger({ type: 'tab-state-changed', tabId: 4 }, {});
    expect(seen).not.toHaveBeenCalled();
  });
});
