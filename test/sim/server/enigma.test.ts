// The real enigma.js client over a real WebSocket to the simulator with the real app loader and
// engine (test/sim/app, test/sim/engine), on the small corpus app ../shared/corpus/app-h.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import enigma from 'enigma.js';
import schema from 'enigma.js/schemas/12.2027.0.json' with { type: 'json' };
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadAppFolder } from '../app/index';
import { type Simulator, startSimulator } from '../index';

const APP_H = fileURLToPath(new URL('../../../../shared/corpus/app-h', import.meta.url));
const corpusPresent = existsSync(APP_H);
if (!corpusPresent) console.warn(`enigma.test.ts skipped: the corpus app ${APP_H} is absent`);

interface Doc {
  getAppLayout(): Promise<{ qTitle: string }>;
  getAllInfos(): Promise<{ qId: string; qType: string }[]>;
}
interface Global {
  openDoc(appId: string): Promise<Doc>;
}

describe.skipIf(!corpusPresent)('enigma.js against the simulator', () => {
  let sim: Simulator;
  let appId: string;
  beforeAll(async () => {
    const app = await loadAppFolder(APP_H);
    appId = app.id;
    sim = await startSimulator({ apps: [app], http: true });
  });
  afterAll(() => sim.close());

  function open(url: string, headers: Record<string, string>) {
    const session = enigma.create({ schema, url, createSocket: (socketUrl: string) => new WebSocket(socketUrl, { headers }) as unknown as globalThis.WebSocket });
    const connected = new Promise<unknown>((resolve) => session.on('notification:OnConnected', resolve));
    return { session, connected };
  }

  it('cookie session + CSRF token: opens the doc on its own identity, and the calls are recorded', async () => {
    sim.reset();
    const { cookie, csrfToken } = sim.login(sim.users.developer);
    const wsBase = sim.url.replace(/^http/, 'ws');
    const { session, connected } = open(`${wsBase}/app/${appId}/identity/qlarity-test?qlik-csrf-token=${encodeURIComponent(csrfToken)}`, { cookie });
    const global = (await session.open()) as unknown as Global;
    expect(await connected).toEqual({ qSessionState: 'SESSION_CREATED' });
    const doc = await global.openDoc(appId);
    expect((await doc.getAppLayout()).qTitle).toBe('App H');
    const infos = await doc.getAllInfos();
    expect(infos.length).toBeGreaterThan(0);
    await session.close();

    const calls = sim.callsFor(`${appId}/identity/qlarity-test`);
    expect(calls.map((c) => [c.objectType, c.method])).toEqual([
      ['Global', 'OpenDoc'],
      ['Doc', 'GetAppLayout'],
      ['Doc', 'GetAllInfos'],
    ]);
    expect(calls.every((c) => c.userId === sim.users.developer.id && c.appId === appId && c.errorCode === undefined)).toBe(true);
  });

  it('API key on the handshake', async () => {
    sim.reset();
    const wsBase = sim.url.replace(/^http/, 'ws');
    const { session } = open(`${wsBase}/app/${appId}`, { authorization: `Bearer ${sim.apiKey}` });
    const global = (await session.open()) as unknown as Global;
    const doc = await global.openDoc(appId);
    expect((await doc.getAppLayout()).qTitle).toBe('App H');
    await session.close();
    expect(sim.callsFor(appId).map((c) => c.method)).toEqual(['OpenDoc', 'GetAppLayout']);
  });

  it('a dropped connection rejects the pending call; an idle timeout notifies and closes with 4201', async () => {
    sim.reset();
    const wsBase = sim.url.replace(/^http/, 'ws');
    sim.faults.set({ dropAfterMessages: 1 });
    const dropped = open(`${wsBase}/app/${appId}`, { authorization: `Bearer ${sim.apiKey}` });
    const droppedClose = new Promise<number>((resolve) => dropped.session.on('closed', (event: { code: number }) => resolve(event.code)));
    const doc = await ((await dropped.session.open()) as unknown as Global).openDoc(appId);
    await expect(doc.getAppLayout()).rejects.toBeDefined();
    expect(await droppedClose).toBe(1006);

    sim.faults.set({ sessionTimeoutMs: 50 });
    const idle = open(`${wsBase}/app/${appId}`, { authorization: `Bearer ${sim.apiKey}` });
    const timedOut = new Promise<void>((resolve) => idle.session.on('notification:OnSessionTimedOut', () => resolve()));
    const idleClose = new Promise<number>((resolve) => idle.session.on('closed', (event: { code: number }) => resolve(event.code)));
    await idle.session.open();
    await timedOut;
    expect(await idleClose).toBe(4201);
  });

  it('dropAfterMessages with pipelined calls: the first N are answered, the rest fail', async () => {
    sim.reset();
    sim.faults.set({ dropAfterMessages: 3 });
    const wsBase = sim.url.replace(/^http/, 'ws');
    const { session } = open(`${wsBase}/app/${appId}`, { authorization: `Bearer ${sim.apiKey}` });
    const doc = await ((await session.open()) as unknown as Global).openDoc(appId);
    const results = await Promise.allSettled([doc.getAppLayout(), doc.getAllInfos(), doc.getAppLayout(), doc.getAllInfos()]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
    expect(sim.calls().map((c) => c.method)).toEqual(['OpenDoc', 'GetAppLayout', 'GetAllInfos']);
  });

  it('a refused handshake rejects session.open()', async () => {
    const wsBase = sim.url.replace(/^http/, 'ws');
    const { session } = open(`${wsBase}/app/${appId}`, {});
    await expect(session.open()).rejects.toBeDefined();
  });
});
