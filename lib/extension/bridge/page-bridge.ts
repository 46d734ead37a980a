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
// nothing travels over window.postMessage. What this does not cover: a page script that replaced
// the page's own built-ins (MessageChannel, dispatchEvent, WebSocket, fetch) before the injection
// controls what this code can do in the page, as it controls the Sense client; it still finds no
// secret here, and the relay bounds and checks everything that comes back.
//
// Rules for this function: it is serialised with Function.prototype.toString, so it must not use
// anything from outside its own body (no imports, no module constants, no helpers). It holds no
// secrets and only does what the page could do itself: same-origin WebSocket and fetch.
// Everything it sends out is parsed with zod by the content relay (lib/extension/bridge/relay.ts).

export function installPageBridge(nonce: string): 'installed' | 'bad-nonce' | 'no-relay' {
  const TAG = 'qlarity-bridge/2'; // = BRIDGE_TAG in lib/protocol/bridge.ts (a test keeps them equal)
  if (typeof nonce !== 'string' || !/^[A-Za-z0-9_-]{22,128}$/.test(nonce)) return 'bad-nonce';
  const win = window;
  // Keep the originals: a later monkey-patch by another page script does not reach us.
  const NativeWebSocket = win.WebSocket;
  const nativeFetch = win.fetch.bind(win);
  const origin = win.location.origin;
  const socketProtocol = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const sockets = new Map<string, WebSocket>();

  // the handoff: one synchronous event, type = handoffEventType(nonce) in lib/protocol/bridge.ts
  const channel = new win.MessageChannel();
  const port = channel.port1;
  const handoff = new win.MessageEvent(`${TAG}:handoff:${nonce}`, { ports: [channel.port2], cancelable: true });
  const taken = !win.dispatchEvent(handoff);
  if (!taken) {
    port.close();
    channel.port2.close();
    return 'no-relay';
  }

  type Msg = Record<string, unknown> & { type: string };
  const post = (msg: Msg) => port.postMessage(JSON.stringify(msg));
  const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

  const openSocket = (socketId: string, rawUrl: string) => {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      post({ type: 'ws-closed', socketId, code: 1006, reason: 'Invalid engine address', wasClean: false });
      return;
    }
    if (url.protocol !== socketProtocol || url.host !== win.location.host || sockets.has(socketId)) {
      post({ type: 'ws-closed', socketId, code: 1006, reason: 'Engine address is not on this tab origin', wasClean: false });
      return;
    }
    const ws = new NativeWebSocket(url.href);
    sockets.set(socketId, ws);
    ws.onopen = () => post({ type: 'ws-opened', socketId });
    ws.onmessage = (event: MessageEvent) => {
      if (typeof event.data === 'string') post({ type: 'ws-message', socketId, data: event.data });
    };
    ws.onerror = () => post({ type: 'ws-error', socketId });
    ws.onclose = (event: CloseEvent) => {
      sockets.delete(socketId);
      post({ type: 'ws-closed', socketId, code: event.code, reason: String(event.reason).slice(0, 1024), wasClean: event.wasClean });
    };
  };

  const runFetch = async (requestId: string, cmd: Msg) => {
    try {
      const path = str(cmd.path) ?? '';
      const url = new URL(path, origin);
      if (!path.startsWith('/') || path.startsWith('//') || url.origin !== origin) throw new Error('Not a path on this tab origin');
      const headers = cmd.headers && typeof cmd.headers === 'object' ? (cmd.headers as Record<string, string>) : {};
      const response = await nativeFetch(url.href, {
        method: str(cmd.method) ?? 'GET',
        headers,
        body: str(cmd.body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
      const body = await response.text();
      const responseHeaders: [string, string][] = [];
      response.headers.forEach((value, name) => responseHeaders.push([name, value]));
      post({ type: 'fetch-response', requestId, status: response.status, statusText: response.statusText, headers: responseHeaders, body });
    } catch (error) {
      post({ type: 'fetch-failed', requestId, message: String(error instanceof Error ? error.message : error).slice(0, 1024) });
    }
  };

  port.onmessage = (event: MessageEvent) => {
    if (typeof event.data !== 'string') return;
    let cmd: Msg | null;
    try {
      cmd = JSON.parse(event.data) as Msg | null;
    } catch {
      return;
    }
    if (!cmd || typeof cmd !== 'object') return;
    const socketId = str(cmd.socketId);
    if (cmd.type === 'ws-open' && socketId) openSocket(socketId, str(cmd.url) ?? '');
    else if (cmd.type === 'ws-send' && socketId) {
      const ws = sockets.get(socketId);
      if (ws && ws.readyState === NativeWebSocket.OPEN) ws.send(str(cmd.data) ?? '');
    } else if (cmd.type === 'ws-close' && socketId) {
      const code = typeof cmd.code === 'number' ? cmd.code : undefined;
      sockets.get(socketId)?.close(code, str(cmd.reason));
    } else if (cmd.type === 'fetch' && str(cmd.requestId)) void runFetch(str(cmd.requestId) as string, cmd);
    else if (cmd.type === 'dispose') {
      for (const ws of sockets.values()) ws.close(1000, 'Qlarity finished');
      sockets.clear();
      port.onmessage = null;
      port.close();
    }
  };

  post({ type: 'ready' });
  return 'installed';
}
