import { describe, expect, it } from 'vitest';
import { BridgeCommand, FromRelay, MAX_BATCH_FRAMES, SameOriginPath, ToRelay } from '../../../lib/protocol/bridge';

const NONCE = 'abcdefghijklmnopqrstuvwx';

describe('commands', () => {
  it('never carry credentials into the page', () => {
    for (const name of ['Authorization', 'cookie', 'Proxy-Authorization']) {
      const parsed = BridgeCommand.safeParse({ type: 'fetch', requestId: 'r', path: '/api/v1/x', method: 'GET', headers: { [name]: 'x' } });
      expect(parsed.success, name).toBe(false);
    }
    expect(BridgeCommand.safeParse({ type: 'fetch', requestId: 'r', path: '/api/v1/x', method: 'GET', headers: { 'qlik-csrf-token': 't' } }).success).toBe(true);
  });

  it('only take paths on the tab origin', () => {
    for (const path of ['/api/v1/users/me', '/vp/qps/csrftoken?xrfkey=0123456789abcdef']) expect(SameOriginPath.safeParse(path).success, path).toBe(true);
    for (const path of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'api/v1', '/a b', '']) expect(SameOriginPath.safeParse(path).success, path).toBe(false);
  });

  it('limit close codes to what WebSocket.close accepts', () => {
    const close = (code: number) => BridgeCommand.safeParse({ type: 'ws-close', socketId: 's', code }).success;
    expect([close(1000), close(4000), close(1006), close(2999)]).toEqual([true, true, false, false]);
  });

  it('validate the Port messages', () => {
    expect(ToRelay.safeParse({ type: 'relay-init', nonce: 'short' }).success).toBe(false);
    expect(ToRelay.safeParse({ type: 'relay-init', nonce: NONCE }).success).toBe(true);
    expect(FromRelay.safeParse({ type: 'relay-failed', reason: 'stopped' }).success).toBe(true);
    expect(FromRelay.safeParse({ type: 'relay-events', events: [{ type: 'nope' }] }).success).toBe(false);
  });

  it('carry batches of at most MAX_BATCH_FRAMES frames, each checked', () => {
    const send = { type: 'ws-send', socketId: 's', data: '{}' };
    const commands = (list: unknown[]) => ToRelay.safeParse({ type: 'relay-commands', commands: list }).success;
    expect([commands([send]), commands(Array(MAX_BATCH_FRAMES).fill(send))]).toEqual([true, true]);
    expect(commands(Array(MAX_BATCH_FRAMES + 1).fill(send))).toBe(false);
    expect(commands([send, { type: 'fetch', requestId: 'r', path: '/x', method: 'GET', headers: { Cookie: 'c' } }])).toBe(false);
    const opened = { type: 'ws-opened', socketId: 's' };
    const events = (list: unknown[]) => FromRelay.safeParse({ type: 'relay-events', events: list }).success;
    expect([events([opened]), events(Array(MAX_BATCH_FRAMES).fill(opened))]).toEqual([true, true]);
    expect([events(Array(MAX_BATCH_FRAMES + 1).fill(opened)), events([opened, { ...opened, socketId: 'not an id' }])]).toEqual([false, false]);
  });
});
