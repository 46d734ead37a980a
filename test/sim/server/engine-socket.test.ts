import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Simulator, startSimulator } from '../index';
import { parseEnginePath } from './engine-socket';
import { PERSONAL_APP_ID, SHARED_APP_ID, echoEngine, openEngineSocket, startTestSimulator, testApps } from '../testing/fixtures';

let sim: Simulator;
let wsBase: string;
beforeAll(async () => {
  sim = await startTestSimulator();
  wsBase = sim.url.replace(/^http/, 'ws');
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const request = (id: number, method = 'EngineVersion') => ({ jsonrpc: '2.0', id, handle: -1, method, params: {} });

function cookieSocketUrl(path: string): { url: string; headers: Record<string, string> } {
  const { cookie, csrfToken } = sim.login(sim.users.developer);
  return { url: `${wsBase}${path}?qlik-csrf-token=${encodeURIComponent(csrfToken)}`, headers: { cookie } };
}

describe('parseEnginePath', () => {
  it('reads app id, identity and ttl segments', () => {
    expect(parseEnginePath('/app/abc')).toEqual({ appId: 'abc', sessionKey: 'abc', ttlSeconds: 0 });
    expect(parseEnginePath('/app/abc/identity/qlarity-1')).toEqual({ appId: 'abc', sessionKey: 'abc/identity/qlarity-1', ttlSeconds: 0 });
    expect(parseEnginePath('/app/abc/identity/x%20y/ttl/60')).toEqual({ appId: 'abc', sessionKey: 'abc/identity/x y', ttlSeconds: 60 });
    expect(parseEnginePath('/app/')).toBeUndefined();
    expect(parseEnginePath('/api/v1/apps/abc')).toBeUndefined();
  });
});

describe('engine socket authentication', () => {
  it('cookie + qlik-csrf-token query: the engine session opens and its calls are recorded', async () => {
    const { url, headers } = cookieSocketUrl(`/app/${SHARED_APP_ID}/identity/qlarity`);
    const outcome = await openEngineSocket(url, { headers, messages: [request(1)] });
    expect(outcome.frames[0]).toEqual({ jsonrpc: '2.0', method: 'OnConnected', params: { qSessionState: 'SESSION_CREATED' } });
    expect(outcome.frames[1]).toEqual({ jsonrpc: '2.0', id: 1, result: { method: 'EngineVersion', user: sim.users.developer.id } });
    expect(sim.callsFor(`${SHARED_APP_ID}/identity/qlarity`).map((c) => c.method)).toEqual(['EngineVersion']);
    expect(sim.callsFor(sim.users.developer)).toHaveLength(1);
    expect(sim.callsFor(sim.users.viewer)).toHaveLength(0);
  });

  it('cookie without the CSRF token is refused with 403', async () => {
    const { cookie } = sim.login(sim.users.developer);
    const outcome = await openEngineSocket(`${wsBase}/app/${SHARED_APP_ID}`, { headers: { cookie } });
    expect(outcome.refusedStatus).toBe(403);
    const wrong = await openEngineSocket(`${wsBase}/app/${SHARED_APP_ID}?qlik-csrf-token=nope`, { headers: { cookie } });
    expect(wrong.refusedStatus).toBe(403);
  });

  it('no credentials: 401', async () => {
    expect((await openEngineSocket(`${wsBase}/app/${SHARED_APP_ID}`)).refusedStatus).toBe(401);
  });

  it('an API key in the Authorization header of the handshake', async () => {
    const outcome = await openEngineSocket(`${wsBase}/app/${SHARED_APP_ID}`, { headers: { authorization: `Bearer ${sim.apiKey}` }, messages: [request(1)] });
    expect(outcome.frames).toHaveLength(2);
    expect(outcome.closeCode).toBe(1005);
  });

  it('a foreign Origin needs a web integration listing it', async () => {
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const { url, headers } = cookieSocketUrl(`/app/${SHARED_APP_ID}`);
    expect((await openEngineSocket(url, { headers: { ...headers, origin } })).refusedStatus).toBe(403);
    const integration = sim.webIntegrations.add({ validOrigins: [origin] });
    const accepted = await openEngineSocket(`${url}&qlik-web-integration-id=${integration.id}`, { headers: { ...headers, origin }, messages: [request(1)] });
    expect(accepted.refusedStatus).toBeUndefined();
    expect(accepted.frames).toHaveLength(2);
  });

  it('unknown app: close 4204; app the user may not open: close 4203', async () => {
    const unknown = cookieSocketUrl('/app/00000000-0000-0000-0000-000000000000');
    expect((await openEngineSocket(unknown.url, { headers: unknown.headers })).closeCode).toBe(4204);
    const { cookie, csrfToken } = sim.login(sim.users.viewer);
    const denied = await openEngineSocket(`${wsBase}/app/${PERSONAL_APP_ID}?qlik-csrf-token=${csrfToken}`, { headers: { cookie } });
    expect(denied.closeCode).toBe(4203);
  });
});

describe('engine sessions', () => {
  it('a second socket on the same identity attaches; another identity gets its own session', async () => {
    const { cookie, csrfToken } = sim.login(sim.users.developer);
    const open = (identity: string) =>
      new Promise<{ socket: WebSocket; state: string }>((resolve) => {
        const socket = new WebSocket(`${wsBase}/app/${SHARED_APP_ID}/identity/${identity}?qlik-csrf-token=${csrfToken}`, { headers: { cookie } });
        socket.once('message', (data) => resolve({ socket, state: (JSON.parse(String(data)) as { params: { qSessionState: string } }).params.qSessionState }));
      });
    const first = await open('a');
    const second = await open('a');
    const third = await open('b');
    expect([first.state, second.state, third.state]).toEqual(['SESSION_CREATED', 'SESSION_ATTACHED', 'SESSION_CREATED']);
    for (const s of [first, second, third]) s.socket.close();
  });

  it('reset() closes open engine sockets', async () => {
    const { url, headers } = cookieSocketUrl(`/app/${SHARED_APP_ID}`);
    const closed = new Promise<number>((resolve) => {
      const socket = new WebSocket(url, { headers });
      socket.once('message', () => sim.reset());
      socket.on('close', (code) => resolve(code));
    });
    expect(await closed).toBe(1001);
  });
});

describe('engine failures', () => {
  it('an engine that cannot start or throws on a frame closes the socket with 4220, and the server lives on', async () => {
    const broken = await startSimulator({
      apps: testApps(),
      http: true,
      createEngineSession: (options) => {
        if (options.sessionKey.endsWith('/identity/broken')) throw new Error('model is unreadable');
        return { ...echoEngine(options), receive: () => { throw new Error('cannot parse'); } };
      },
    });
    try {
      const base = `${broken.url.replace(/^http/, 'ws')}/app/${SHARED_APP_ID}`;
      const headers = { authorization: `Bearer ${broken.apiKey}` };
      const noStart = await openEngineSocket(`${base}/identity/broken`, { headers });
      expect(noStart.closeCode).toBe(4220);
      const onFrame = await openEngineSocket(base, { headers, messages: [request(1)], keepOpen: true });
      expect(onFrame.closeCode).toBe(4220);
      expect((await fetch(`${broken.url}/resources/autogenerated/product-info.json`)).status).toBe(200);
    } finally {
      await broken.close();
    }
  });
});

describe('transport faults', () => {
  const apiKeyHeaders = () => ({ authorization: `Bearer ${sim.apiKey}` });

  it('closeCode closes right after the handshake with that code', async () => {
    sim.faults.set({ closeCode: 4230 });
    const outcome = await openEngineSocket(`${wsBase}/app/${SHARED_APP_ID}`, { headers: apiKeyHeaders() });
    expect(outcome.closeCode).toBe(4230);
    expect(outcome.frames).toEqual([]);
  });

  it('dropAfterMessages answers N messages, then the connection drops (1006) without answering', async () => {
    sim.faults.set({ dropAfterMessages: 2 });
    const outcome = await openEngineSocket(`${wsBase}/app/${SHARED_APP_ID}`, { headers: apiKeyHeaders(), messages: [request(1), request(2), request(3)], keepOpen: true });
    const answered = outcome.frames.filter((f) => (f as { id?: number }).id !== undefined).map((f) => (f as { id: number }).id);
    expect(answered).toEqual([1, 2]);
    expect(outcome.closeCode).toBe(1006);
  });

  it('dropTimes: 1 drops the first socket only ("drop once"); without it every socket drops ("drop always")', async () => {
    const ids = (frames: unknown[]) => frames.filter((f) => (f as { id?: number }).id !== undefined).map((f) => (f as { id: number }).id);
    // keepOpen: a socket that is not dropped stays open after its answers (closed below)
    const socket = () => openEngineSocket(`${wsBase}/app/${SHARED_APP_ID}`, { headers: apiKeyHeaders(), messages: [request(1), request(2), request(3)] });
    sim.faults.set({ dropAfterMessages: 1, dropTimes: 1 });
    const [once, after] = [await socket(), await socket()];
    expect([ids(once.frames), once.closeCode]).toEqual([[1], 1006]);
    expect([ids(after.frames), after.closeCode]).toEqual([[1, 2, 3], 1005]);
    sim.faults.set({ dropAfterMessages: 1 });
    const [first, second] = [await socket(), await socket()];
    expect([first.closeCode, second.closeCode]).toEqual([1006, 1006]);
  });

  it('sessionTimeoutMs: an idle session gets OnSessionTimedOut and close 4201', async () => {
    sim.faults.set({ sessionTimeoutMs: 30 });
    const outcome = await openEngineSocket(`${wsBase}/app/${SHARED_APP_ID}`, { headers: apiKeyHeaders(), messages: [request(1)], keepOpen: true });
    expect(outcome.frames.at(-1)).toEqual({ jsonrpc: '2.0', method: 'OnSessionTimedOut', params: {} });
    expect(outcome.closeCode).toBe(4201);
  });

  it('the latency option delays but keeps every frame, in order', async () => {
    const slow = await startTestSimulator({ latencyMs: 15 });
    try {
      const outcome = await openEngineSocket(`${slow.url.replace(/^http/, 'ws')}/app/${SHARED_APP_ID}`, {
        headers: { authorization: `Bearer ${slow.apiKey}` },
        messages: [request(1), request(2), request(3)],
      });
      expect(outcome.frames.map((f) => (f as { id?: number }).id)).toEqual([undefined, 1, 2, 3]);
    } finally {
      await slow.close();
    }
  });
});
