// The MAIN-world half of the in-tab bridge: opens the engine WebSocket and makes REST calls *as the
// page*, so they carry the tab's origin and the user's cookies (no web integration needed, works in
// Firefox containers and on QSEoW). See lib/protocol/bridge.ts for the message flow.
//
// Why a function injected with `scripting.executeScript({ world: 'MAIN', func, args: [nonce] })`
// rather than a file (WXT unlisted script / `<script src>`):
// - `args` hands the per-injection nonce to this code without the page seeing it; a file cannot
//   take arguments, and a value passed through the DOM or a global is readable by every page script.
// - `world: 'MAIN'` in executeScript is in Chrome ≥ 102 and Firefox ≥ 128 (MDN
//   scripting.ExecutionWorld, mdn/browser-compat-data#23325), inside our minimums (116 / 128).
// - No web_accessible_resources entry is needed (a `<script src>` would need one, which lets any
//   site probe for the extension, and the Qlik page CSP would have to allow it).
//
// The private channel: this function creates a MessageChannel, keeps one end in its closure and
// hands the other to the relay in ONE synchronous DOM event whose type holds the nonce. The relay
// (an isolated-world listener registered for exactly that type before the injection) takes the
// port and says so with preventDefault. Page scripts cannot take it: they run neither during this
// synchronous dispatch nor before it with a listener for a type they cannot know. After that,
// nothing travels over window.postMessage. Every built-in this code calls later (socket send and
// close, event fields, the port, JSON, Response) is taken at injection and called with
// Reflect.apply, and its sockets live in a closure: a page script that patches prototypes after
// the injection never gets hold of a socket, the port or a frame, and events it dispatches itself
// (isTrusted false) are ignored. What this does not cover: a page script that replaced the page's
// built-ins (MessageChannel, dispatchEvent, WebSocket, fetch) BEFORE the injection controls what
// this code can do in the page, as it controls the Sense client; it still finds no secret here,
// and the relay bounds and checks everything that comes back.
//
// Rules for this function: it is serialised with Function.prototype.toString, so it must not use
// anything from outside its own body (no imports, no module constants, no helpers). It holds no
// secrets and only does what the page could do itself: same-origin WebSocket and fetch.
// Everything it sends out is parsed with zod by the content relay (lib/extension/bridge/relay.ts).

export function installPageBridge(nonce: string): 'installed' | 'bad-nonce' | 'no-relay' {
  const TAG = 'qlarity-bridge/2'; // = BRIDGE_TAG in lib/protocol/bridge.ts (a test keeps them equal)
  const MAX_BATCH = 1024; // = MAX_BATCH_FRAMES in lib/protocol/bridge.ts (a test keeps them equal)
  if (typeof nonce !== 'string' || !/^[A-Za-z0-9_-]{22,128}$/.test(nonce)) return 'bad-nonce';
  const win = window;

  // ---- the built-ins, taken now: a later monkey-patch by another page script does not reach us ----
  type Fn = (...args: never[]) => unknown;
  const apply = Reflect.apply as (fn: Fn, self: unknown, args: unknown[]) => unknown;
  const describe = Object.getOwnPropertyDescriptor;
  const accessor = (proto: object | undefined, name: string) => {
    const found = proto ? describe(proto, name) : undefined;
    return { get: found?.get as Fn | undefined, set: found?.set as Fn | undefined };
  };
  /** obj[name] through the getter taken at injection (a plain property where there is none, e.g. test fakes) */
  const read = (obj: object, name: string, taken: { get?: Fn }): unknown => {
    if (taken.get) {
      try {
        return apply(taken.get, obj, []);
      } catch {
        // not an instance of that interface (test fakes): read the plain property
      }
    }
    return (obj as Record<string, unknown>)[name];
  };
  const write = (obj: object, name: string, taken: { set?: Fn }, value: unknown) => {
    if (taken.set) apply(taken.set, obj, [value]);
    else (obj as Record<string, unknown>)[name] = value;
  };
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const isArray = Array.isArray;
  const strSlice = String.prototype.slice as Fn;
  const slice = (text: string, end: number) => apply(strSlice, text, [0, end]) as string;
  const NativeWebSocket = win.WebSocket;
  const wsProto = NativeWebSocket.prototype as object;
  const wsSend = wsProto && (describe(wsProto, 'send')?.value as Fn | undefined);
  const wsClose = wsProto && (describe(wsProto, 'close')?.value as Fn | undefined);
  const wsReadyState = accessor(wsProto, 'readyState');
  const wsHandlers = { open: accessor(wsProto, 'onopen'), message: accessor(wsProto, 'onmessage'), error: accessor(wsProto, 'onerror'), close: accessor(wsProto, 'onclose') };
  const messageData = accessor(typeof MessageEvent === 'undefined' ? undefined : MessageEvent.prototype, 'data');
  const closeEventProto = typeof CloseEvent === 'undefined' ? undefined : CloseEvent.prototype;
  const closeFields = { code: accessor(closeEventProto, 'code'), reason: accessor(closeEventProto, 'reason'), wasClean: accessor(closeEventProto, 'wasClean') };
  const portProto = typeof MessagePort === 'undefined' ? undefined : (MessagePort.prototype as object);
  const portPost = portProto ? (describe(portProto, 'postMessage')?.value as Fn | undefined) : undefined;
  const portClose = portProto ? (describe(portProto, 'close')?.value as Fn | undefined) : undefined;
  const portOnMessage = accessor(portProto, 'onmessage');
  const nativeFetch = win.fetch as Fn;
  const responseProto = typeof Response === 'undefined' ? undefined : (Response.prototype as object);
  const responseText = responseProto ? (describe(responseProto, 'text')?.value as Fn | undefined) : undefined;
  const responseFields = { status: accessor(responseProto, 'status'), statusText: accessor(responseProto, 'statusText'), headers: accessor(responseProto, 'headers') };
  const headersForEach = typeof Headers === 'undefined' ? undefined : (describe(Headers.prototype, 'forEach')?.value as Fn | undefined);
  const origin = win.location.origin;
  const socketPrefix = `${win.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${win.location.host}/`;
  /** our sockets, by id; a null-prototype object, so no Map method a page could patch is involved */
  const sockets: Record<string, WebSocket> = Object.create(null) as Record<string, WebSocket>;
  /** events a page script dispatched itself (not the browser) are not the socket's */
  const synthetic = (event: unknown) => (event as { isTrusted?: unknown } | null)?.isTrusted === false;

  // ---- the handoff: one synchronous event, type = handoffEventType(nonce) in lib/extension/bridge/wire.ts ----
  const channel = new win.MessageChannel();
  const port = channel.port1;
  const closePort = (which: MessagePort) => (portClose ? apply(portClose, which, []) : which.close());
  const handoff = new win.MessageEvent(`${TAG}:handoff:${nonce}`, { ports: [channel.port2], cancelable: true });
  const taken = !win.dispatchEvent(handoff);
  if (!taken) {
    closePort(port);
    closePort(channel.port2);
    return 'no-relay';
  }

  // Frames go out in batches: what this task produced (WebSocket messages that arrived together
  // run as separate tasks, so the flush waits for a task of its own, posted on a second private
  // channel: unlike a timer, it is not throttled in a background tab).
  type Msg = Record<string, unknown> & { type: string };
  const postTo = (which: MessagePort, data: unknown) => (portPost ? apply(portPost, which, [data]) : which.postMessage(data));
  const flushChannel = new win.MessageChannel();
  let batch: string[] = [];
  const flush = () => {
    const frames = batch;
    batch = [];
    if (frames.length) postTo(port, frames);
  };
  write(flushChannel.port2, 'onmessage', portOnMessage, flush);
  const post = (msg: Msg) => {
    if (batch.length === 0) postTo(flushChannel.port1, null);
    batch[batch.length] = stringify(msg);
    if (batch.length === MAX_BATCH) flush();
  };
  const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const socketCall = (ws: WebSocket, fn: Fn | undefined, name: 'send' | 'close', args: unknown[]) =>
    fn ? apply(fn, ws, args) : (ws[name] as (...a: unknown[]) => unknown)(...args);

  const openSocket = (socketId: string, url: string) => {
    // the relay checked the address (lib/extension/bridge/wire.ts isSameOriginSocketUrl); check the prefix again without URL
    if (slice(url, socketPrefix.length) !== socketPrefix || sockets[socketId]) {
      post({ type: 'ws-closed', socketId, code: 1006, reason: 'Engine address is not on this tab origin', wasClean: false });
      return;
    }
    const ws = new NativeWebSocket(url);
    sockets[socketId] = ws;
    write(ws, 'onopen', wsHandlers.open, (event: Event) => {
      if (!synthetic(event)) post({ type: 'ws-opened', socketId });
    });
    write(ws, 'onmessage', wsHandlers.message, (event: MessageEvent) => {
      if (synthetic(event)) return;
      const data = read(event, 'data', messageData);
      if (typeof data === 'string') post({ type: 'ws-message', socketId, data });
    });
    write(ws, 'onerror', wsHandlers.error, (event: Event) => {
      if (!synthetic(event)) post({ type: 'ws-error', socketId });
    });
    write(ws, 'onclose', wsHandlers.close, (event: CloseEvent) => {
      if (synthetic(event)) return;
      delete sockets[socketId];
      const code = read(event, 'code', closeFields.code);
      const reason = read(event, 'reason', closeFields.reason);
      post({ type: 'ws-closed', socketId, code, reason: slice(typeof reason === 'string' ? reason : '', 1024), wasClean: read(event, 'wasClean', closeFields.wasClean) === true });
    });
  };

  const runFetch = async (requestId: string, cmd: Msg) => {
    try {
      const path = str(cmd.path) ?? '';
      // the relay checked it is a path on this origin (SameOriginPath); no URL parsing a page could patch
      if (slice(path, 1) !== '/' || slice(path, 2) === '//' || slice(path, 2) === '/\\') throw new Error('Not a path on this tab origin');
      const headers = cmd.headers && typeof cmd.headers === 'object' ? (cmd.headers as Record<string, string>) : {};
      const response = (await apply(nativeFetch, win, [
        origin + path,
        { method: str(cmd.method) ?? 'GET', headers, body: str(cmd.body), credentials: 'same-origin', cache: 'no-store' },
      ])) as Response;
      const body = (await (responseText ? apply(responseText, response, []) : response.text())) as string;
      const responseHeaders: [string, string][] = [];
      const headerList = read(response, 'headers', responseFields.headers) as Headers;
      const collect = (value: string, name: string) => {
        responseHeaders[responseHeaders.length] = [name, value];
      };
      if (headersForEach) apply(headersForEach, headerList, [collect]);
      else headerList.forEach(collect);
      post({
        type: 'fetch-response',
        requestId,
        status: read(response, 'status', responseFields.status),
        statusText: read(response, 'statusText', responseFields.statusText),
        headers: responseHeaders,
        body,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : typeof error === 'string' ? error : 'request failed';
      post({ type: 'fetch-failed', requestId, message: slice(message, 1024) });
    }
  };

  let disposed = false;
  const run = (data: unknown) => {
    if (typeof data !== 'string' || disposed) return;
    let cmd: Msg | null;
    try {
      cmd = parse(data) as Msg | null;
    } catch {
      return;
    }
    if (!cmd || typeof cmd !== 'object') return;
    const socketId = str(cmd.socketId);
    const ws = socketId ? sockets[socketId] : undefined;
    if (cmd.type === 'ws-open' && socketId) openSocket(socketId, str(cmd.url) ?? '');
    else if (cmd.type === 'ws-send' && ws) {
      if (read(ws, 'readyState', wsReadyState) === 1) socketCall(ws, wsSend, 'send', [str(cmd.data) ?? '']);
    } else if (cmd.type === 'ws-close' && ws) {
      const code = typeof cmd.code === 'number' ? cmd.code : undefined;
      socketCall(ws, wsClose, 'close', code === undefined ? [] : [code, str(cmd.reason) ?? '']);
    } else if (cmd.type === 'fetch' && str(cmd.requestId)) void runFetch(str(cmd.requestId) as string, cmd);
    else if (cmd.type === 'dispose') {
      for (const id in sockets) {
        const open = sockets[id] as WebSocket;
        delete sockets[id];
        socketCall(open, wsClose, 'close', [1000, 'Qlarity finished']);
      }
      disposed = true;
      closePort(port);
      closePort(flushChannel.port1);
      closePort(flushChannel.port2);
    }
  };
  /** one message from the relay: an array of JSON commands */
  write(port, 'onmessage', portOnMessage, (event: MessageEvent) => {
    const data: unknown = read(event, 'data', messageData);
    if (!isArray(data)) return;
    for (let i = 0; i < data.length; i++) {
      try {
        run(data[i]);
      } catch {
        // e.g. the WebSocket constructor refused the address: the other commands still run
      }
    }
  });

  post({ type: 'ready' });
  return 'installed';
}
