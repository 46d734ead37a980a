// The engine session against the simulated tenant: keepalive while idle, and a resume after a
// drop that re-attaches to the same identity within the TTL (session objects kept) or, without a
// TTL, lands in a new session (session objects gone, saved objects re-fetched).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { nodeSocketFactory } from '../../../../lib/cli/node-socket';
import { type OpenEngineSessionOptions, openEngineSession } from '../../../../lib/qlik/engine/session';
import type { Timers } from '../../../../lib/qlik/engine/timers';
import { appModelOf, loadAppFolder } from '../../../sim/app/index';
import { DEFAULT_APPS_DIR, type Simulator, startSimulator } from '../../../sim/index';

let sim: Simulator;
let appId: string;
let sheetId: string;

beforeAll(async () => {
  const app = await loadAppFolder(`${DEFAULT_APPS_DIR}/demo`);
  appModelOf(app).behaviour.openDocMs = 0;
  sim = await startSimulator({ apps: [app], http: true });
  appId = app.id;
  sheetId = [...appModelOf(app).objects.values()].find((o) => o.type === 'sheet')?.id ?? '';
});
afterEach(() => sim.reset());
afterAll(async () => {
  await sim?.close();
});

const open = (extra: Partial<OpenEngineSessionOptions> = {}) =>
  openEngineSession({
    url: sim.url,
    appId,
    createSocket: nodeSocketFactory({ headers: { Authorization: `Bearer ${sim.apiKey}` } }),
    reconnect: { initialDelayMs: 20, maxDelayMs: 40, attempts: 3 },
    ...extra,
  });

/** the next request on the open socket is never answered and the socket drops (1006), once */
async function dropNow(engine: Awaited<ReturnType<typeof open>>): Promise<void> {
  sim.faults.set({ dropAfterMessages: 0, dropTimes: 1 });
  expect(await engine.global.engineVersion().then(() => 'answered', () => 'dropped')).toBe('dropped');
  sim.faults.reset();
}

const until = async (check: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('keepalive', () => {
  it('sends Global.EngineVersion after the idle interval and nothing after close', async () => {
    // a clock that moves only when told; its timers fire when it passes them
    let time = 0;
    const pending = new Map<number, { at: number; run: () => void }>();
    let id = 0;
    const clock: Timers = {
      setTimeout: (run, ms) => (pending.set(++id, { at: time + ms, run }), id),
      clearTimeout: (h) => void pending.delete(h as number),
      now: () => time,
    };
    const advance = (ms: number) => {
      time += ms;
      for (const [key, t] of [...pending]) {
        if (t.at > time) continue;
        pending.delete(key);
        t.run();
      }
    };
    const engine = await open({ keepaliveMs: 20_000, timers: clock });
    const pings = () => sim.calls().filter((c) => c.method === 'EngineVersion').length;
    const before = pings(); // one: openEngineSession asks for the version
    advance(19_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pings()).toBe(before);
    advance(1_000);
    await until(() => pings() === before + 1, 'the keepalive call');
    await engine.close();
    expect(pending.size).toBe(0);
    expect(sim.calls().filter((c) => c.method !== 'EngineVersion' && c.method !== 'OpenDoc')).toEqual([]); // nothing else was asked
  });
});

describe('the simulated engine on reconnect', () => {
  it('the same identity within the TTL attaches (SESSION_ATTACHED, its state kept); after the TTL a new session is created', async () => {
    const url = `${sim.url.replace(/^http/, 'ws')}/app/${appId}/identity/ttl-probe/ttl/1`;
    const headers = { Authorization: `Bearer ${sim.apiKey}` };
    const connect = () =>
      new Promise<{ socket: WebSocket; state: string; answers: unknown[] }>((resolve) => {
        const socket = new WebSocket(url, { headers });
        const answers: unknown[] = [];
        let state = '';
        socket.on('message', (data) => {
          const frame = JSON.parse(String(data)) as { method?: string; params?: { qSessionState?: string } };
          if (frame.method === 'OnConnected') {
            state = frame.params?.qSessionState ?? '';
            resolve({ socket, state, answers });
          } else answers.push(frame);
        });
      });
    const ask = async (c: { socket: WebSocket; answers: unknown[] }, id: number, method: string, handle: number, params: unknown[] = []) => {
      c.socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, handle, params }));
      await until(() => c.answers.some((a) => (a as { id?: number }).id === id), method);
      return c.answers.find((a) => (a as { id?: number }).id === id) as { result?: unknown; error?: { code: number } };
    };
    const closed = (socket: WebSocket) => new Promise((resolve) => (socket.once('close', resolve), socket.close()));
    const first = await connect();
    expect(first.state).toBe('SESSION_CREATED');
    expect((await ask(first, 1, 'OpenDoc', -1, [appId])).error).toBeUndefined();
    await closed(first.socket);
    const again = await connect();
    expect(again.state).toBe('SESSION_ATTACHED');
    expect((await ask(again, 1, 'GetActiveDoc', -1)).result).toMatchObject({ qReturn: { qType: 'Doc' } }); // the doc is still open
    await closed(again.socket);
    await new Promise((resolve) => setTimeout(resolve, 1300)); // past the 1 s TTL
    const later = await connect();
    expect(later.state).toBe('SESSION_CREATED');
    expect((await ask(later, 1, 'GetActiveDoc', -1)).error).toBeDefined(); // a new session: no doc open
    await closed(later.socket);
  });
});

describe('resume', () => {
  it('within the TTL re-attaches to the same identity: the session object and saved-object handles still work', async () => {
    const engine = await open();
    expect(engine.url).toMatch(new RegExp(`/app/${appId}/identity/${engine.identity}/ttl/60$`));
    const object = await engine.doc.createSessionObject({ qInfo: { qType: 'probe' }, qStringExpression: { qExpr: "='x'" } });
    const sheet = await engine.doc.getObject(sheetId);
    await dropNow(engine);
    await until(() => engine.resumes().length === 1, 'the resume');
    expect(engine.resumes()[0]).toMatchObject({ code: 1006, attached: true, attempts: 1 });
    expect(await object.getLayout()).toMatchObject({ qInfo: { qType: 'probe' } });
    expect(await sheet.getLayout()).toMatchObject({ qInfo: { qId: sheetId } });
    expect(sim.calls().map((c) => c.method)).toContain('GetActiveDoc'); // re-attached: the doc was still open
    await engine.close();
  });

  it('after the TTL (none asked) lands in a new session: OpenDoc again, saved objects re-fetched, the session object gone', async () => {
    const engine = await open({ ttlSeconds: 0 });
    const object = await engine.doc.createSessionObject({ qInfo: { qType: 'probe' } });
    const sheet = await engine.doc.getObject(sheetId);
    await dropNow(engine);
    await until(() => engine.resumes().length === 1, 'the resume');
    expect(engine.resumes()[0]).toMatchObject({ attached: false });
    expect(await sheet.getLayout()).toMatchObject({ qInfo: { qId: sheetId } });
    expect(sim.calls().filter((c) => c.method === 'OpenDoc' && c.errorCode === undefined)).toHaveLength(2); // opened again
    expect(await engine.doc.getObject(object.id).catch(() => null)).toBeNull();
    await engine.close();
  });

  it('shouldResume can refuse a drop no new socket can fix (the in-tab bridge says the tab is gone)', async () => {
    const drops: unknown[] = [];
    const engine = await open({ shouldResume: (drop) => (drops.push(drop), false) });
    await dropNow(engine);
    await until(() => engine.failure() !== undefined, 'the failure');
    expect(drops).toEqual([expect.objectContaining({ code: 1006 })]);
    expect(engine.resumes()).toEqual([]);
    expect(engine.failure()?.message).toMatch(/connection to the engine was lost.*1006/);
    expect(await engine.reconnected(0)).toBe(false);
    await engine.close();
  });

  it('a close with an engine code (4204 app gone) is not resumed: the session fails with that reason', async () => {
    const engine = await open();
    const lost = new Promise((resolve) => engine.onConnection((e) => e.type === 'lost' && resolve(e.error)));
    sim.faults.set({ closeCode: 4204 }); // only new sockets: nothing closes yet
    // a socket that is refused with 4204 on every resume attempt ends the session with that code
    sim.reset(); // reset clears the faults, so set them again right after
    sim.faults.set({ closeCode: 4204 });
    expect(await lost).toMatchObject({ code: 1001 });
    expect(engine.failure()?.message).toMatch(/could not be resumed \(1 attempt; last: .*4204/);
    await engine.close();
  });
});
