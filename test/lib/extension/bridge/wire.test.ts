import { describe, expect, it } from 'vitest';
import { BRIDGE_TAG, MAX_FRAME_CHARS } from '../../../../lib/protocol/bridge';
import { encodeCommand, handoffEventType, isSameOriginSocketUrl, parseBridgeFrame } from '../../../../lib/extension/bridge/wire';

const NONCE = 'abcdefghijklmnopqrstuvwx';
const frame = (msg: unknown) => JSON.stringify(msg);

describe('parseBridgeFrame', () => {
  it('accepts well-formed events', () => {
    expect(parseBridgeFrame(frame({ type: 'ready' }))).toEqual({ type: 'ready' });
    expect(parseBridgeFrame(frame({ type: 'ws-message', socketId: 's1', data: '{"id":1}' }))).toEqual({ type: 'ws-message', socketId: 's1', data: '{"id":1}' });
    expect(
      parseBridgeFrame(frame({ type: 'fetch-response', requestId: 'r1', status: 204, statusText: 'No Content', headers: [['qlik-csrf-token', 't']], body: '' })),
    ).toMatchObject({ status: 204 });
  });

  const hostile: [string, unknown][] = [
    ['an object instead of a JSON string', { type: 'ready' }],
    ['not JSON', '{"type":'],
    ['a number', 42],
    ['null', null],
    ['JSON null', 'null'],
    ['an unknown event type', frame({ type: 'eval', code: 'alert(1)' })],
    ['a command posing as an event', frame({ type: 'ws-open', socketId: 's', url: 'wss://x' })],
    ['a socket id with odd characters', frame({ type: 'ws-opened', socketId: '../../x' })],
    ['a non-string frame', frame({ type: 'ws-message', socketId: 's1', data: { toString: 1 } })],
    ['a close code out of range', frame({ type: 'ws-closed', socketId: 's1', code: 70000, reason: '', wasClean: true })],
    ['a fractional status', frame({ type: 'fetch-response', requestId: 'r', status: 200.5, statusText: '', headers: [], body: '' })],
    ['status 0', frame({ type: 'fetch-response', requestId: 'r', status: 0, statusText: '', headers: [], body: '' })],
    ['a header with CRLF in the name', frame({ type: 'fetch-response', requestId: 'r', status: 200, statusText: '', headers: [['a\r\nb', 'c']], body: '' })],
    ['a prototype-polluting key', '{"type":"ready","__proto__":{"polluted":true}}'],
    ['an oversized frame', frame({ type: 'ws-message', socketId: 's1', data: 'x'.repeat(MAX_FRAME_CHARS + 1) })],
  ];
  it.each(hostile)('drops %s', (name, raw) => {
    const parsed = parseBridgeFrame(raw);
    if (name === 'a prototype-polluting key') {
      // JSON.parse makes __proto__ an own key; zod strips unknown keys, nothing is polluted
      expect(parsed).toEqual({ type: 'ready' });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    } else expect(parsed).toBeNull();
  });
});

describe('the handoff event', () => {
  it('is named with the protocol tag and the nonce, so no page script can know it beforehand', () => {
    expect(handoffEventType(NONCE)).toBe(`${BRIDGE_TAG}:handoff:${NONCE}`);
    expect(handoffEventType(NONCE)).not.toBe(handoffEventType(`${NONCE}x`));
  });
});

describe('commands', () => {
  it('travel as JSON text', () => {
    const command = { type: 'ws-send', socketId: 's1', data: 'x' } as const;
    expect(JSON.parse(encodeCommand(command))).toEqual(command);
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
