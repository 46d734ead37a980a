// `node --expose-gc --import tsx bench/call-floor.ts [latency ms, default 0]`: the client CPU of one
// engine call with nothing else around it, the floor under the collect bench's "client CPU per
// engine call" (issue #20). 5,000 CheckExpression calls in flight at once on the bench app's
// simulator (bench/sim-process.ts), four rounds each (the first warms up), three ways:
// - Qlarity's engine session (lib/qlik/engine/session.ts: enigma.js with the read-only
//   interceptor, the socket guard, the silence watch, Node `ws` with batched writes);
// - enigma.js as its authors use it (bench/serializeapp-peer.ts's plain session);
// - JSON-RPC written by hand over the same `ws` socket (no enigma.js): what enigma.js itself costs.
// Prints CPU ms per call and each round's wall time. Not part of `npm run bench`: no target.
import WebSocket from 'ws';
import { nodeSocketFactory } from '../lib/cli/node-socket';
import { buildEngineUrl } from '../lib/qlik/engine/url';
import { benchAppsDir, endpoint } from './bench-app';
import { openPeerSession } from './serializeapp-peer';
import { startSimProcess } from './sim-process';

const CALLS = 5000;
const ROUNDS = 4;
const texts = Array.from({ length: CALLS }, (_, i) => `Sum(Sales${i % 300})`);
const gc = (globalThis as { gc?: () => void }).gc;

type Check = (text: string) => Promise<unknown>;

async function measure(name: string, check: Check): Promise<void> {
  for (let round = 1; round <= ROUNDS; round++) {
    gc?.();
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(texts.map(check));
    const { user, system } = process.cpuUsage(cpu);
    console.log(`${name}, round ${round}: ${((user + system) / 1000 / CALLS).toFixed(4)} ms of CPU per call, ${Math.round(performance.now() - started)} ms for ${CALLS} calls`);
  }
}

/** A hand-written JSON-RPC client on one `ws` socket: the app opened, then CheckExpression on its handle. */
async function rawSession(url: string, headers: Record<string, string>, appId: string): Promise<{ check: Check; close: () => void }> {
  const socket = new WebSocket(url, { headers });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let id = 0;
  type Answer = { id?: number; result?: { qReturn?: { qHandle?: number } } };
  const waiting = new Map<number, (answer: Answer) => void>();
  socket.on('message', (data: Buffer) => {
    const answer = JSON.parse(data.toString()) as Answer;
    if (answer.id === undefined) return;
    waiting.get(answer.id)?.(answer);
    waiting.delete(answer.id);
  });
  const call = (method: string, handle: number, params: unknown[]) =>
    new Promise<Answer>((resolve) => {
      waiting.set(++id, resolve);
      socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, handle, params }));
    });
  const opened = await call('OpenDoc', -1, [appId]);
  const handle = opened.result?.qReturn?.qHandle;
  if (handle === undefined) throw new Error(`OpenDoc answered without a handle: ${JSON.stringify(opened)}`);
  return { check: (text) => call('CheckExpression', handle, [text, []]), close: () => socket.close() };
}

const dir = await benchAppsDir('qlarity-call-floor-', { calcMs: 5, cachedCalcMs: 1 });
const sim = await startSimProcess(dir, Number(process.argv[2] ?? 0));
try {
  const at = await endpoint(sim);
  const ours = await at.open(nodeSocketFactory({ headers: at.headers }));
  await measure("Qlarity's engine session", (text) => ours.doc.checkExpression(text, []));
  await ours.close();

  const peer = await openPeerSession(sim.url, at.appId, nodeSocketFactory({ headers: at.headers }));
  const doc = peer.doc as { checkExpression(text: string, labels: string[]): Promise<unknown> };
  await measure('enigma.js alone', (text) => doc.checkExpression(text, []));
  await peer.close();

  const raw = await rawSession(buildEngineUrl({ baseUrl: sim.url, appId: at.appId, identity: `floor-${Date.now()}` }), at.headers, at.appId);
  await measure('JSON-RPC over ws, no enigma.js', raw.check);
  raw.close();
} finally {
  sim.stop();
}
