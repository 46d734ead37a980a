// The whole in-tab bridge without a browser: background client ⇄ Port ⇄ relay ⇄ private
// MessagePort ⇄ page bridge ⇄ (fake) WebSocket / fetch. Also runs enigma.js over it.
import enigma from 'enigma.js';
import schema from 'enigma.js/schemas/12.2027.0.json';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_STOPPED_CLOSE_CODE, createBridgeClient, TAB_GONE_CLOSE_CODE } from '../../../../lib/extension/bridge/client';
import { installPageBridge } from '../../../../lib/extension/bridge/page-bridge';
import { serveRelay } from '../../../../lib/extension/bridge/relay';
import { BRIDGE_TAG, FRAME_LIMITS, MAX_BATCH_FRAMES, type FrameLimits } from '../../../../lib/protocol/bridge';
import { type BrowserSocketLike } from '../../../../lib/extension/bridge/types';
import { FakeWebSocket, closeChannels, fakePage, portPair, settle, type FakePage } from './fakes';

const ORIGIN = 'https://acme.eu.qlikcloud.com';
const NONCE = 'Zm9vYmFyYmF6cXV4cXV1eHh4eA';
const pages: FakePage[] = [];

function setup(fetchImpl?: FakePage['fetch'], limits?: Partial<FrameLimits>) {
  const page = fakePage(ORIGIN, fetchImpl);
  pages.push(page);
  vi.stubGlobal('window', page);
  const [backgroundEnd, contentEnd] = portPair();
  const relay = serveRelay(contentEnd, page, { limits: { ...FRAME_LIMITS, ...limits } });
  let n = 0;
  const client = createBridgeClient(backgroundEnd, { nonce: NONCE, expectedOrigin: ORIGIN, newId: () => `id${++n}` });
  return { page, relay, client, backgroundEnd, contentEnd };
}

async function connected(fetchImpl?: FakePage['fetch'], limits?: Partial<FrameLimits>) {
  const s = setup(fetchImpl, limits);
  await s.client.relayReady;
  expect(installPageBridge(NONCE)).toBe('installed');
  await s.client.pageReady;
  return s;
}

/** A connected bridge with one socket to app A open in the page: the socket, its event log and the page's WebSocket. */
async function openSocket(...args: Parameters<typeof connected>) {
  const s = await connected(...args);
  const socket = s.client.createSocket('wss://acme.eu.qlikcloud.com/app/A');
  const log = events(socket);
  await settle();
  const pageSocket = FakeWebSocket.instances[0];
  pageSocket.serverOpen();
  await settle();
  return { ...s, socket, log, pageSocket };
}

function events(socket: BrowserSocketLike) {
  const log: string[] = [];
  socket.onopen = () => log.push('open');
  socket.onmessage = (e) => log.push(`message:${e.data}`);
  socket.onerror = () => log.push('error');
  socket.onclose = (e) => log.push(`close:${e.code}:${e.reason}:${e.wasClean}`);
  return log;
}

beforeEach(() => {
  FakeWebSocket.instances = [];
});
afterEach(() => {
  vi.unstubAllGlobals();
  for (const page of pages.splice(0)) closeChannels(page);
});

describe('in-tab bridge, end to end over fakes', () => {
  it('the page bridge uses the same tag as the protocol', () => {
    expect(installPageBridge.toString()).toMatch(new RegExp(`["']${BRIDGE_TAG}["']`));
  });

  it('the page bridge bounds its batches like the protocol', () => {
    expect(installPageBridge.toString()).toMatch(new RegExp(`MAX_BATCH = ${MAX_BATCH_FRAMES}\\b`));
  });

  it('refuses a malformed nonce', () => {
    vi.stubGlobal('window', fakePage(ORIGIN));
    expect(installPageBridge('short')).toBe('bad-nonce');
  });

  it('hands its port over in one synchronous event named with the nonce, never with window.postMessage', async () => {
    const { page } = await connected();
    expect(page.dispatched).toEqual([`${BRIDGE_TAG}:handoff:${NONCE}`]);
    expect(page.posted).toEqual([]);
  });

  it('says no-relay and keeps nothing open when no relay takes the handoff (e.g. another nonce)', async () => {
    const { client, page } = setup();
    await client.relayReady;
    expect(installPageBridge('AAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBe('no-relay');
    expect(page.listenerCount()).toBe(1); // the relay still waits for its own handoff
    client.close();
  });

  it('opens a same-origin socket in the page and relays frames both ways', async () => {
    const { client } = await connected();
    const socket = client.createSocket(`wss://acme.eu.qlikcloud.com/app/A/identity/x?qlik-csrf-token=t`);
    const log = events(socket);
    expect(socket.readyState).toBe(socket.CONNECTING);
    await settle();
    const [pageSocket] = FakeWebSocket.instances;
    expect(pageSocket.url).toBe('wss://acme.eu.qlikcloud.com/app/A/identity/x?qlik-csrf-token=t');
    pageSocket.serverOpen();
    await settle();
    expect(socket.readyState).toBe(socket.OPEN);
    socket.send('{"id":1}');
    await settle();
    expect(pageSocket.sent).toEqual(['{"id":1}']);
    pageSocket.serverSend('{"id":1,"result":{}}');
    pageSocket.serverSend(new ArrayBuffer(2)); // binary frames are not Qlik's: ignored
    await settle();
    socket.close(1000, 'done');
    await settle();
    expect(pageSocket.closedWith).toEqual({ code: 1000, reason: 'done' });
    expect(log).toEqual(['open', 'message:{"id":1,"result":{}}', 'close:1000:done:true']);
    expect(socket.readyState).toBe(socket.CLOSED);
  });

  it('carries the requests of one task, and the answers that arrive together, as one message per hop', async () => {
    const { backgroundEnd, contentEnd, socket, log, pageSocket } = await openSocket();
    const sentBefore = backgroundEnd.sent.length;
    const receivedBefore = contentEnd.sent.length;
    for (let id = 1; id <= 3; id++) socket.send(`{"jsonrpc":"2.0","id":${id},"method":"GetLayout","handle":1,"params":[]}`);
    await settle();
    expect(pageSocket.sent).toHaveLength(3);
    expect(backgroundEnd.sent.slice(sentBefore)).toEqual([{ type: 'relay-commands', commands: pageSocket.sent.map((data) => ({ type: 'ws-send', socketId: 'id1', data })) }]);
    for (let id = 1; id <= 3; id++) pageSocket.serverSend(`{"jsonrpc":"2.0","id":${id},"result":{}}`);
    await settle();
    expect(contentEnd.sent.slice(receivedBefore)).toMatchObject([{ type: 'relay-events', events: [{ type: 'ws-message' }, { type: 'ws-message' }, { type: 'ws-message' }] }]);
    expect(log.filter((entry) => entry.startsWith('message:'))).toEqual([1, 2, 3].map((id) => `message:{"jsonrpc":"2.0","id":${id},"result":{}}`));
  });

  it('splits what one task produces beyond the batch bound, losing nothing', async () => {
    const { client, relay, backgroundEnd, socket, log, pageSocket } = await openSocket();
    const count = MAX_BATCH_FRAMES + 10;
    const sentBefore = backgroundEnd.sent.length;
    for (let id = 1; id <= count; id++) socket.send(`{"jsonrpc":"2.0","id":${id},"method":"GetLayout","handle":1,"params":[]}`);
    await settle();
    expect(backgroundEnd.sent.slice(sentBefore).map((m) => (m as { commands: unknown[] }).commands.length)).toEqual([MAX_BATCH_FRAMES, 10]);
    for (let id = 1; id <= count; id++) pageSocket.serverSend(`{"jsonrpc":"2.0","id":${id},"result":{}}`);
    await settle();
    expect(log.filter((entry) => entry.startsWith('message:'))).toHaveLength(count);
    expect(relay.stats.dropped).toBe(0);
    expect(client.closed).toBe(false);
  });

  it('one failing command or listener does not lose the rest of its batch', async () => {
    const { client } = await connected();
    const refused = client.createSocket('wss://acme.eu.qlikcloud.com/app/refused-by-the-browser');
    const socket = client.createSocket('wss://acme.eu.qlikcloud.com/app/A'); // the same batch
    const log = events(socket);
    await settle();
    expect(FakeWebSocket.instances.map((ws) => ws.url)).toEqual(['wss://acme.eu.qlikcloud.com/app/A']);
    expect(refused.readyState).toBe(refused.CONNECTING);
    const pageSocket = FakeWebSocket.instances[0];
    pageSocket.serverOpen();
    await settle();
    for (let id = 1; id <= 2; id++) socket.send(`{"jsonrpc":"2.0","id":${id},"method":"GetLayout","handle":1,"params":[]}`);
    await settle();
    const failing = vi.spyOn(console, 'error').mockImplementation(() => {});
    socket.onmessage = (e) => {
      log.push(`message:${e.data}`);
      if (log.length === 2) throw new Error('enigma could not read it');
    };
    for (let id = 1; id <= 2; id++) pageSocket.serverSend(`{"jsonrpc":"2.0","id":${id},"result":{}}`);
    await settle();
    expect(log.filter((entry) => entry.startsWith('message:'))).toHaveLength(2);
    expect(failing).toHaveBeenCalledWith('Qlarity: a bridge listener failed', new Error('enigma could not read it'));
  });

  it('a page script that patches WebSocket after the injection never gets the socket: send and close were taken at injection', async () => {
    const { client } = await connected();
    const proto = FakeWebSocket.prototype as unknown as Record<string, unknown>;
    const originals = { send: proto.send, close: proto.close };
    const reached: string[] = [];
    proto.send = function hijackedSend() {
      reached.push('send');
    };
    proto.close = function hijackedClose() {
      reached.push('close');
    };
    try {
      const socket = client.createSocket('wss://acme.eu.qlikcloud.com/app/A');
      const log = events(socket);
      await settle();
      const pageSocket = FakeWebSocket.instances[0];
      pageSocket.serverOpen();
      await settle();
      socket.send('{"jsonrpc":"2.0","id":1,"method":"EngineVersion","handle":-1,"params":[]}');
      await settle();
      socket.close(1000, 'done');
      await settle();
      expect(reached).toEqual([]);
      expect(pageSocket.sent).toHaveLength(1);
      expect(log.at(-1)).toBe('close:1000:done:true');
    } finally {
      Object.assign(proto, originals);
    }
  });

  it('passes engine close codes through (4204 app not found)', async () => {
    const { client } = await connected();
    const socket = client.createSocket('wss://acme.eu.qlikcloud.com/app/missing');
    const log = events(socket);
    await settle();
    FakeWebSocket.instances[0].serverError();
    FakeWebSocket.instances[0].serverClose(4204, 'App not found');
    await settle();
    expect(log).toEqual(['error', 'close:4204:App not found:false']);
  });

  it('refuses sockets to another host, in the relay and in the page', async () => {
    const { client } = await connected();
    const foreign = client.createSocket('wss://evil.example/app/A');
    const log = events(foreign);
    const plain = client.createSocket('ws://acme.eu.qlikcloud.com/app/A'); // downgrade
    const log2 = events(plain);
    await settle();
    expect(FakeWebSocket.instances).toHaveLength(0);
    expect(log[0]).toMatch(/^close:1008:.*not on this tab/);
    expect(log2[0]).toMatch(/^close:1008:/);
  });

  it('runs enigma.js over the bridge', async () => {
    const { client } = await connected();
    const session = enigma.create({
      schema,
      url: 'wss://acme.eu.qlikcloud.com/app/engineData',
      // @types/enigma.js types createSocket as returning a DOM WebSocket; enigma only uses the WebSocketLike subset (lib/qlik/engine/types.ts)
      createSocket: client.createSocket as unknown as (url: string) => WebSocket,
    });
    const opened = session.open();
    await settle();
    const pageSocket = FakeWebSocket.instances[0];
    pageSocket.serverOpen();
    const global = (await opened) as unknown as { engineVersion(): Promise<unknown> };
    const version = global.engineVersion();
    await settle();
    const request = JSON.parse(pageSocket.sent.at(-1)!);
    expect(request).toMatchObject({ method: 'EngineVersion', handle: -1 });
    pageSocket.serverSend(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { qVersion: { qComponentVersion: '12.2027.0' } } }));
    await expect(version).resolves.toEqual({ qComponentVersion: '12.2027.0' });
    const closed = session.close();
    await settle();
    await closed;
    expect(pageSocket.closedWith?.code).toBe(1000);
  });

  it('makes same-origin REST calls as the page and returns a Response', async () => {
    const seen: { url: string; init?: RequestInit }[] = [];
    const { client } = await connected(async (url, init) => {
      seen.push({ url, init });
      return new Response('{"id":"u1"}', { status: 200, headers: { 'content-type': 'application/json', 'qlik-csrf-token': 'tok' } });
    });
    const response = await client.fetch('/api/v1/users/me', { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('qlik-csrf-token')).toBe('tok');
    expect(await response.json()).toEqual({ id: 'u1' });
    expect(seen[0].url).toBe(`${ORIGIN}/api/v1/users/me`);
    expect(seen[0].init).toMatchObject({ method: 'GET', credentials: 'same-origin', headers: { accept: 'application/json' } });
    const reload = await client.fetch(`${ORIGIN}/api/v1/reloads?appId=a&limit=1`);
    expect(reload.status).toBe(200);
    expect(seen[1]).toMatchObject({ url: `${ORIGIN}/api/v1/reloads?appId=a&limit=1`, init: { method: 'GET' } });
    // read-only: anything but a GET on an allow-listed path never reaches the page (lib/qlik/read-only.ts)
    await expect(client.fetch(`${ORIGIN}/api/v1/reloads`, { method: 'post', body: '{"appId":"a"}' })).rejects.toThrow(/refused to send POST \/api\/v1\/reloads/);
    await expect(client.fetch('/api/v1/apps/a', { method: 'DELETE' })).rejects.toThrow(/refused to send DELETE/);
    await expect(client.fetch('/api/v1/apps/a/publish')).rejects.toThrow(/not on the read-only allow-list/);
    expect(seen).toHaveLength(2);
  });

  it('maps 204 and error statuses, and network failures', async () => {
    let call = 0;
    const { client } = await connected(async () => {
      call++;
      if (call === 1) return new Response(null, { status: 204, headers: { 'qlik-csrf-token': 'abc' } });
      if (call === 2) return new Response('{"errors":[{"code":"LOGIN-1"}]}', { status: 401 });
      throw new TypeError('Failed to fetch');
    });
    const csrf = await client.fetch('/api/v1/csrf-token');
    expect([csrf.status, csrf.headers.get('qlik-csrf-token')]).toEqual([204, 'abc']);
    const unauthorized = await client.fetch('/api/v1/users/me');
    expect(unauthorized.status).toBe(401);
    await expect(client.fetch('/api/v1/users/me')).rejects.toThrow(/failed in the Qlik tab: Failed to fetch/);
  });

  it('never sends credentials or cross-origin requests into the page', async () => {
    const fetchSpy = vi.fn(async () => new Response('x'));
    const { client } = await connected(fetchSpy);
    await expect(client.fetch('/api/v1/apps', { headers: { Authorization: 'Bearer secret' } })).rejects.toThrow(/never sent into the Qlik page/);
    await expect(client.fetch('https://evil.example/api')).rejects.toThrow(/only reaches/);
    await expect(client.fetch('//evil.example/api')).rejects.toThrow(/only reaches/);
    await settle();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('supports aborting a pending request', async () => {
    const { client } = await connected(() => new Promise(() => {}));
    const controller = new AbortController();
    const pending = client.fetch('/api/v1/users/me', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it('closes sockets and fails requests when the tab goes away', async () => {
    const { client, contentEnd } = await connected(() => new Promise(() => {}));
    const socket = client.createSocket('wss://acme.eu.qlikcloud.com/app/A');
    const log = events(socket);
    await settle();
    FakeWebSocket.instances[0].serverOpen();
    await settle();
    const pending = client.fetch('/api/v1/users/me');
    contentEnd.disconnect(); // the tab navigated: the content script is gone
    await expect(pending).rejects.toThrow(/closed, reloaded or navigated away/);
    expect(log).toEqual(['open', `close:${TAB_GONE_CLOSE_CODE}:The Qlik tab was closed, reloaded or navigated away.:false`]);
    expect(client.closed).toBe(true);
    const late = client.createSocket('wss://acme.eu.qlikcloud.com/app/A');
    const lateLog = events(late);
    await settle();
    expect(lateLog[0]).toMatch(/^close:1006:/);
  });

  it('close() disposes the page side: sockets closed, listeners removed', async () => {
    const { client, page } = await connected();
    client.createSocket('wss://acme.eu.qlikcloud.com/app/A');
    await settle();
    FakeWebSocket.instances[0].serverOpen();
    client.close();
    await settle();
    expect(FakeWebSocket.instances[0].closedWith).toEqual({ code: 1000, reason: 'Qlarity finished' });
    expect(page.listenerCount()).toBe(0);
  });

  it('a page that floods the bridge stops it: the socket closes with 1008 and the reason, and later frames reach nobody', async () => {
    const { client, log, pageSocket } = await openSocket(undefined, { enginePushAllowance: 3 });
    for (let i = 0; i < 10; i++) pageSocket.serverSend('{"jsonrpc":"2.0","method":"OnFlood"}');
    await settle();
    expect(log.filter((entry) => entry.startsWith('message:'))).toHaveLength(3);
    expect(log.at(-1)).toBe(`close:${BRIDGE_STOPPED_CLOSE_CODE}:Qlarity stopped the in-tab bridge: the Qlik page sent more than 3 engine frames that answer no request.:false`);
    expect(client.closed).toBe(true);
    expect(pageSocket.closedWith).toEqual({ code: 1000, reason: 'Qlarity finished' });
  });

  it('rejects a relay that reports another origin', async () => {
    const page = fakePage('https://other.eu.qlikcloud.com');
    const [backgroundEnd, contentEnd] = portPair();
    serveRelay(contentEnd, page);
    const client = createBridgeClient(backgroundEnd, { nonce: NONCE, expectedOrigin: ORIGIN });
    await expect(client.relayReady).rejects.toThrow(/not https:\/\/acme/);
    expect(client.closed).toBe(true);
  });
});
