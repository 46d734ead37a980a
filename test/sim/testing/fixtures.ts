// Shared by the server tests: two small in-test apps, a minimal JSON-RPC engine stand-in for
// transport tests (the real engine is exercised in enigma.test.ts), and HTTP/WebSocket helpers.
import WebSocket from 'ws';
import { type Simulator, startSimulator } from '../index';
import type { EngineSession, EngineSessionOptions, SimApp } from '../types';

export const SHARED_APP_ID = '3f6a0f7e-5a8b-4c1d-9e2f-0a1b2c3d4e5f';
export const PERSONAL_APP_ID = '9c8b7a6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d';
export const SPACE_ID = '659d0e41d1b0ecce6eebc9b1';
export const RELOAD_ID = '6655aa00bb11cc22dd33ee44';
export const EVALUATION_ID = '6662dd5c0a1b2c3d4e5f6071';

function stored(id: string, type: string, properties: Record<string, unknown>) {
  return { id, type, properties: { qInfo: { qId: id, qType: type }, ...properties }, childIds: [] };
}

function appFixture(id: string, name: string, attributes: Record<string, unknown>): SimApp {
  const objects = new Map([
    [
      'sheet1',
      stored('sheet1', 'sheet', {
        qMetaDef: { title: 'My new sheet', description: '' },
        rank: 0,
        columns: 24,
        rows: 12,
        cells: [
          { name: 'chart1', type: 'barchart', col: 0, row: 0, colspan: 12, rowspan: 6 },
          { name: 'kpi1', type: 'kpi', col: 12, row: 0, colspan: 12, rowspan: 6 },
        ],
      }),
    ],
    ['private1', stored('private1', 'sheet', { qMetaDef: { title: 'Draft ideas' }, rank: 1, cells: [] })],
    ['chart1', stored('chart1', 'barchart', { title: 'Sales by <Region>' })],
    ['kpi1', stored('kpi1', 'kpi', { title: { qStringExpression: { qExpr: "='Total'" } } })],
  ]);
  return {
    id,
    name,
    source: `in-test:${name}`,
    notes: [],
    attributes: {
      id,
      name,
      description: '',
      thumbnail: '',
      lastReloadTime: '2026-11-20T09:00:10.000Z',
      createdDate: '2026-11-01T08:00:00.000Z',
      modifiedDate: '2026-11-20T09:00:11.000Z',
      owner: 'developer',
      ownerId: 'developer',
      dynamicColor: '',
      published: false,
      publishTime: '',
      custom: {},
      hasSectionAccess: false,
      encrypted: true,
      originAppId: '',
      isDirectQueryMode: false,
      usage: 'ANALYTICS',
      _resourcetype: 'app',
      ...attributes,
    },
    model: { objects, objectMeta: new Map([['private1', { published: false, owner: 'developer' }]]) },
    dataMetadata: {
      reload_meta: { cpu_time_spent_ms: 1200, hardware: { logical_cores: 8, total_memory: 34359738368 }, peak_memory_bytes: 90000000 },
      static_byte_size: 2_500_000,
      fields: [
        { name: 'Region', src_tables: ['Sales'], is_system: false, is_hidden: false, is_semantic: false, distinct_only: false, cardinal: 4, total_count: 1000, is_locked: false, always_one_selected: false, is_numeric: false, comment: '', tags: ['$text'], byte_size: 64, hash: 'abc' },
      ],
      tables: [{ name: 'Sales', is_system: false, is_semantic: false, is_loose: false, no_of_rows: 1000, no_of_fields: 1, no_of_key_fields: 0, comment: '', byte_size: 4000 }],
      has_section_access: false,
      is_direct_query_mode: false,
      usage: 'ANALYTICS',
      tables_profiling_data: [],
    },
    reloads: [
      {
        id: RELOAD_ID,
        appId: id,
        userId: 'developer',
        type: 'hub',
        status: 'SUCCEEDED',
        partial: false,
        creationTime: '2026-11-20T09:00:00.000Z',
        startTime: '2026-11-20T09:00:01.000Z',
        endTime: '2026-11-20T09:00:10.000Z',
        engineTime: '2026-11-20T09:00:09.000Z',
        log: 'Started loading\nApp saved\nFinished successfully\n',
      },
    ],
    reloadLogs: { [RELOAD_ID]: '2026-11-20 09:00:04 0002  Sales:\n2026-11-20 09:00:04 0003  LOAD * INLINE [Region\nNorth];\n      1 fields found: Region,\n      1000 lines fetched\n' },
    reloadMetadata: {
      [RELOAD_ID]: { data: [{ reloadId: RELOAD_ID, endTime: '2026-11-20T09:00:10.000Z', success: true, duration: 9000, rowLimit: -1, isPartialReload: false, skipStore: false, statements: [{ label: 'Sales', nbrOfRows: 1000, nbrOfFields: 1, dataSize: 4000, duration: 120 }] }] },
    },
    evaluations: [
      {
        id: EVALUATION_ID,
        appId: id,
        status: 'finished',
        started: '2026-11-20T10:01:02.000Z',
        ended: '2026-11-20T10:03:40.000Z',
        result: {
          documentSizeMiB: 2.4,
          sheetCount: 1,
          objectCount: 2,
          rowCount: 1000,
          objSlowUncached: [{ id: 'chart1', title: 'Sales by <Region>', sheetId: 'sheet1', objectType: 'barchart', responseTimeSeconds: 3.81 }],
          topFieldsByBytes: [{ name: 'Region', byte_size: 64, is_system: false }],
        },
        details: { objectMetrics: { chart1: { id: 'chart1', objectType: 'barchart', passes: [{ responseTimeSeconds: 3.81, cpuSeconds: [3.2], cpuQuotients: [0.84] }] } } },
      },
    ],
    script: 'Sales:\nLOAD * INLINE [Region\nNorth];\n',
  };
}

/** an app in a shared space (viewer can read) and one in the developer's personal space (viewer cannot) */
export function testApps(): SimApp[] {
  return [appFixture(SHARED_APP_ID, 'Shared sales', { spaceId: SPACE_ID }), appFixture(PERSONAL_APP_ID, 'Private draft', {})];
}

/**
 * A JSON-RPC echo standing in for test/sim/engine in transport tests: announces the session
 * (OnConnected, like the engine), answers every request with `{method}` and records it.
 */
export function echoEngine(options: EngineSessionOptions): EngineSession {
  const sendListeners: ((frame: string) => void)[] = [];
  const send = (message: unknown) => sendListeners.forEach((l) => l(JSON.stringify(message)));
  queueMicrotask(() => send({ jsonrpc: '2.0', method: 'OnConnected', params: { qSessionState: options.attached ? 'SESSION_ATTACHED' : 'SESSION_CREATED' } }));
  return {
    receive(frame) {
      const request = JSON.parse(frame) as { id: number; method: string; handle: number; params: unknown };
      options.record({ session: options.sessionKey, userId: options.user.id, appId: options.app.id, handle: request.handle, objectType: 'Global', method: request.method, params: request.params, at: Date.now() });
      send({ jsonrpc: '2.0', id: request.id, result: { method: request.method, user: options.user.id } });
    },
    onSend: (listener) => void sendListeners.push(listener),
    onClose: () => undefined,
    dispose: () => undefined,
  };
}

export function startTestSimulator(extra: { http?: boolean; latencyMs?: number } = {}): Promise<Simulator> {
  return startSimulator({ apps: testApps(), http: extra.http ?? true, latencyMs: extra.latencyMs, createEngineSession: echoEngine });
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: () => unknown;
}

/** fetch against the simulator without following redirects */
export async function call(sim: Simulator, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${sim.url}${path}`, { redirect: 'manual', ...init });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as unknown };
}

export interface SocketOutcome {
  /** frames received before the socket closed */
  frames: unknown[];
  closeCode?: number;
  /** HTTP status when the handshake was refused */
  refusedStatus?: number;
}

/** open an engine socket; resolve once `messages.length` answers arrived (or the socket closed/was refused) */
export function openEngineSocket(url: string, options: { headers?: Record<string, string>; messages?: unknown[]; keepOpen?: boolean } = {}): Promise<SocketOutcome & { socket: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers: options.headers });
    const outcome: SocketOutcome & { socket: WebSocket } = { frames: [], socket };
    const messages = options.messages ?? [];
    const answersWanted = messages.length;
    let answers = 0;
    socket.on('unexpected-response', (_req, res) => {
      outcome.refusedStatus = res.statusCode;
      res.resume();
      resolve(outcome);
    });
    socket.on('open', () => messages.forEach((m) => socket.send(JSON.stringify(m))));
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { id?: number };
      outcome.frames.push(frame);
      if (frame.id !== undefined) answers += 1;
      if (answersWanted > 0 && answers === answersWanted && !options.keepOpen) {
        socket.close();
      }
    });
    socket.on('close', (code) => {
      outcome.closeCode = code;
      resolve(outcome);
    });
    socket.on('error', () => undefined);
  });
}
