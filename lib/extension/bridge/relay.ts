// The ISOLATED-world half of the in-tab bridge (run by entrypoints/qlik.content.ts): passes
// commands from the background into the page and page events back, checking both ways.
// - From the background (a runtime.Port only the extension can open): parsed with zod; socket
//   URLs must be on the tab's own origin.
// - To and from the page bridge: only over the private MessagePort it hands over once, in the
//   handoff event named with this injection's nonce (lib/extension/bridge/wire.ts). Nothing travels over
//   window.postMessage, so page scripts can neither read nor forge the traffic.
// - From the page bridge (it runs in the page's world, so still untrusted): every frame within the
//   bounds (count, rate, size: frame-guard.ts), parsed with zod, only for sockets and requests the
//   background actually opened, engine frames only as answers to requests sent (once) or a few
//   engine notifications. A dropped frame is counted; a broken bound stops the bridge.
// - Both ways frames travel in batches (lib/protocol/bridge.ts): each frame of a batch is checked
//   and counted as if it had come alone; a batch longer than maxBatchFrames stops the bridge.
import { BRIDGE_PORT_NAME, FRAME_LIMITS, FromRelay, ToRelay, type BridgeCommand, type BridgeEvent, type FrameLimits } from '../../protocol/bridge';
import { encodeCommand, handoffEventType, isSameOriginSocketUrl, parseBridgeFrame } from './wire';
import { createEngineFrameCheck, createFrameBudget } from './frame-guard';
import type { HandoffEventLike, PagePortLike, PortLike, WindowLike } from './types';

export interface RelayStats {
  forwarded: number;
  dropped: number;
}

export interface RelayOptions {
  limits?: FrameLimits;
  now?: () => number;
}

/** Serves one background Port until it disconnects. Returns a function that stops it. */
export function serveRelay(port: PortLike, win: WindowLike, options: RelayOptions = {}): { stop: () => void; stats: RelayStats } {
  const stats: RelayStats = { forwarded: 0, dropped: 0 };
  if (port.name !== BRIDGE_PORT_NAME) return { stop: () => {}, stats };
  const limits = options.limits ?? FRAME_LIMITS;
  const now = options.now ?? Date.now;
  const budget = createFrameBudget(limits, now());
  let handoffType: string | undefined;
  let pagePort: PagePortLike | undefined;
  let pageReady = false;
  const openSockets = new Map<string, ReturnType<typeof createEngineFrameCheck>>();
  const pendingRequests = new Set<string>();
  let stopped = false;

  const send = (message: FromRelay) => {
    if (stopped) return;
    try {
      port.postMessage(FromRelay.parse(message));
    } catch {
      stop(); // the background end is gone (the browser throws on a disconnected Port)
    }
  };

  const fail = (reason: string) => {
    send({ type: 'relay-failed', reason: `Qlarity stopped the in-tab bridge: ${reason}.`.slice(0, 1024) });
    stop();
  };

  /** Whether the event belongs to what the background opened; null when the bridge must stop. */
  const isExpected = (event: BridgeEvent): boolean | null => {
    switch (event.type) {
      case 'ready':
        if (pageReady) return false;
        pageReady = true;
        return true;
      case 'ws-opened':
      case 'ws-error':
        return openSockets.has(event.socketId);
      case 'ws-message': {
        const check = openSockets.get(event.socketId);
        if (!check) return false;
        const verdict = check.received(event.data);
        if (verdict === 'too-many-pushes') return null;
        return verdict !== 'unexpected';
      }
      case 'ws-closed':
        return openSockets.delete(event.socketId);
      case 'fetch-response':
      case 'fetch-failed':
        return pendingRequests.delete(event.requestId);
    }
  };

  /** One message from the page bridge: an array of frames, each bounded and checked as if it came alone. */
  const onPageFrames = (message: { data: unknown }) => {
    if (stopped) return;
    const frames: unknown[] = Array.isArray(message.data) ? message.data : [message.data];
    if (frames.length > limits.maxBatchFrames) return fail(`the Qlik page sent ${frames.length} frames in one message (at most ${limits.maxBatchFrames})`);
    let events: BridgeEvent[] = [];
    let chars = 0;
    const flush = () => {
      if (events.length) send({ type: 'relay-events', events });
      events = [];
      chars = 0;
    };
    for (const data of frames) {
      const size = typeof data === 'string' ? data.length : 0;
      const refusal = budget.admit(size, now());
      const parsed = refusal ? null : parseBridgeFrame(data);
      const expected = parsed ? isExpected(parsed) : false;
      if (refusal || expected === null) {
        flush(); // what came before the broken bound goes on, as it would have alone
        return fail(refusal ?? `the Qlik page sent more than ${limits.enginePushAllowance} engine frames that answer no request`);
      }
      if (!parsed || !expected) {
        stats.dropped++;
        continue;
      }
      stats.forwarded++;
      if (chars + size > limits.maxFrameChars) flush(); // one Port message stays under the browser's limit
      events.push(parsed);
      chars += size;
    }
    flush();
  };

  /** The page bridge's one handoff: take its port, once, and tell it so (preventDefault). */
  const onHandoff = (event: HandoffEventLike) => {
    if (pagePort || stopped) return;
    const ports = event.ports;
    if (!ports || ports.length !== 1 || !ports[0]) return;
    event.preventDefault();
    stopWaitingForHandoff();
    pagePort = ports[0];
    pagePort.onmessage = onPageFrames;
  };
  const stopWaitingForHandoff = () => {
    if (handoffType) win.removeEventListener(handoffType, onHandoff);
  };

  const refuse = (command: BridgeCommand, reason: string) =>
    send({
      type: 'relay-refused',
      command: command.type,
      id: 'socketId' in command ? command.socketId : 'requestId' in command ? command.requestId : undefined,
      reason,
    });

  const onPortMessage = (raw: unknown) => {
    const parsed = ToRelay.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'relay-init') {
      if (handoffType) return; // one handoff per port
      handoffType = handoffEventType(message.nonce);
      win.addEventListener(handoffType, onHandoff);
      send({ type: 'relay-ready', origin: win.location.origin });
      return;
    }
    const toPage: string[] = [];
    for (const command of message.commands) {
      const refusal = admitCommand(command);
      if (refusal) refuse(command, refusal);
      else toPage.push(encodeCommand(command));
    }
    if (toPage.length) pagePort?.postMessage(toPage);
  };

  /** null when the command may go into the page, else why not. */
  const admitCommand = (command: BridgeCommand): string | null => {
    if (!pagePort) return 'The page bridge is not connected.';
    if (command.type === 'ws-open') {
      if (!isSameOriginSocketUrl(command.url, win.location.origin)) return 'The engine address is not on this tab\'s origin.';
      if (openSockets.has(command.socketId)) return 'Socket id already in use.';
      openSockets.set(command.socketId, createEngineFrameCheck(limits.enginePushAllowance));
    } else if (command.type === 'ws-send') {
      openSockets.get(command.socketId)?.sent(command.data);
    } else if (command.type === 'fetch') {
      if (pendingRequests.has(command.requestId)) return 'Request id already in use.';
      pendingRequests.add(command.requestId);
    }
    return null;
  };

  const stop = () => {
    if (stopped) return;
    stopped = true;
    stopWaitingForHandoff();
    if (pagePort) {
      try {
        pagePort.postMessage([encodeCommand({ type: 'dispose' })]);
      } catch {
        // the page is gone
      }
      pagePort.onmessage = null;
      pagePort.close();
    }
    port.onMessage.removeListener(onPortMessage);
    port.onDisconnect.removeListener(stop);
  };

  port.onMessage.addListener(onPortMessage);
  port.onDisconnect.addListener(stop);
  return { stop, stats };
}
