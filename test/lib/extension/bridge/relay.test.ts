// The content relay against a hostile page: forged, malformed and replayed messages are dropped.
import { describe, expect, it } from 'vitest';
import { serveRelay } from '@/lib/extension/bridge/relay';
import { BRIDGE_TAG, type FromRelay } from '@/lib/protocol/bridge';
import { fakePage, portPair, settle } from './fakes';

const ORIGIN = 'https://acme.eu.qlikcloud.com';
const CHANNEL = 'Zm9vYmFyYmF6cXV4cXV1eHh4eA';
const fromPage = (msg: unknown, channel = CHANNEL) => JSON.stringify({ tag: BRIDGE_TAG, channel, dir: 'from-page', msg });

async function started() {
  const page = fakePage(ORIGIN);
  const [background, content] = portPair();
  const received: FromRelay[] = [];
  background.onMessage.addListener((m) => void received.push(m as FromRelay));
  const relay = serveRelay(content, page);
  background.postMessage({ type: 'relay-init', channel: CHANNEL });
  await settle();
  return { page, background, content, received, relay };
}

describe('content relay', () => {
  it('announces itself with the tab origin once initialised', async () => {
    const { received, page } = await started();
    expect(received).toEqual([{ type: 'relay-ready', origin: ORIGIN }]);
    expect(page.listenerCount()).toBe(1);
  });

  it('ignores Ports with another name', async () => {
    const page = fakePage(ORIGIN);
    const [background, content] = portPair('something-else');
    const received: unknown[] = [];
    background.onMessage.addListener((m) => void received.push(m));
    serveRelay(content, page);
    background.postMessage({ type: 'relay-init', channel: CHANNEL });
    await settle();
    expect(received).toEqual([]);
    expect(page.listenerCount()).toBe(0);
  });

  it('forwards only events for sockets and requests the background opened', async () => {
    const { page, background, received, relay } = await started();
    background.postMessage({ type: 'relay-command', command: { type: 'ws-open', socketId: 's1', url: 'wss://acme.eu.qlikcloud.com/app/A' } });
    await settle();
    page.postAsPage(fromPage({ type: 'ws-opened', socketId: 's1' }));
    page.postAsPage(fromPage({ type: 'ws-message', socketId: 's2', data: 'forged for an unknown socket' }));
    page.postAsPage(fromPage({ type: 'fetch-response', requestId: 'r9', status: 200, statusText: '', headers: [], body: 'forged' }));
    page.postAsPage(fromPage({ type: 'ws-message', socketId: 's1', data: 'real' }));
    page.postAsPage(fromPage({ type: 'ws-closed', socketId: 's1', code: 1000, reason: '', wasClean: true }));
    page.postAsPage(fromPage({ type: 'ws-message', socketId: 's1', data: 'after close' }));
    await settle();
    const events = received.filter((m) => m.type === 'relay-event').map((m) => (m.type === 'relay-event' ? m.event : null));
    expect(events).toEqual([
      { type: 'ws-opened', socketId: 's1' },
      { type: 'ws-message', socketId: 's1', data: 'real' },
      { type: 'ws-closed', socketId: 's1', code: 1000, reason: '', wasClean: true },
    ]);
    expect(relay.stats.dropped).toBe(3);
  });

  it('drops malformed, foreign-channel, cross-origin and non-string page messages', async () => {
    const { page, background, received } = await started();
    background.postMessage({ type: 'relay-command', command: { type: 'ws-open', socketId: 's1', url: 'wss://acme.eu.qlikcloud.com/app/A' } });
    await settle();
    const before = received.length;
    page.postAsPage({ tag: BRIDGE_TAG, channel: CHANNEL, dir: 'from-page', msg: { type: 'ws-opened', socketId: 's1' } }); // object, not string
    page.postAsPage(fromPage({ type: 'ws-opened', socketId: 's1' }, 'AAAAAAAAAAAAAAAAAAAAAAAA')); // wrong channel
    page.postAsPage(fromPage({ type: 'ws-opened', socketId: 's1' }), 'https://evil.example'); // other origin
    page.postAsPage(fromPage({ type: 'ws-opened' })); // missing id
    page.postAsPage(fromPage({ type: 'ws-message', socketId: 's1', data: 5 })); // wrong type
    page.postAsPage('{"tag":"qlarity-bridge/1",'); // broken JSON
    page.postAsPage(fromPage({ type: 'ready' }));
    page.postAsPage(fromPage({ type: 'ready' })); // a second "ready" is a forgery
    await settle();
    const after = received.slice(before);
    expect(after).toEqual([{ type: 'relay-event', event: { type: 'ready' } }]);
  });

  it('refuses socket URLs off the tab origin without touching the page', async () => {
    const { page, background, received } = await started();
    const postedBefore = page.posted.length;
    background.postMessage({ type: 'relay-command', command: { type: 'ws-open', socketId: 's1', url: 'wss://evil.example/app/A' } });
    await settle();
    expect(page.posted.length).toBe(postedBefore);
    expect(received.at(-1)).toMatchObject({ type: 'relay-refused', command: 'ws-open', id: 's1' });
  });

  it('ignores malformed commands from the Port and a second init', async () => {
    const { page, background, received } = await started();
    const postedBefore = page.posted.length;
    background.postMessage({ type: 'relay-command', command: { type: 'fetch', requestId: 'r1', path: 'https://evil.example/', method: 'GET', headers: {} } });
    background.postMessage({ type: 'relay-command', command: { type: 'fetch', requestId: 'r1', path: '/x', method: 'GET', headers: { Cookie: 'a' } } });
    background.postMessage({ type: 'relay-init', channel: 'QUFBQUFBQUFBQUFBQUFBQUFBQUFB' });
    background.postMessage('junk');
    await settle();
    expect(page.posted.length).toBe(postedBefore);
    expect(received).toHaveLength(1); // only the first relay-ready
  });

  it('disposes the page bridge and stops listening when the background goes away', async () => {
    const { page, background } = await started();
    background.disconnect();
    await settle();
    expect(JSON.parse(page.posted.at(-1)!)).toMatchObject({ dir: 'to-page', msg: { type: 'dispose' } });
    expect(page.listenerCount()).toBe(0);
  });
});
