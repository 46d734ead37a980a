// Test helpers: connect lib/ code to the simulated tenant over real `ws` (HTTP mode) or over an
// in-memory socket straight into test/sim/engine's createEngineSession.
import { vi } from 'vitest';
import { nodeSocketFactory } from '../../../lib/cli/node-socket';
import { openEngineSession, type EngineSession } from '../../../lib/qlik/engine/session';
import type { CreateSocket, WebSocketLike } from '../../../lib/qlik/engine/types';
import { createRestClient, type RestClient } from '../../../lib/qlik/rest/client';
import { createEngineSession } from '../../sim/engine/index';
import { persistentChanges } from '../../sim/engine/persistent-changes';
import type { Simulator } from '../../sim/index';
import type { CallRecord, FaultConfig, SimApp, SimUser } from '../../sim/types';

export interface Connected {
  engine: EngineSession;
  rest: RestClient;
}

/** developer: API key; viewer: a signed-in cookie session with its CSRF token */
export function credentials(sim: Simulator, role: 'developer' | 'viewer'): { headers: Record<string, string>; query: Record<string, string> } {
  if (role === 'developer') return { headers: { Authorization: `Bearer ${sim.apiKey}` }, query: {} };
  const { cookie, csrfToken } = sim.login(sim.users.viewer);
  return { headers: { Cookie: cookie }, query: { 'qlik-csrf-token': csrfToken } };
}

/** The simulator's demo app (test/sim/apps/demo), the one the collection tests read. */
export function demoApp(sim: Simulator): SimApp {
  const demo = sim.apps.find((a) => a.source.endsWith('demo')) ?? sim.apps[0];
  if (!demo) throw new Error('the simulator loaded no app (test/sim/apps/demo missing?)');
  return demo;
}

export function restFor(sim: Simulator, role: 'developer' | 'viewer' = 'developer'): RestClient {
  const { headers } = credentials(sim, role);
  return createRestClient({ baseUrl: sim.url, fetch: (u, i) => fetch(u, i), authHeaders: () => headers, sleep: async () => undefined });
}

export async function connectWs(sim: Simulator, appId: string, role: 'developer' | 'viewer' = 'developer', identity?: string): Promise<Connected> {
  const { headers, query } = credentials(sim, role);
  const engine = await openEngineSession({ url: sim.url, appId, createSocket: nodeSocketFactory({ headers }), query, ...(identity ? { identity } : {}) });
  return { engine, rest: restFor(sim, role) };
}

/** A WebSocketLike wired straight to an engine session: no network, same frames. */
export function inMemorySocketFactory(app: SimApp, user: SimUser, record: (call: CallRecord) => void, faults: () => FaultConfig = () => ({})): CreateSocket {
  return (url) => {
    const sessionKey = decodeURIComponent(new URL(url).pathname.replace(/^\/app\//, ''));
    const engine = createEngineSession({ app, user, sessionKey, attached: false, faults, record });
    let open = true;
    const socket: WebSocketLike = {
      readyState: 0,
      OPEN: 1,
      onopen: null,
      onclose: null,
      onerror: null,
      onmessage: null,
      send: (data) => {
        if (open) engine.receive(data);
      },
      close: (code = 1000, reason = '') => {
        if (!open) return;
        open = false;
        engine.dispose();
        (socket as { readyState: number }).readyState = 3;
        queueMicrotask(() => socket.onclose?.({ code, reason }));
      },
    };
    engine.onSend((frame) => queueMicrotask(() => open && socket.onmessage?.({ data: frame })));
    engine.onClose((code, reason) => socket.close(code, reason));
    queueMicrotask(() => {
      (socket as { readyState: number }).readyState = 1;
      socket.onopen?.({});
    });
    return socket;
  };
}

/** Methods that change persistent state (a read-only collection never calls them on saved objects). */
export const WRITE_METHODS = new Set([
  'SetProperties', 'ApplyPatches', 'SetFullPropertyTree', 'CreateObject', 'DestroyObject', 'CreateChild', 'DestroyChild',
  'DestroyAllChildren', 'CreateMeasure', 'DestroyMeasure', 'CreateDimension', 'DestroyDimension', 'CreateBookmark',
  'DestroyBookmark', 'CreateVariable', 'CreateVariableEx', 'DestroyVariableById', 'DestroyVariableByName', 'SetScript',
  'DoSave', 'DoReload', 'DoReloadEx', 'SetAppProperties', 'Publish', 'UnPublish', 'Approve', 'UnApprove', 'ClearAll',
  'SelectValues', 'SetDefinition', 'SetStringValue', 'SetNumValue', 'Lock', 'Unlock', 'AddAlternateState', 'RemoveAlternateState',
  'CopyFrom', 'ImportApp', 'Embed',
]);

/** What a test asserts about read-only behaviour, from the simulator's call record. */
export function readOnlyViolations(calls: CallRecord[]): string[] {
  const problems: string[] = persistentChanges(calls);
  for (const c of calls) {
    if (WRITE_METHODS.has(c.method)) problems.push(`${c.method} on ${c.objectType} ${c.objectId ?? c.handle}`);
    if (c.persistent === true && /^(Set|Apply|Create|Destroy)/.test(c.method)) problems.push(`${c.method} on persistent ${c.objectId}`);
  }
  const creates = calls.filter((c) => c.method === 'CreateSessionObject' && c.errorCode === undefined).length;
  const destroys = calls.filter((c) => c.method === 'DestroySessionObject' && c.errorCode === undefined).length;
  if (creates !== destroys) problems.push(`${creates} session objects created, ${destroys} destroyed`);
  return problems;
}

/**
 * Runs `run` on a virtual clock (vitest fake timers: setTimeout and performance): the simulated
 * engine's modelled waits (calc-cost.ts) pass instantly and exactly, and the simulator's own
 * JavaScript work takes no (virtual) time. Timings measured inside are then the engine cost
 * model's, independent of the machine. Only for an in-memory socket (no real I/O inside).
 */
export async function onVirtualClock<T>(run: () => Promise<T>): Promise<T> {
  const realImmediate = globalThis.setImmediate;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
  try {
    let settled = false;
    const result = run().finally(() => {
      settled = true;
    });
    while (!settled) {
      // let every pending reply and microtask run, then jump to the next modelled wait
      await new Promise<void>((resolve) => realImmediate(() => resolve()));
      if (!settled && vi.getTimerCount() > 0) await vi.advanceTimersToNextTimerAsync();
    }
    return await result;
  } finally {
    vi.useRealTimers();
  }
}
