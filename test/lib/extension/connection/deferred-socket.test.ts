import { describe, expect, it } from 'vitest';
import { deferredSocket } from '../../../../lib/extension/connection/deferred-socket';
import type { BrowserSocketLike } from '../../../../lib/extension/bridge/types';

class Inner implements BrowserSocketLike {
  readonly CONNECTING = 0 as const;
  readonly OPEN = 1 as const;
  readonly CLOSING = 2 as const;
  readonly CLOSED = 3 as const;
  readyState: 0 | 1 | 2 | 3 = 0;
  sent: string[] = [];
  onopen: BrowserSocketLike['onopen'] = null;
  onmessage: BrowserSocketLike['onmessage'] = null;
  onerror: BrowserSocketLike['onerror'] = null;
  onclose: BrowserSocketLike['onclose'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close(code = 1000, reason = '') {
    this.readyState = 3;
    this.onclose?.({ type: 'close', code, reason, wasClean: true });
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function watch(socket: BrowserSocketLike) {
  const log: string[] = [];
  socket.onopen = () => log.push('open');
  socket.onmessage = (e) => log.push(`msg:${e.data}`);
  socket.onerror = (e) => log.push(`error:${(e as { message?: string }).message ?? ''}`);
  socket.onclose = (e) => log.push(`close:${e.code}:${e.reason}`);
  return log;
}

describe('deferredSocket', () => {
  it('opens the real socket on the prepared URL and forwards everything', async () => {
    let inner: Inner | undefined;
    let closedHook = 0;
    const socket = deferredSocket('wss://h/app/a', async () => 'wss://h/app/a?qlik-csrf-token=t', (url) => (inner = new Inner(url)), () => closedHook++);
    const log = watch(socket);
    expect(socket.readyState).toBe(0);
    expect(() => socket.send('x')).toThrow(/connecting/);
    await flush();
    expect(inner?.url).toBe('wss://h/app/a?qlik-csrf-token=t');
    inner!.readyState = 1;
    inner!.onopen?.({ type: 'open' });
    expect(socket.readyState).toBe(1);
    expect(socket.everOpened).toBe(true);
    socket.send('hello');
    inner!.onmessage?.({ type: 'message', data: 'world' });
    socket.close(1000, 'bye');
    expect(inner!.sent).toEqual(['hello']);
    expect(log).toEqual(['open', 'msg:world', 'close:1000:bye']);
    expect(socket.readyState).toBe(3);
    expect(closedHook).toBe(1);
  });

  it('reports a failed preparation as error + close, keeping the error', async () => {
    const failure = new Error('not signed in');
    let opened = false;
    const socket = deferredSocket('wss://h/app/a', async () => Promise.reject(failure), (url) => ((opened = true), new Inner(url)));
    const log = watch(socket);
    await flush();
    expect(opened).toBe(false);
    expect(log).toEqual(['error:not signed in', 'close:1006:not signed in']);
    expect(socket.prepareError).toBe(failure);
    expect(socket.everOpened).toBe(false);
  });

  it('closed before the real socket exists: never opens it', async () => {
    let opened = false;
    const socket = deferredSocket('wss://h/app/a', async () => 'wss://h/x', (url) => ((opened = true), new Inner(url)));
    const log = watch(socket);
    socket.close(1000, 'cancelled');
    await flush();
    expect(opened).toBe(false);
    expect(log).toEqual(['close:1000:cancelled']);
  });
});
