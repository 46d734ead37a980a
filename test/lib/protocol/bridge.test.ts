import { describe, expect, it } from 'vitest';
import { BridgeCommand, FromRelay, SameOriginPath, ToRelay } from '../../../lib/protocol/bridge';

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
    expect(FromRelay.safeParse({ type: 'relay-event', event: { type: 'nope' } }).success).toBe(false);
  });
});
