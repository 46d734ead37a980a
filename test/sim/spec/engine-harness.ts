// Test helpers: a SimUser pair, call recording, raw JSON-RPC round trips and an enigma.js
// session over a MemorySocket. Waits are recorded instead of slept (EngineSessionOptions.sleep).
import enigma from 'enigma.js';
import schema from 'enigma.js/schemas/12.2027.0.json';
import type { CallRecord, FaultConfig, SimApp, SimUser } from '../types';
import { createEngineSession } from '../engine/session';
import { MemorySocket } from './memory-socket';

export const developer: SimUser = { id: 'u-dev', name: 'Dev', email: 'dev@example.com', subject: 'auth0|dev', role: 'developer', password: 'x' };
export const viewer: SimUser = { id: 'u-view', name: 'Viewer', email: 'view@example.com', subject: 'auth0|view', role: 'viewer', password: 'x' };

export interface Harness {
  calls: CallRecord[];
  faults: FaultConfig;
  /** every wait the engine asked for, in ms, in order */
  sleeps: number[];
  socket?: MemorySocket;
}

export function engineFor(app: SimApp, user: SimUser = developer, faults: FaultConfig = {}) {
  const harness: Harness = { calls: [], faults, sleeps: [] };
  const session = createEngineSession({
    app,
    user,
    sessionKey: app.id,
    attached: false,
    faults: () => harness.faults,
    record: (c) => harness.calls.push(c),
    sleep: async (ms) => {
      harness.sleeps.push(ms);
    },
  });
  return { harness, session };
}

export interface RpcAnswer {
  id?: number;
  result?: Record<string, unknown>;
  error?: { code: number; parameter: string; message: string };
  change?: number[];
  close?: number[];
  delta?: boolean;
}

/** Raw JSON-RPC over an EngineSession: `call` sends one request and resolves with its answer. */
export function rpcFor(app: SimApp, user: SimUser = developer, faults: FaultConfig = {}) {
  const { harness, session } = engineFor(app, user, faults);
  const frames: string[] = [];
  const sent: string[] = [];
  const waiting = new Map<number, (a: RpcAnswer) => void>();
  session.onSend((frame) => {
    frames.push(frame);
    let answer: RpcAnswer;
    try {
      answer = JSON.parse(frame) as RpcAnswer;
    } catch {
      return;
    }
    if (typeof answer.id === 'number') waiting.get(answer.id)?.(answer);
  });
  let nextId = 1;
  const call = (handle: number, method: string, params: unknown = [], extra: Record<string, unknown> = {}) =>
    new Promise<RpcAnswer>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      const frame = JSON.stringify({ jsonrpc: '2.0', id, handle, method, params, ...extra });
      sent.push(frame);
      session.receive(frame);
    });
  return { harness, session, frames, sent, call };
}

export function enigmaSession(app: SimApp, opts: { user?: SimUser; delta?: boolean; faults?: FaultConfig } = {}) {
  const { harness, session } = engineFor(app, opts.user, opts.faults);
  const enigmaSession = enigma.create({
    schema,
    url: `wss://sim.example.com/app/${app.id}`,
    createSocket: () => {
      harness.socket = new MemorySocket(session);
      return harness.socket as unknown as WebSocket;
    },
    protocol: { delta: opts.delta ?? true },
  });
  return { harness, enigmaSession };
}
