// A client-side record of the engine traffic of one session (the socket's frames), and the longest
// chain of data-dependent requests in it. A request depends on the answer that gave it its handle
// (OpenDoc / GetObject / CreateSessionObject …) and on the answer that first named the ids it
// passes (a list layout naming a sheet before GetObject of that sheet); the Doc and Global handles
// are open before the collection starts (depth 0). depth(request) = 1 + the largest depth it
// depends on, computed when the request is sent, from the answers received so far.
import type { CreateSocket } from '../lib/qlik/engine/types.ts';

export interface TracedCall {
  id: number;
  method: string;
  handle: number;
  depth: number;
  sentAt: number;
  answeredAt?: number;
}

export interface EngineTrace {
  create: CreateSocket;
  readonly calls: TracedCall[];
  /** calls sent in [from, to) */
  between(from: number, to: number): TracedCall[];
}

const HANDLE = /"qHandle":(\d+)|"path":"\/qHandle","value":(\d+)/g;
const QID = /"qId":"((?:[^"\\]|\\.)*)"/g;

export function traceEngine(create: CreateSocket): EngineTrace {
  // During the run only the raw frames and their times are kept (cheap: the traced run is the one
  // being measured); the calls and their depths are worked out when first asked for.
  const frames: { sent: boolean; text: string; at: number }[] = [];
  let replayed: { upTo: number; calls: TracedCall[] } | undefined;
  const calls = (): TracedCall[] => {
    if (replayed?.upTo !== frames.length) replayed = { upTo: frames.length, calls: replay(frames) };
    return replayed.calls;
  };
  return {
    get calls() {
      return calls();
    },
    between: (from, to) => calls().filter((c) => c.sentAt >= from && c.sentAt < to),
    create: (url, headers) => {
      const socket = create(url, headers);
      const send = socket.send.bind(socket);
      socket.send = (data) => {
        frames.push({ sent: true, text: String(data), at: performance.now() });
        send(data);
      };
      // enigma.js sets onmessage after creating the socket: wrap what it sets (ws keeps its own accessor)
      type Handler = ((event: { data: unknown }) => void) | null;
      let proto: object | null = Object.getPrototypeOf(socket) as object | null;
      let accessor: PropertyDescriptor | undefined;
      while (proto && !accessor) {
        accessor = Object.getOwnPropertyDescriptor(proto, 'onmessage');
        proto = Object.getPrototypeOf(proto) as object | null;
      }
      let handler: Handler = null;
      Object.defineProperty(socket, 'onmessage', {
        configurable: true,
        get: () => handler,
        set: (fn: Handler) => {
          handler = fn;
          const wrapped: Handler = fn
            ? (event) => {
                frames.push({ sent: false, text: String(event.data), at: performance.now() });
                fn(event);
              }
            : null;
          accessor?.set?.call(socket, wrapped);
        },
      });
      return socket;
    },
  };
}

/** The calls of recorded frames, in order, each with its depth as of the answers received before it was sent. */
function replay(frames: readonly { sent: boolean; text: string; at: number }[]): TracedCall[] {
  const calls: TracedCall[] = [];
  const byId = new Map<number, TracedCall>();
  const handleDepth = new Map<number, number>();
  const idDepth = new Map<string, number>();
  const depthOf = (handle: number, params: unknown): number => {
    let base = handle > 1 ? (handleDepth.get(handle) ?? 0) : 0;
    const strings = Array.isArray(params) ? params : params && typeof params === 'object' ? Object.values(params) : [];
    for (const p of strings) if (typeof p === 'string') base = Math.max(base, idDepth.get(p) ?? 0);
    return base + 1;
  };
  const received = (text: string, at: number): void => {
    const id = /^\{"jsonrpc":"2\.0","id":(\d+)/.exec(text)?.[1] ?? /"id":(\d+)/.exec(text)?.[1];
    const call = id === undefined ? undefined : byId.get(Number(id));
    if (!call || call.answeredAt !== undefined) return;
    call.answeredAt = at;
    for (const m of text.matchAll(HANDLE)) {
      const h = Number(m[1] ?? m[2]);
      if (!handleDepth.has(h)) handleDepth.set(h, call.depth);
    }
    // only answers that list things (layouts, trees) name ids worth following
    if (/GetLayout|GetFullPropertyTree|GetObjects|GetBookmarks/.test(call.method)) {
      for (const m of text.matchAll(QID)) if (m[1] && !idDepth.has(m[1])) idDepth.set(m[1], call.depth);
    }
  };
  for (const frame of frames) {
    if (!frame.sent) {
      received(frame.text, frame.at);
      continue;
    }
    try {
      const parsed = JSON.parse(frame.text) as { id?: number; method?: string; handle?: number; params?: unknown };
      if (typeof parsed.id === 'number' && typeof parsed.method === 'string') {
        const call: TracedCall = { id: parsed.id, method: parsed.method, handle: parsed.handle ?? 0, depth: depthOf(parsed.handle ?? 0, parsed.params), sentAt: frame.at };
        calls.push(call);
        byId.set(call.id, call);
      }
    } catch {
      // not JSON: not ours to trace
    }
  }
  return calls;
}

/** The longest chain among `calls` (their largest depth), 0 for none. */
export function longestChain(calls: readonly TracedCall[]): number {
  return calls.reduce((max, c) => Math.max(max, c.depth), 0);
}
