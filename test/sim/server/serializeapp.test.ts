// The npm package serializeapp (the collect bench's peer, bench/serializeapp-peer.ts) reads the demo
// app through enigma.js + ws from the simulated tenant: every method it calls is simulated from the
// spec (GetConnection, GetVariableById on script variables, session objects sharing a qId).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadSerializeApp, openPeerSession } from '../../../bench/serializeapp-peer';
import { credentials } from '../../lib/collect/sim-harness';
import { nodeSocketFactory } from '../../../lib/cli/node-socket';
import { type Simulator, startSimulator } from '../index';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ http: true });
});
afterAll(() => sim?.close());

it('serializeapp serializes the demo app without an engine error', async () => {
  const demo = sim.apps.find((a) => a.source.endsWith('demo'));
  if (!demo) throw new Error('demo app missing');
  sim.reset();
  const { headers } = credentials(sim, 'developer');
  const engine = await openPeerSession(sim.url, demo.id, nodeSocketFactory({ headers }));
  try {
    const out = await loadSerializeApp()(engine.doc);
    expect((out.sheets as unknown[]).length).toBeGreaterThan(0);
    expect((out.measures as unknown[]).length).toBeGreaterThan(0);
    const connections = out.dataconnections as { qName: string; qUserName?: string }[];
    expect(connections.map((c) => c.qName)).toEqual(expect.arrayContaining(['Sales', 'Finance']));
    for (const c of connections) expect(c).not.toHaveProperty('qUserName');
    const variables = out.variables as { qName: string; qIsScriptCreated?: boolean }[];
    expect(variables.some((v) => v.qIsScriptCreated)).toBe(true);
    expect(Array.isArray(out.bookmarks) && Array.isArray(out.snapshots)).toBe(true);
  } finally {
    await engine.close();
  }
  expect(sim.calls().filter((c) => c.errorCode !== undefined)).toEqual([]);
}, 60_000);
