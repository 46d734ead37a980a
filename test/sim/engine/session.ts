// createEngineSession: one WebSocket's worth of QIX JSON-RPC over a loaded app.
// Protocol facts reproduced (shared/research/engine.md §2): OnConnected first; handles -1
// Global, 1 the Doc, then increasing; params positional or named with trailing defaults;
// -32601/-32602 errors; `{code, parameter, message}` with spec messages; delta answers as
// JSON-Patch per handle+method+key (enigma.js's cache key); `change`/`close` arrays.
import type { CallRecord, EngineSession, EngineSessionOptions } from '../types';
import { appModelOf } from '../app/load-app';
import { engineSpec } from '../spec/openrpc';
import { JsonText, newSessionState, type Ctx, type HandleEntry, type SessionState } from './context';
import { handlers } from './methods';
import { deltaPatches, ERR, EngineError } from './protocol';

interface Request {
  jsonrpc?: unknown;
  id?: unknown;
  method?: unknown;
  handle?: unknown;
  params?: unknown;
  delta?: unknown;
}

/** App privileges (NxApp.privileges in Qlik Cloud): a viewer can read, not reload/update/create. */
function appPrivileges(role: 'developer' | 'viewer'): string[] {
  return role === 'developer'
    ? ['read', 'update', 'delete', 'reload', 'export', 'duplicate', 'change_owner', 'change_space', 'export_reduced', 'source', 'exportappdata', 'create', 'publish', 'approve', 'exportdata']
    : ['read', 'exportdata'];
}

/** JSON.stringify of a message whose top-level values may be JsonText (spliced in as they are). */
function frameText(message: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(message)) {
    if (value instanceof JsonText) parts.push(`${JSON.stringify(key)}:${value.text}`);
    else if (value !== undefined) parts.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
  }
  return `{${parts.join(',')}}`;
}

const realSleep = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

/**
 * The engine session behind each socket's EngineSession: a socket that attaches (same user and
 * identity, another socket still open or within the TTL) works on the same state: handles,
 * session objects, selections, what was calculated. See README.md "Reconnect and TTL".
 */
const sharedStates = new WeakMap<EngineSession, SessionState>();

export function createEngineSession(options: EngineSessionOptions): EngineSession {
  const spec = engineSpec();
  const sleep = options.sleep ?? realSleep;
  const model = appModelOf(options.app);
  const attachTo = options.attachTo ? sharedStates.get(options.attachTo) : undefined;
  const state = attachTo ?? newSessionState();
  const sendListeners: ((frame: string) => void)[] = [];
  const closeListeners: ((code: number, reason: string) => void)[] = [];
  // Delta state is per socket [I]: an answer lost in a drop would otherwise leave the client's
  // cache behind the engine's, and every later patch would apply to the wrong base. A new socket
  // starts with full values (root `add`), which enigma.js applies over whatever it still holds.
  /** handle → `method-key` → the JSON text last sent (per handle, so a closed handle's entries go in one step) */
  const deltaCache = new Map<number, Map<string, string>>();
  let disposed = false;

  const send = (message: unknown) => {
    if (disposed) return;
    const frame = typeof message === 'string' ? message : JSON.stringify(message);
    for (const l of sendListeners) l(frame);
  };

  const record = (entry: HandleEntry | undefined, handle: number, method: string, params: unknown, errorCode?: number) => {
    const call: CallRecord = {
      session: options.sessionKey,
      userId: options.user.id,
      appId: options.app.id,
      handle,
      objectType: entry?.type ?? 'unknown',
      method,
      params,
      at: Date.now(),
    };
    if (entry?.id !== undefined) call.objectId = entry.id;
    if (entry && entry.type !== 'Global' && entry.type !== 'Doc' && entry.type !== 'Field') call.persistent = Boolean(entry.persistent);
    if (errorCode !== undefined) call.errorCode = errorCode;
    options.record(call);
  };

  function namedParams(type: string, method: string, params: unknown): Record<string, unknown> {
    const list = spec.params(type, method);
    const args: Record<string, unknown> = {};
    if (Array.isArray(params)) {
      if (params.length > list.length && list.length > 0) throw new EngineError(ERR.invalidParams, `too many parameters for ${method}`);
      list.forEach((p, i) => {
        if (i < params.length) args[p.name] = params[i];
        else if (p.hasDefault && !p.required) args[p.name] = structuredClone(p.defaultValue);
      });
    } else if (params && typeof params === 'object') {
      Object.assign(args, params);
      for (const p of list) if (!(p.name in args) && p.hasDefault && !p.required) args[p.name] = structuredClone(p.defaultValue);
    } else if (params !== undefined) {
      throw new EngineError(ERR.invalidParams, 'params must be an array or an object');
    }
    const problem = spec.validateParams(type, method, args);
    if (problem) throw new EngineError(ERR.invalidParams, problem);
    return args;
  }

  // The cache keeps each value's JSON text: comparing texts answers the common "unchanged"
  // case ([]) without walking the value, and a text is cheaper to keep than a deep clone of a
  // layout with data pages (those made concurrent calls wait on the simulator's own CPU). A delta
  // result is returned as JSON text: a first answer reuses that text instead of a second stringify.
  function encodeResult(request: Request, handle: number, method: string, result: Record<string, unknown> | JsonText): Record<string, unknown> | JsonText {
    if (request.delta !== true || result instanceof JsonText) return result;
    const parts: string[] = [];
    let cache = deltaCache.get(handle);
    if (!cache) deltaCache.set(handle, (cache = new Map()));
    for (const [key, value] of Object.entries(result)) {
      const cacheKey = `${method}-${key}`;
      const before = cache.get(cacheKey);
      const text = JSON.stringify(value) ?? 'null';
      let patches: string;
      if (before === undefined) patches = value === undefined ? JSON.stringify(deltaPatches(undefined, value, false)) : `[{"op":"add","path":"/","value":${text}}]`;
      else patches = before === text ? '[]' : JSON.stringify(deltaPatches(JSON.parse(before), value, true));
      parts.push(`${JSON.stringify(key)}:${patches}`);
      cache.set(cacheKey, text);
    }
    return new JsonText(`{${parts.join(',')}}`);
  }

  async function handle(request: Request): Promise<void> {
    const id = request.id;
    const method = typeof request.method === 'string' ? request.method : '';
    const handleNo = typeof request.handle === 'number' ? request.handle : NaN;
    const faults = options.faults();
    if (faults.silent && (faults.silent.methods === undefined || faults.silent.methods.includes(method))) return; // never answered
    if (faults.latencyMs) await sleep(faults.latencyMs);
    const entry = state.handles.get(handleNo);
    if (faults.objectLayoutLatencyMs && method === 'GetLayout' && entry?.type === 'GenericObject' && entry.persistent) await sleep(faults.objectLayoutLatencyMs);
    const reply = (body: Record<string, unknown>) => {
      if (faults.malformedFrameOn === method) send('{"jsonrpc":"2.0", this is not JSON');
      send(frameText({ jsonrpc: '2.0', id, ...body }));
    };
    const fail = (error: EngineError) => {
      record(entry, handleNo, method, request.params, error.code);
      reply({ error: error.toJson() });
    };
    if (request.jsonrpc !== '2.0' || !method || Number.isNaN(handleNo)) return fail(new EngineError(ERR.invalidRequest, 'jsonrpc, method and handle are required'));
    if (!entry) return fail(new EngineError(ERR.invalidParams, 'Invalid handle'));
    if (!spec.hasMethod(entry.type, method)) return fail(new EngineError(ERR.methodNotFound, method));
    // x-qlik-access-control of the spec: e.g. Doc.GetScript needs `reload`, which a viewer lacks
    const privileges = appPrivileges(options.user.role);
    if (spec.accessControl(entry.type, method).some((p) => !privileges.includes(p))) return fail(new EngineError(ERR.accessDenied, method));
    const injected = faults.engineErrors?.find((e) => e.method === method && (e.objectId === undefined || e.objectId === entry.id));
    if (injected) return fail(new EngineError(injected.code, injected.parameter ?? ''));
    let args: Record<string, unknown>;
    try {
      args = namedParams(entry.type, method, request.params);
    } catch (error) {
      return fail(error instanceof EngineError ? error : new EngineError(ERR.invalidParams));
    }
    const handler = handlers[entry.type]?.[method];
    if (!handler) return fail(new EngineError(ERR.notImplemented, `${entry.type}.${method} is not simulated`));
    const ctx: Ctx = { app: options.app, model, user: options.user, spec, entry, state, privileges, sleep };
    try {
      const answer = await handler(ctx, args);
      if (disposed) return;
      // a delta answer is encoded per result key (encodeResult): it needs the value itself
      const result = answer instanceof JsonText && request.delta === true ? (JSON.parse(answer.text) as Record<string, unknown>) : answer;
      record(entry, handleNo, method, request.params);
      const body: Record<string, unknown> = { result: encodeResult(request, handleNo, method, result) };
      if (request.delta === true) body.delta = true;
      const changed = state.changed.size ? [...state.changed].filter((h) => state.handles.has(h)) : [];
      const closed = state.closed.size ? [...state.closed] : [];
      state.changed.clear();
      state.closed.clear();
      for (const h of closed) {
        state.handles.delete(h);
        deltaCache.delete(h);
      }
      if (changed.length) body.change = changed;
      if (closed.length) body.close = closed;
      reply(body);
    } catch (error) {
      if (error instanceof EngineError) return fail(error);
      return fail(new EngineError(-32603, error instanceof Error ? error.message : String(error)));
    }
  }

  let connectedSent = false;
  /** OnConnected always goes out before any answer. */
  const ensureConnected = () => {
    if (connectedSent) return;
    connectedSent = true;
    send({ jsonrpc: '2.0', method: 'OnConnected', params: { qSessionState: options.attached ? 'SESSION_ATTACHED' : 'SESSION_CREATED' } });
  };
  queueMicrotask(ensureConnected);

  const session: EngineSession = {
    receive(frame: string) {
      if (disposed) return;
      ensureConnected();
      let request: Request;
      try {
        request = JSON.parse(frame) as Request;
      } catch {
        send({ jsonrpc: '2.0', id: null, error: new EngineError(ERR.parse, 'frame is not JSON').toJson() });
        return;
      }
      if (typeof request !== 'object' || request === null || Array.isArray(request)) {
        send({ jsonrpc: '2.0', id: null, error: new EngineError(ERR.invalidRequest).toJson() });
        return;
      }
      void handle(request);
    },
    onSend(listener) {
      sendListeners.push(listener);
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
    detach() {
      disposed = true;
      deltaCache.clear();
    },
    dispose() {
      disposed = true;
      state.handles.clear();
      state.sessionObjects.clear();
      deltaCache.clear();
    },
  };
  sharedStates.set(session, state);
  return session;
}
