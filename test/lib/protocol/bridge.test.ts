import { describe, expect, it } from 'vitest';
import {
  BRIDGE_TAG,
  BridgeCommand,
  FromRelay,
  MAX_FRAME_CHARS,
  SameOriginPath,
  ToRelay,
  encodeForPage,
  isSameOriginSocketUrl,
  parsePageMessage,
} from '@/lib/protocol/bridge';

const CHANNEL = 'abcdefghijklmnopqrstuvwx';
const envelope = (msg: unknown, overrides: Record<string, unknown> = {}) =>
  JSON.stringify({ tag: BRIDGE_TAG, channel: CHANNEL, dir: 'from-page', msg, ...overrides });

describe('parsePageMessage', () => {
  it('accepts well-formed events on our channel', () => {
    expect(parsePageMessage(envelope({ type: 'ready' }), CHANNEL)).toEqual({ type: 'ready' });
    expect(parsePageMessage(envelope({ type: 'ws-message', socketId: 's1', data: '{"id":1}' }), CHANNEL)).toEqual({
      type: 'ws-message',
      socketId: 's1',
      data: '{"id":1}',
    });
    expect(
      parsePageMessage(envelope({ type: 'fetch-response', requestId: 'r1', status: 204, statusText: 'No Content', headers: [['qlik-csrf-token', 't']], body: '' }), CHANNEL),
    ).toMatchObject({ status: 204 });
  });

  const hostile: [string, unknown][] = [
    ['an object instead of a JSON string', { tag: BRIDGE_TAG, channel: CHANNEL, dir: 'from-page', msg: { type: 'ready' } }],
    ['not JSON', '{"tag":'],
    ['a number', 42],
    ['null', null],
    ['JSON null', 'null'],
    ['another tag', envelope({ type: 'ready' }, { tag: 'qlarity-bridge/0' })],
    ['another channel', envelope({ type: 'ready' }, { channel: 'zzzzzzzzzzzzzzzzzzzzzzzz' })],
    ['our own command echo', envelope({ type: 'ready' }, { dir: 'to-page' })],
    ['an unknown event type', envelope({ type: 'eval', code: 'alert(1)' })],
    ['a command posing as an event', envelope({ type: 'ws-open', socketId: 's', url: 'wss://x' })],
    ['a socket id with odd characters', envelope({ type: 'ws-opened', socketId: '../../x' })],
    ['a non-string frame', envelope({ type: 'ws-message', socketId: 's1', data: { toString: 1 } })],
    ['a close code out of range', envelope({ type: 'ws-closed', socketId: 's1', code: 70000, reason: '', wasClean: true })],
    ['a fractional status', envelope({ type: 'fetch-response', requestId: 'r', status: 200.5, statusText: '', headers: [], body: '' })],
    ['status 0', envelope({ type: 'fetch-response', requestId: 'r', status: 0, statusText: '', headers: [], body: '' })],
    ['a header with CRLF in the name', envelope({ type: 'fetch-response', requestId: 'r', status: 200, statusText: '', headers: [['a\r\nb', 'c']], body: '' })],
    ['a prototype-polluting key', '{"tag":"qlarity-bridge/1","channel":"abcdefghijklmnopqrstuvwx","dir":"from-page","msg":{"type":"ready","__proto__":{"polluted":true}}}'],
    ['an oversized frame', envelope({ type: 'ws-message', socketId: 's1', data: 'x'.repeat(MAX_FRAME_CHARS + 1) })],
  ];
  it.each(hostile)('drops %s', (_name, raw) => {
    const parsed = parsePageMessage(raw, CHANNEL);
    if (_name === 'a prototype-polluting key') {
      // JSON.parse makes __proto__ an own key; zod strips unknown keys, nothing is polluted
      expect(parsed).toEqual({ type: 'ready' });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    } else expect(parsed).toBeNull();
  });
});

describe('commands', () => {
  it('round-trip through the page envelope', () => {
    const command = { type: 'ws-send', socketId: 's1', data: 'x' } as const;
    const json = JSON.parse(encodeForPage(CHANNEL, command));
    expect(json).toEqual({ tag: BRIDGE_TAG, channel: CHANNEL, dir: 'to-page', msg: command });
  });

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
    expect(ToRelay.safeParse({ type: 'relay-init', channel: 'short' }).success).toBe(false);
    expect(ToRelay.safeParse({ type: 'relay-init', channel: CHANNEL }).success).toBe(true);
    expect(FromRelay.safeParse({ type: 'relay-event', event: { type: 'nope' } }).success).toBe(false);
  });
});

describe('isSameOriginSocketUrl', () => {
  it.each([
    ['wss://acme.eu.qlikcloud.com/app/x', 'https://acme.eu.qlikcloud.com', true],
    ['wss://acme.eu.qlikcloud.com:443/app/x', 'https://acme.eu.qlikcloud.com', true],
    ['ws://localhost:4848/app/x', 'http://localhost:4848', true],
    ['ws://acme.eu.qlikcloud.com/app/x', 'https://acme.eu.qlikcloud.com', false],
    ['wss://other.eu.qlikcloud.com/app/x', 'https://acme.eu.qlikcloud.com', false],
    ['wss://acme.eu.qlikcloud.com:8443/app/x', 'https://acme.eu.qlikcloud.com', false],
    ['wss://user:pw@acme.eu.qlikcloud.com/app/x', 'https://acme.eu.qlikcloud.com', false],
    ['https://acme.eu.qlikcloud.com/app/x', 'https://acme.eu.qlikcloud.com', false],
    ['not a url', 'https://acme.eu.qlikcloud.com', false],
  ])('%s on %s → %s', (url, origin, expected) => expect(isSameOriginSocketUrl(url, origin)).toBe(expected));
});
