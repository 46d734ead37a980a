// The content relay: it takes the page bridge's private port once, in the handoff event of its own
// nonce, and checks and bounds everything that comes back over it.
import { afterEach, describe, expect, it } from 'vitest';
import { serveRelay } from '../../../../lib/extension/bridge/relay';
import { FRAME_LIMITS, type FrameLimits, type FromRelay } from '../../../../lib/protocol/bridge';
import { handoffEventType } from '../../../../lib/extension/bridge/wire';
import { FakeMessageEvent, closeChannels, fakePage, portPair, settle, type FakePage } from './fakes';

const ORIGIN = 'https://acme.eu.qlikcloud.com';
const NONCE = 'Zm9vYmFyYmF6cXV4cXV1eHh4eA';
const pages: FakePage[] = [];

afterEach(() => {
  for (const page of pages.splice(0)) closeChannels(page);
});

async function started(options: { limits?: Partial<FrameLimits>; now?: () => number } = {}) {
  const page = fakePage(ORIGIN);
  pages.push(page);
  const [background, content] = portPair();
  const received: FromRelay[] = [];
  background.onMessage.addListener((m) => void received.push(m as FromRelay));
  const relay = serveRelay(content, page, { limits: { ...FRAME_LIMITS, ...options.limits }, ...(options.now ? { now: options.now } : {}) });
  background.postMessage({ type: 'relay-init', nonce: NONCE });
  await settle();
  /** what the page bridge does at injection: hand over one end of a channel; returns the other end and what reaches it */
  const handoff = (type = handoffEventType(NONCE)) => {
    const channel = new page.MessageChannel();
    /** what reaches the page bridge: each message an array of JSON commands */
    const batches: unknown[][] = [];
    const commands: unknown[] = [];
    channel.port1.onmessage = (event) => {
      const batch = (event.data as string[]).map((text) => JSON.parse(text) as unknown);
      batches.push(batch);
      commands.push(...batch);
    };
    const taken = !page.dispatchEvent(new FakeMessageEvent(type, { ports: [channel.port2], cancelable: true }));
    /** frames as the page bridge sends them: several in one message */
    const sendBatch = (frames: unknown[]) => channel.port1.postMessage(frames.map((frame) => JSON.stringify(frame)));
    return { bridge: channel.port1, taken, batches, commands, send: (event: unknown) => sendBatch([event]), sendBatch };
  };
  const events = () => received.flatMap((m) => (m.type === 'relay-events' ? m.events : []));
  const commands = (list: unknown[]) => background.postMessage({ type: 'relay-commands', commands: list });
  const command = (cmd: unknown) => commands([cmd]);
  return { page, background, content, received, relay, handoff, events, command, commands };
}

describe('content relay', () => {
  it('announces itself with the tab origin once initialised, listening only for its own handoff', async () => {
    const { received, page } = await started();
    expect(received).toEqual([{ type: 'relay-ready', origin: ORIGIN }]);
    expect(page.listenerCount()).toBe(1);
    expect(page.posted).toEqual([]);
  });

  it('ignores Ports with another name', async () => {
    const page = fakePage(ORIGIN);
    const [background, content] = portPair('something-else');
    const received: unknown[] = [];
    background.onMessage.addListener((m) => void received.push(m));
    serveRelay(content, page);
    background.postMessage({ type: 'relay-init', nonce: NONCE });
    await settle();
    expect(received).toEqual([]);
    expect(page.listenerCount()).toBe(0);
  });

  it('takes the handoff once, only in the event of its nonce, only with exactly one port', async () => {
    const { page, handoff } = await started();
    expect(handoff(handoffEventType('AAAAAAAAAAAAAAAAAAAAAAAAAAAA')).taken).toBe(false); // another nonce: not heard
    const twoPorts = new page.MessageChannel();
    expect(page.dispatchEvent(new FakeMessageEvent(handoffEventType(NONCE), { ports: [twoPorts.port1, twoPorts.port2], cancelable: true }))).toBe(true);
    expect(page.dispatchEvent(new FakeMessageEvent(handoffEventType(NONCE), { cancelable: true }))).toBe(true); // no port
    expect(handoff().taken).toBe(true);
    expect(page.listenerCount()).toBe(0); // it stops listening at once
    expect(handoff().taken).toBe(false); // a second handoff (a page script that learnt the type) is not taken
  });

  it('refuses commands until the page bridge handed over its port', async () => {
    const { received, command } = await started();
    command({ type: 'fetch', requestId: 'r1', path: '/api/v1/users/me', method: 'GET', headers: {} });
    await settle();
    expect(received.at(-1)).toEqual({ type: 'relay-refused', command: 'fetch', id: 'r1', reason: 'The page bridge is not connected.' });
  });

  it('sends commands only over the private port, never with window.postMessage', async () => {
    const { page, handoff, command } = await started();
    const { commands } = handoff();
    command({ type: 'ws-open', socketId: 's1', url: 'wss://acme.eu.qlikcloud.com/app/A' });
    await settle();
    expect(commands).toEqual([{ type: 'ws-open', socketId: 's1', url: 'wss://acme.eu.qlikcloud.com/app/A' }]);
    expect(page.posted).toEqual([]);
  });

  it('forwards only events for sockets and requests the background opened', async () => {
    const { handoff, command, events, relay } = await started();
    const { send } = handoff();
    command({ type: 'ws-open', socketId: 's1', url: 'wss://acme.eu.qlikcloud.com/app/A' });
    await settle();
    send({ type: 'ws-opened', socketId: 's1' });
    send({ type: 'ws-message', socketId: 's2', data: '{"jsonrpc":"2.0","method":"OnConnected"}' }); // unknown socket
    send({ type: 'fetch-response', requestId: 'r9', status: 200, statusText: '', headers: [], body: 'forged' }); // unknown request
    send({ type: 'ws-message', socketId: 's1', data: '{"jsonrpc":"2.0","method":"OnConnected","params":{"qSessionState":"SESSION_CREATED"}}' });
    send({ type: 'ws-closed', socketId: 's1', code: 1000, reason: '', wasClean: true });
    send({ type: 'ws-closed', socketId: 's1', code: 4203, reason: 'forged second close', wasClean: false });
    send({ type: 'ws-message', socketId: 's1', data: '{"jsonrpc":"2.0","method":"OnConnected"}' }); // after close
    await settle();
    expect(events()).toEqual([
      { type: 'ws-opened', socketId: 's1' },
      { type: 'ws-message', socketId: 's1', data: '{"jsonrpc":"2.0","method":"OnConnected","params":{"qSessionState":"SESSION_CREATED"}}' },
      { type: 'ws-closed', socketId: 's1', code: 1000, reason: '', wasClean: true },
    ]);
    expect(relay.stats.dropped).toBe(4);
  });

  it('passes an engine answer only for a request that was sent, and only once', async () => {
    const { handoff, command, events } = await started();
    const { send } = handoff();
    command({ type: 'ws-open', socketId: 's1', url: 'wss://acme.eu.qlikcloud.com/app/A' });
    command({ type: 'ws-send', socketId: 's1', data: '{"jsonrpc":"2.0","id":1,"method":"OpenDoc","handle":-1,"params":["A"]}' });
    await settle();
    send({ type: 'ws-message', socketId: 's1', data: '{"jsonrpc":"2.0","id":7,"result":{"forged":true}}' }); // never asked
    send({ type: 'ws-message', socketId: 's1', data: '{"jsonrpc":"2.0","id":1,"result":{"qReturn":{"qHandle":1}}}' });
    send({ type: 'ws-message', socketId: 's1', data: '{"jsonrpc":"2.0","id":1,"result":{"replayed":true}}' }); // answered already
    send({ type: 'ws-message', socketId: 's1', data: 'not json' });
    await settle();
    expect(events().filter((e) => e.type === 'ws-message')).toEqual([{ type: 'ws-message', socketId: 's1', data: '{"jsonrpc":"2.0","id":1,"result":{"qReturn":{"qHandle":1}}}' }]);
  });

  it('drops malformed frames: objects, non-JSON, unknown types, wrong field types, commands posing as events', async () => {
    const { handoff, command, events, relay, received } = await started();
    const { bridge, send } = handoff();
    command({ type: 'ws-open', socketId: 's1', url: 'wss://acme.eu.qlikcloud.com/app/A' });
    await settle();
    bridge.postMessage({ type: 'ws-opened', socketId: 's1' }); // an object, not a JSON string
    bridge.postMessage('{"type":');
    send({ type: 'eval', code: 'alert(1)' });
    send({ type: 'ws-opened' });
    send({ type: 'ws-message', socketId: 's1', data: 5 });
    send({ type: 'ws-open', socketId: 's1', url: 'wss://x' });
    await settle();
    expect(events()).toEqual([]);
    expect(relay.stats.dropped).toBe(6);
    expect(received.some((m) => m.type === 'relay-failed')).toBe(false);
  });

  it('stops the bridge when the page sends frames faster than the bound, and closes the private port', async () => {
    let clock = 0;
    const { handoff, received, page } = await started({ limits: { frameBurst: 5, framesPerSecond: 10 }, now: () => clock });
    const { send, commands } = handoff();
    for (let i = 0; i < 5; i++) send({ type: 'ready' }); // within the burst (dropped after the first: not expected twice)
    await settle();
    expect(received.some((m) => m.type === 'relay-failed')).toBe(false);
    clock += 100; // one more frame's worth
    send({ type: 'ready' });
    send({ type: 'ready' });
    await settle();
    const failure = received.find((m) => m.type === 'relay-failed');
    expect(failure).toEqual({ type: 'relay-failed', reason: 'Qlarity stopped the in-tab bridge: the Qlik page sent more than 10 frames per second.' });
    expect(commands).toEqual([{ type: 'dispose' }]);
    send({ type: 'ready' }); // after the stop nothing is read
    await settle();
    expect(received.filter((m) => m.type === 'relay-failed')).toHaveLength(1);
    expect(page.listenerCount()).toBe(0);
  });

  it('stops the bridge on an oversized frame, too many frames in all, or too many engine frames that answer nothing', async () => {
    const tooBig = await started({ limits: { maxFrameChars: 100 } });
    tooBig.handoff().send({ type: 'ready', padding: 'x'.repeat(200) });
    await settle();
    expect(tooBig.received.at(-1)).toMatchObject({ type: 'relay-failed', reason: expect.stringContaining('at most 100') });

    const tooMany = await started({ limits: { maxFrames: 3 } });
    const many = tooMany.handoff();
    for (let i = 0; i < 4; i++) many.send({ type: 'ready' });
    await settle();
    expect(tooMany.received.at(-1)).toMatchObject({ type: 'relay-failed', reason: expect.stringContaining('more than 3 frames') });

    const pushes = await started({ limits: { enginePushAllowance: 2 } });
    const engine = pushes.handoff();
    pushes.command({ type: 'ws-open', socketId: 's1', url: 'wss://acme.eu.qlikcloud.com/app/A' });
    await settle();
    for (let i = 0; i < 3; i++) engine.send({ type: 'ws-message', socketId: 's1', data: '{"jsonrpc":"2.0","method":"OnFlood"}' });
    await settle();
    expect(pushes.events()).toHaveLength(2);
    expect(pushes.received.at(-1)).toMatchObject({ type: 'relay-failed', reason: expect.stringContaining('answer no request') });
  });

  describe('batches (what one task produced travels as one message)', () => {
    const OPEN = { type: 'ws-open', socketId: 's1', url: 'wss://acme.eu.qlikcloud.com/app/A' };
    const request = (id: number) => ({ type: 'ws-send', socketId: 's1', data: `{"jsonrpc":"2.0","id":${id},"method":"GetLayout","handle":1,"params":[]}` });
    const answer = (id: number) => ({ type: 'ws-message', socketId: 's1', data: `{"jsonrpc":"2.0","id":${id},"result":{}}` });
    const failures = (received: FromRelay[]) => received.filter((m) => m.type === 'relay-failed');

    it('passes a batch of commands into the page as one message, refusing the bad ones one by one', async () => {
      const { handoff, commands, received } = await started();
      const { batches } = handoff();
      commands([OPEN, request(1), { ...OPEN, socketId: 's2', url: 'wss://evil.example/app/A' }, request(2)]);
      await settle();
      expect(batches).toEqual([[OPEN, request(1), request(2)]]);
      expect(received.filter((m) => m.type === 'relay-refused')).toEqual([
        { type: 'relay-refused', command: 'ws-open', id: 's2', reason: "The engine address is not on this tab's origin." },
      ]);
    });

    it('forwards the expected frames of a page batch as one Port message, dropping each unexpected one as if it came alone', async () => {
      const { handoff, command, commands, received, events, relay } = await started();
      const { sendBatch } = handoff();
      command(OPEN);
      commands([request(1), request(2)]);
      await settle();
      sendBatch([{ type: 'ws-opened', socketId: 's1' }, answer(1), answer(7), answer(1), { type: 'eval' }, answer(2)]);
      await settle();
      expect(received.filter((m) => m.type === 'relay-events')).toEqual([{ type: 'relay-events', events: [{ type: 'ws-opened', socketId: 's1' }, answer(1), answer(2)] }]);
      expect(events()).toHaveLength(3);
      expect(relay.stats).toEqual({ forwarded: 3, dropped: 3 }); // an answer never asked for, one answered already, a malformed frame
      expect(failures(received)).toEqual([]);
    });

    it('stops the bridge on a batch of more frames than the bound, reading none of them', async () => {
      const { handoff, received, events } = await started({ limits: { maxBatchFrames: 4 } });
      const { sendBatch, commands } = handoff();
      sendBatch([{ type: 'ready' }, { type: 'ready' }, { type: 'ready' }, { type: 'ready' }, { type: 'ready' }]);
      await settle();
      expect(events()).toEqual([]);
      expect(failures(received)).toEqual([{ type: 'relay-failed', reason: 'Qlarity stopped the in-tab bridge: the Qlik page sent 5 frames in one message (at most 4).' }]);
      expect(commands).toEqual([{ type: 'dispose' }]);
    });

    it('counts every frame of a batch against the rate and total bounds', async () => {
      const rate = await started({ limits: { frameBurst: 3, framesPerSecond: 1 }, now: () => 0 });
      rate.handoff().sendBatch([{ type: 'ready' }, { type: 'ready' }, { type: 'ready' }, { type: 'ready' }]);
      await settle();
      expect(failures(rate.received)).toEqual([{ type: 'relay-failed', reason: 'Qlarity stopped the in-tab bridge: the Qlik page sent more than 1 frames per second.' }]);

      const total = await started({ limits: { maxFrames: 2 } });
      total.handoff().sendBatch([{ type: 'ready' }, { type: 'ready' }, { type: 'ready' }]);
      await settle();
      expect(failures(total.received)).toEqual([{ type: 'relay-failed', reason: 'Qlarity stopped the in-tab bridge: the Qlik page sent more than 2 frames.' }]);
    });

    it('stops the bridge at an oversized frame inside a batch: the frames before it go on, none after it', async () => {
      const { handoff, command, received, events } = await started({ limits: { maxFrameChars: 200 } });
      const { sendBatch, commands } = handoff();
      command(OPEN);
      await settle();
      sendBatch([{ type: 'ws-opened', socketId: 's1' }, { type: 'ws-error', socketId: 's1', padding: 'x'.repeat(300) }, { type: 'ws-error', socketId: 's1' }]);
      await settle();
      expect(events()).toEqual([{ type: 'ws-opened', socketId: 's1' }]);
      expect(received.at(-1)).toMatchObject({ type: 'relay-failed', reason: expect.stringContaining('at most 200') });
      expect(commands.at(-1)).toEqual({ type: 'dispose' });
    });

    it('stops the bridge when a batch holds more engine frames that answer nothing than the allowance', async () => {
      const { handoff, command, received, events } = await started({ limits: { enginePushAllowance: 2 } });
      const { sendBatch } = handoff();
      command(OPEN);
      await settle();
      const push = { type: 'ws-message', socketId: 's1', data: '{"jsonrpc":"2.0","method":"OnFlood"}' };
      sendBatch([push, push, push, push]);
      await settle();
      expect(events()).toEqual([push, push]);
      expect(received.at(-1)).toMatchObject({ type: 'relay-failed', reason: expect.stringContaining('more than 2 engine frames that answer no request') });
    });

    it('splits what it forwards so that one Port message holds at most one frame\'s worth of characters', async () => {
      const { handoff, command, commands, received, events } = await started({ limits: { maxFrameChars: 200 } });
      const { sendBatch } = handoff();
      command(OPEN);
      commands([request(1), request(2), request(3)]);
      await settle();
      sendBatch([answer(1), answer(2), answer(3)]); // 91 characters each as JSON frames
      await settle();
      expect(received.filter((m) => m.type === 'relay-events').map((m) => (m.type === 'relay-events' ? m.events.length : 0))).toEqual([2, 1]);
      expect(events()).toEqual([answer(1), answer(2), answer(3)]);
    });
  });

  it('refuses socket URLs off the tab origin without touching the page', async () => {
    const { handoff, command, received } = await started();
    const { commands } = handoff();
    command({ type: 'ws-open', socketId: 's1', url: 'wss://evil.example/app/A' });
    await settle();
    expect(received.at(-1)).toMatchObject({ type: 'relay-refused', command: 'ws-open', id: 's1' });
    expect(commands).toEqual([]);
  });

  it('ignores malformed commands from the Port and a second init', async () => {
    const { background, handoff, received, page } = await started();
    const { commands } = handoff();
    background.postMessage({ type: 'relay-commands', commands: [{ type: 'eval' }] });
    background.postMessage({ type: 'relay-init', nonce: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    await settle();
    expect(commands).toEqual([]);
    expect(received).toEqual([{ type: 'relay-ready', origin: ORIGIN }]);
    expect(page.listenerCount()).toBe(0);
  });

  it('disposes the page bridge and closes the private port when the background goes away', async () => {
    const { background, handoff } = await started();
    const { commands, send } = handoff();
    background.disconnect();
    await settle();
    expect(commands).toEqual([{ type: 'dispose' }]);
    send({ type: 'ready' });
    await settle();
    expect(commands).toEqual([{ type: 'dispose' }]);
  });
});
