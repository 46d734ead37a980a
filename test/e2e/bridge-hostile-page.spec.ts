// A hostile script in the simulated Qlik page (like a third-party visualisation extension) attacks
// the in-tab bridge of "My Qlik session" mode while a real analysis runs, through the real
// extension UI. It loads before the Sense page's own scripts and:
// 1. reads every window message (capture phase, first listener) and wraps window.postMessage, to
//    find a channel token or a MessagePort;
// 2. forges, every 100 ms, engine frames, REST answers and a 4203 close, as window messages in every
//    envelope the bridge ever used and as raw events, and as synthetic "message" events on window,
//    plus handoff events with guessed nonces carrying its own port;
// 3. once the bridge is at work (the test calls it when the analysis' engine session has started),
//    patches the prototypes the bridge uses afterwards (WebSocket send/close and event handlers,
//    MessagePort postMessage, JSON.stringify, Response.text, MessageEvent.data, CloseEvent.code), to
//    catch the socket or the port and to change answers and close codes on their way.
// Each attempt must fail while the analysis still succeeds with the real app's data.
// (A script that replaced those built-ins before the injection is out of reach of any page-world
// code; ARCHITECTURE.md "Trust" says what then still holds.)
import type { AnalysisReport } from '../../lib/report/report-schema';
import type { StoredAnalysis } from '../../lib/protocol/stored-analysis';
import { DEMO_APP_ID, expect, test } from './fixtures';

test.setTimeout(120_000);

interface HostileLog {
  windowMessages: string[];
  tokens: string[];
  portsSeen: number;
  forged: number;
  patched: boolean;
  /** calls of a patched built-in that carried anything of the bridge */
  reached: string[];
}

/** Runs in the page's main world before any page script (addInitScript). */
function hostileScript() {
  const log: HostileLog = { windowMessages: [], tokens: [], portsSeen: 0, forged: 0, patched: false, reached: [] };
  (window as unknown as { __hostile: HostileLog }).__hostile = log;
  // its own copies, so that its own forging does not count as the bridge reaching a patched built-in
  const ownStringify = JSON.stringify;
  const ownData = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data')?.get as (this: MessageEvent) => unknown;
  const text = (value: unknown) => {
    try {
      return typeof value === 'string' ? value : ownStringify(value);
    } catch {
      return String(value);
    }
  };
  const looksLikeBridge = (value: unknown) => /socketId|requestId|ws-message|fetch-response|qlarity/i.test(text(value));
  const stolen: MessagePort[] = [];
  const GUESSED_CHANNEL = 'AAAAAAAAAAAAAAAAAAAAAAAA';

  // 1. read
  window.addEventListener(
    'message',
    (event) => {
      const data = text(ownData.call(event));
      log.windowMessages.push(data.slice(0, 300));
      const token = /"channel"\s*:\s*"([A-Za-z0-9_-]{22,})"/.exec(data)?.[1];
      if (token && token !== GUESSED_CHANNEL && !log.tokens.includes(token)) log.tokens.push(token);
      for (const port of event.ports) {
        log.portsSeen++;
        stolen.push(port);
      }
    },
    true,
  );
  const originalPost = window.postMessage.bind(window);
  window.postMessage = ((message: unknown, ...rest: unknown[]) => {
    log.windowMessages.push(`posted:${text(message).slice(0, 300)}`);
    return (originalPost as (...a: unknown[]) => void)(message, ...rest);
  }) as typeof window.postMessage;

  // 2. forge
  const forgedEvents = (id: string) => [
    { type: 'ws-closed', socketId: id, code: 4203, reason: 'forged: no permission', wasClean: false },
    { type: 'ws-message', socketId: id, data: '{"jsonrpc":"2.0","id":1,"result":{"qLayout":{"qTitle":"FORGED"}}}' },
    { type: 'fetch-response', requestId: id, status: 200, statusText: 'OK', headers: [['content-type', 'application/json']], body: '{"attributes":{"name":"FORGED"}}' },
  ];
  setInterval(() => {
    const now = Date.now();
    // ids the old client made (time-based), and any token seen
    const ids = Array.from({ length: 4 }, (_, i) => `${now.toString(36)}-${(i + 1).toString(36)}`);
    const channels = [GUESSED_CHANNEL, ...log.tokens];
    for (const id of ids) {
      for (const msg of forgedEvents(id)) {
        for (const tag of ['qlarity-bridge/1', 'qlarity-bridge/2']) {
          for (const channel of channels) originalPost(ownStringify({ tag, channel, dir: 'from-page', msg }), location.origin);
        }
        originalPost(ownStringify(msg), location.origin);
        window.dispatchEvent(new MessageEvent('message', { data: ownStringify(msg), origin: location.origin, source: window }));
        for (const port of stolen) port.postMessage(ownStringify(msg));
        log.forged++;
      }
    }
    // a handoff of its own, with a guessed nonce
    const own = new MessageChannel();
    window.dispatchEvent(new MessageEvent(`qlarity-bridge/2:handoff:${Math.random().toString(36).slice(2).padEnd(24, 'x')}`, { ports: [own.port2], cancelable: true }));
  }, 100);

  // 3. once the bridge works (its REST calls show in resource timing), patch what it uses afterwards
  const patch = () => {
    if (log.patched) return;
    log.patched = true;
    const wsProto = WebSocket.prototype;
    const send = wsProto.send;
    wsProto.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
      if (looksLikeBridge(data) || /"jsonrpc"/.test(text(data))) log.reached.push('WebSocket.send');
      this.close(4203, 'forged: no permission');
      return send.call(this, data);
    };
    for (const handler of ['onmessage', 'onclose', 'onopen'] as const) {
      const descriptor = Object.getOwnPropertyDescriptor(wsProto, handler);
      Object.defineProperty(wsProto, handler, {
        configurable: true,
        get: descriptor?.get,
        set(this: WebSocket, value: unknown) {
          log.reached.push(`WebSocket.${handler}`);
          this.close(4203, 'forged: no permission');
          descriptor?.set?.call(this, value);
        },
      });
    }
    const close = wsProto.close;
    wsProto.close = function (this: WebSocket, ...args: [number?, string?]) {
      log.reached.push('WebSocket.close');
      return close.apply(this, args);
    };
    const portPost = MessagePort.prototype.postMessage;
    MessagePort.prototype.postMessage = function (this: MessagePort, message: unknown, ...rest: unknown[]) {
      if (looksLikeBridge(message)) {
        log.reached.push('MessagePort.postMessage');
        for (const msg of forgedEvents('any')) (portPost as (...a: unknown[]) => void).call(this, ownStringify(msg));
      }
      return (portPost as (...a: unknown[]) => void).call(this, message, ...rest);
    } as typeof portPost;
    const stringify = JSON.stringify;
    JSON.stringify = ((value: unknown, ...rest: unknown[]) => {
      const out = (stringify as (...a: unknown[]) => string)(value, ...rest);
      if (typeof out === 'string' && /"type":"(ws-message|fetch-response|ws-opened|ready)"/.test(out)) {
        log.reached.push('JSON.stringify');
        return out.replace(/Qlarity Demo/g, 'FORGED');
      }
      return out;
    }) as typeof JSON.stringify;
    const responseText = Response.prototype.text;
    Response.prototype.text = async function (this: Response) {
      const body = await responseText.call(this);
      if (this.url.includes('/api/v1/')) log.reached.push('Response.text');
      return body.replace(/Qlarity Demo/g, 'FORGED');
    };
    const data = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data');
    Object.defineProperty(MessageEvent.prototype, 'data', {
      configurable: true,
      get(this: MessageEvent) {
        const value: unknown = data?.get?.call(this);
        if (typeof value === 'string' && /"jsonrpc"|"type":"(ws-|fetch)/.test(value)) {
          log.reached.push('MessageEvent.data');
          return value.replace(/Qlarity Demo/g, 'FORGED');
        }
        return value;
      },
    });
    // every close anyone reads is "no permission"
    Object.defineProperty(CloseEvent.prototype, 'code', {
      configurable: true,
      get() {
        log.reached.push('CloseEvent.code');
        return 4203;
      },
    });
  };
  (window as unknown as { __hostilePatch(): void }).__hostilePatch = patch;
}

test('a hostile page script can neither read nor forge the bridge traffic, and the analysis still reads the real app', async ({ openPopup, sim, login, qlik }) => {
  await login.logIn();
  // from now on, in every page the tab loads, before the page's own scripts
  await qlik.page.addInitScript(hostileScript);
  await qlik.openFirstSheet(DEMO_APP_ID);
  expect(await qlik.page.evaluate(() => '__hostile' in window)).toBe(true);
  // engine answers a little slower, so the analysis is still running when the prototypes get patched
  sim.faults.set({ latencyMs: 15 });
  const started = Date.now();
  const popup = await openPopup(qlik.page);
  await popup.analyzeButton.click();
  const analysisCalls = () => sim.calls().filter((call) => call.at >= started && call.session.includes('/identity/qlarity-')).length;
  await expect.poll(analysisCalls, { timeout: 30_000 }).toBeGreaterThan(0);
  await qlik.page.evaluate(() => (window as unknown as { __hostilePatch(): void }).__hostilePatch());
  const callsBeforePatch = analysisCalls();
  await expect(popup.summary.or(popup.runError).first()).toBeVisible({ timeout: 90_000 });
  await expect(popup.progress).toBeHidden({ timeout: 60_000 });
  await expect(popup.runError).toBeHidden();
  // the bridge kept working for a good while after the patch
  expect(analysisCalls()).toBeGreaterThan(callsBeforePatch + 10);
  const app = sim.apps.find((a) => a.id === DEMO_APP_ID);
  const realName = app?.attributes.name as string;
  await expect(popup.summary).toContainText(realName);
  await expect(popup.summary).not.toContainText('FORGED');

  const log = await qlik.page.evaluate(() => (window as unknown as { __hostile: HostileLog }).__hostile);
  // it tried, all along, and patched the prototypes once the bridge was at work
  expect(log.forged).toBeGreaterThan(0);
  expect(log.patched).toBe(true);
  // 1. nothing to read: no token, no port, no bridge traffic in any window message
  expect(log.tokens).toEqual([]);
  expect(log.portsSeen).toBe(0);
  expect(log.windowMessages.some((m) => /qlarity|socketId|requestId|ws-message|fetch-response/.test(m) && !m.includes('FORGED') && !m.includes('forged'))).toBe(false);
  expect(log.windowMessages.some((m) => m.includes(realName))).toBe(false);
  // 3. no patched built-in was ever handed a socket, the port or a frame of the bridge
  expect(log.reached).toEqual([]);

  // 2. no forged answer, frame or close reached the analysis: the engine was read in full, as the
  // real user, on the analysis' own identity, and the run saw no dropped connection
  const appKey = `https://${new URL(qlik.page.url()).host}|${DEMO_APP_ID}`;
  const report = await popup.request<AnalysisReport>({ type: 'get-last-result', appKey });
  const { snapshot } = await popup.request<StoredAnalysis>({ type: 'get-last-analysis', appKey });
  expect(report.app.name).toBe(realName);
  expect(JSON.stringify(report)).not.toContain('FORGED');
  expect(snapshot.sheets.length).toBeGreaterThan(0);
  expect(JSON.stringify(snapshot)).not.toContain('FORGED');
  expect(snapshot.collectionIssues.filter((issue) => issue.part === 'connection')).toEqual([]);
  expect(report.limitation).toBeUndefined();
  const engineCalls = sim.calls().filter((call) => call.at >= started);
  expect(engineCalls.length).toBeGreaterThan(0);
  expect(new Set(engineCalls.map((call) => call.userId))).toEqual(new Set([sim.users.developer.id]));
});
