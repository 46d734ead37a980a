// A client-side record of the engine traffic of one session (the socket's frames), and the longest
// chain of data-dependent requests in it. A request depends on the answer that gave it its handle
// (OpenDoc / GetObject / CreateSessionObject …) and on the answer that first named the ids it
// passes (a list layout naming a sheet before GetObject of that sheet); the Doc and Global handles
// are open before the collection starts (depth 0). depth(request) = 1 + the largest depth it
// depends on, computed when the request is sent, from the answers received so far.
import type { CreateSocket } from '../lib/qlik/engine/types';

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
  calls: TracedCall[];
  /** calls sent in [from, to) */
  between(from: number, to: number): TracedCall[];
}

const HANDLE = /"qHandle":(\d+)|"path":"\/qHandle","value":(\d+)/g;
const QID = /"qId":"((?:[^"\\]|\\.)*)"/g;
const ID = /"id":(\d+)/;
const ANSWER_ID = /^\{"jsonrpc":"2\.0","id":(\d+)/;
const METHOD = /"method":"(\w+)"/;
const HANDLE_PARAM = /"handle":(-?\d+)/;
const STRING = /"((?:[^"\\]|\\.)*)"/g;
/** requests whose params can name an object listed earlier (GetObject, GetMeasure, GetBookmark, …) */
const NAMES_AN_OBJECT = /^(Get|Destroy)\w*(Object|Measure|Dimension|Variable\w*|Bookmark)$/;
const LISTS = /GetLayout|GetFullPropertyTree|GetObjects|GetBookmarks/;

export function traceEngine(create: CreateSocket): EngineTrace {
  const calls: TracedCall[] = [];
  const byId = new Map<number, TracedCall>();
  const handleDepth = new Map<number, number>();
  const idDepth = new Map<string, number>();
  // Kept cheap (the traced run is the one being measured): regexes on the frame text instead of
  // JSON.parse, params read only for methods that name an object, answers scanned only for handles
  // and, when they list things, ids; no frame is kept.
  const sent = (text: string): void => {
    const id = ID.exec(text)?.[1];
    const method = METHOD.exec(text)?.[1];
    if (id === undefined || method === undefined) return;
    const handle = Number(HANDLE_PARAM.exec(text)?.[1] ?? 0);
    let depth = handle > 1 ? (handleDepth.get(handle) ?? 0) : 0;
    if (NAMES_AN_OBJECT.test(method)) {
      for (const m of text.matchAll(STRING)) depth = Math.max(depth, idDepth.get(m[1] ?? '') ?? 0);
    }
    const call: TracedCall = { id: Number(id), method, handle, depth: depth + 1, sentAt: performance.now() };
    calls.push(call);
    byId.set(call.id, call);
  };
  const received = (text: string): void => {
    const id = ANSWER_ID.exec(text)?.[1] ?? ID.exec(text)?.[1];
    const call = id === undefined ? undefined : byId.get(Number(id));
    if (!call || call.answeredAt !== undefined) return;
    call.answeredAt = performance.now();
    if (text.includes('qHandle')) {
      for (const m of text.matchAll(HANDLE)) {
        const h = Number(m[1] ?? m[2]);
        if (!handleDepth.has(h)) handleDepth.set(h, call.depth);
      }
    }
    // only answers that list things (layouts, trees) name ids worth following
    if (LISTS.test(call.method)) {
      for (const m of text.matchAll(QID)) if (m[1] && !idDepth.has(m[1])) idDepth.set(m[1], call.depth);
    }
  };
  return {
    calls,
    between: (from, to) => calls.filter((c) => c.sentAt >= from && c.sentAt < to),
    create: (url, headers) => {
      const socket = create(url, headers);
      const send = socket.send.bind(socket);
      socket.send = (data) => {
        sent(String(data));
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
                received(String(event.data));
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

/** The longest chain among `calls` (their largest depth), 0 for none. */
export function longestChain(calls: readonly TracedCall[]): number {
  return calls.reduce((max, c) => Math.max(max, c.depth), 0);
}
