import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { broadcastEvent, handleRequest, isFromExtensionPage, listenForRequests, type Handlers, type Sender } from '../../../lib/extension/messaging';
import { onEvent, senderFor } from '../../../lib/extension/page-messaging';
import { QlarityError } from '../../../lib/extension/errors';
import { requests } from '../../../lib/protocol/messages';
import { DEFAULT_SETTINGS } from '../../../lib/protocol/settings';

const EXT = 'chrome-extension://abc/';
const fromPopup: Sender = { id: 'abc', url: `${EXT}popup.html` };
const trustAll = () => true;

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const fail = () => {
    throw new Error('not expected');
  };
  return {
    'get-tab-state': ({ tabId }) => ({ kind: 'not-qlik', tabId }),
    'start-analysis': fail,
    'cancel-analysis': () => ({ cancelled: false }),
    'skip-timings': () => ({ skipped: false }),
    'set-timings-skipped': ({ skipped }) => ({ skipped }),
    'get-last-result': () => null,
    'get-last-analysis': () => null,
    'list-analysed-apps': () => [],
    'show-in-app': fail,
    'log-in': fail,
    'get-settings': () => DEFAULT_SETTINGS,
    'set-settings': ({ settings }) => settings,
    'check-rule-config': () => ({}),
    ...overrides,
  };
}

describe('handleRequest', () => {
  it('dispatches a valid request to its handler and validates the answer', async () => {
    await expect(handleRequest(handlers(), { type: 'get-tab-state', tabId: 4 }, fromPopup, trustAll)).resolves.toEqual({
      ok: true,
      value: { kind: 'not-qlik', tabId: 4 },
    });
  });

  it('refuses unknown and malformed requests with a clear message, without calling a handler', async () => {
    const spy = vi.fn();
    const h = handlers({ 'get-tab-state': spy });
    await expect(handleRequest(h, { type: 'format-disk' }, fromPopup, trustAll)).resolves.toEqual({
      ok: false,
      error: { code: 'bad-request', message: 'Unknown request type "format-disk".' },
    });
    await expect(handleRequest(h, { type: 'get-tab-state', tabId: 'x' }, fromPopup, trustAll)).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: 'Malformed get-tab-state request.' },
    });
    // a name every object inherits is no request type either
    await expect(handleRequest(h, { type: 'toString' }, fromPopup, trustAll)).resolves.toEqual({
      ok: false,
      error: { code: 'bad-request', message: 'Unknown request type "toString".' },
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses untrusted senders', async () => {
    await expect(handleRequest(handlers(), { type: 'get-settings' }, fromPopup, () => false)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('turns a handler error, or an answer that breaks its schema, into an error reply', async () => {
    const h = handlers({
      'start-analysis': () => {
        throw new QlarityError('not-an-app', 'The tab does not show a Qlik app.');
      },
      'cancel-analysis': () => ({ cancelled: 'maybe' }) as never,
    });
    await expect(handleRequest(h, { type: 'start-analysis', tabId: 1 }, fromPopup, trustAll)).resolves.toEqual({
      ok: false,
      error: { code: 'not-an-app', message: 'The tab does not show a Qlik app.' },
    });
    await expect(handleRequest(h, { type: 'cancel-analysis', tabId: 1 }, fromPopup, trustAll)).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('isFromExtensionPage', () => {
  it('trusts our own pages only, never content scripts or other extensions', () => {
    expect(isFromExtensionPage(fromPopup, 'abc', EXT)).toBe(true);
    // the popup opened as a tab
    expect(isFromExtensionPage({ ...fromPopup, tab: { id: 9 } as Sender['tab'] }, 'abc', EXT)).toBe(true);
    expect(isFromExtensionPage({ id: 'abc', url: 'https://demo.eu.qlikcloud.com/sense/app/1', tab: { id: 3 } as Sender['tab'] }, 'abc', EXT)).toBe(false);
    expect(isFromExtensionPage({ id: 'other', url: 'chrome-extension://other/popup.html' }, 'abc', EXT)).toBe(false);
    expect(isFromExtensionPage({ id: 'abc' }, 'abc', EXT)).toBe(false);
  });
});

describe('wiring through browser.runtime', () => {
  beforeEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });

  it('listenForRequests answers our requests through sendResponse and ignores other messages', async () => {
    listenForRequests(handlers());
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
    const sendResponse = vi.fn();
    const sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
    const [keepOpen] = await trigger({ type: 'get-settings' }, sender, sendResponse);
    expect(keepOpen).toBe(true);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledWith({ ok: true, value: DEFAULT_SETTINGS }));

    const other = vi.fn();
    const [ignored] = await trigger({ type: 'bridge-ready' }, sender, other);
    expect(ignored).toBe(false);
    expect(other).not.toHaveBeenCalled();
  });

  it('listenForRequests refuses a request from a content script', async () => {
    listenForRequests(handlers());
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
    const sendResponse = vi.fn();
    await trigger({ type: 'get-settings' }, { id: fakeBrowser.runtime.id, url: 'https://evil.example/', tab: { id: 1 } }, sendResponse);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledWith(expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) })));
  });

  const sendMessage = senderFor(requests);

  it('sendMessage returns the validated value, and throws the background’s error', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    spy.mockResolvedValueOnce({ ok: true, value: { cancelled: true } } as never);
    await expect(sendMessage('cancel-analysis', { tabId: 2 })).resolves.toEqual({ cancelled: true });
    expect(spy).toHaveBeenCalledWith({ type: 'cancel-analysis', tabId: 2 });

    spy.mockResolvedValueOnce({ ok: false, error: { code: 'not-an-app', message: 'No app here.' } } as never);
    await expect(sendMessage('start-analysis', { tabId: 2 })).rejects.toMatchObject({ code: 'not-an-app', message: 'No app here.' });

    spy.mockResolvedValueOnce({ nonsense: true } as never);
    await expect(sendMessage('get-settings', {})).rejects.toMatchObject({ code: 'bad-reply' });
  });

  it('sendMessage refuses to send a malformed request', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    await expect(sendMessage('get-tab-state', { tabId: -5 })).rejects.toThrow();
    expect(spy).not.toHaveBeenCalled();
  });

  it('broadcastEvent is quiet when no page listens; onEvent passes only valid events', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'));
    await expect(broadcastEvent({ type: 'tab-state-changed', tabId: 1 })).resolves.toBeUndefined();

    const seen = vi.fn();
    onEvent(seen);
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
    await trigger({ type: 'tab-state-changed', tabId: 9 }, {});
    await trigger({ type: 'tab-state-changed', tabId: 'nine' }, {});
    expect(seen).toHaveBeenCalledTimes(1);
    expect(seen).toHaveBeenCalledWith({ type: 'tab-state-changed', tabId: 9 });
  });
});
