// The ISOLATED-world half of the in-tab bridge (run by entrypoints/qlik.content.ts): passes
// commands from the background into the page and page events back, checking both ways.
// - From the background (a runtime.Port only the extension can open): parsed with zod; socket
//   URLs must be on the tab's own origin.
// - From the page (untrusted: any page script can post or forge messages): only JSON strings in
//   our envelope, on our channel, parsed with zod, and only for sockets and requests the
//   background actually opened. Everything else is dropped silently.
import {
  BRIDGE_PORT_NAME,
  FromRelay,
  ToRelay,
  encodeForPage,
  isSameOriginSocketUrl,
  parsePageMessage,
  type BridgeCommand,
  type BridgeEvent,
} from '@/lib/protocol/bridge';
import type { MessageEventLike, PortLike, WindowLike } from './types';

export interface RelayStats {
  forwarded: number;
  dropped: number;
}

/** Serves one background Port until it disconnects. Returns a function that stops it. */
export function serveRelay(port: PortLike, win: WindowLike): { stop: () => void; stats: RelayStats } {
  const stats: RelayStats = { forwarded: 0, dropped: 0 };
  if (port.name !== BRIDGE_PORT_NAME) return { stop: () => {}, stats };
  let channel: string | undefined;
  let pageReady = false;
  const openSockets = new Set<string>();
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

  const isExpected = (event: BridgeEvent): boolean => {
    switch (event.type) {
      case 'ready':
        if (pageReady) return false;
        pageReady = true;
        return true;
      case 'ws-opened':
      case 'ws-message':
      case 'ws-error':
        return openSockets.has(event.socketId);
      case 'ws-closed':
        return openSockets.delete(event.socketId);
      case 'fetch-response':
      case 'fetch-failed':
        return pendingRequests.delete(event.requestId);
    }
  };

  const onWindowMessage = (event: MessageEventLike) => {
    if (!channel || event.source !== win) return;
    // Messages from the page carry the page's origin; anything else is not our bridge.
    if (event.origin !== win.location.origin) return;
    const parsed = parsePageMessage(event.data, channel);
    if (!parsed) {
      // Our own commands echo back on window (dir "to-page"); only count what claims to be from the page.
      if (typeof event.data === 'string' && event.data.includes('"from-page"')) stats.dropped++;
      return;
    }
    if (!isExpected(parsed)) {
      stats.dropped++;
      return;
    }
    stats.forwarded++;
    send({ type: 'relay-event', event: parsed });
  };

  const refuse = (command: BridgeCommand, reason: string) =>
    send({
      type: 'relay-refused',
      command: command.type,
      id: 'socketId' in command ? command.socketId : 'requestId' in command ? command.requestId : undefined,
      reason,
    });

  const toPage = (command: BridgeCommand) => {
    if (!channel) return;
    win.postMessage(encodeForPage(channel, command), win.location.origin);
  };

  const onPortMessage = (raw: unknown) => {
    const parsed = ToRelay.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'relay-init') {
      if (channel) return; // one channel per port
      channel = message.channel;
      win.addEventListener('message', onWindowMessage);
      send({ type: 'relay-ready', origin: win.location.origin });
      return;
    }
    const command = message.command;
    if (!channel) return;
    if (command.type === 'ws-open') {
      if (!isSameOriginSocketUrl(command.url, win.location.origin)) return refuse(command, 'The engine address is not on this tab\'s origin.');
      if (openSockets.has(command.socketId)) return refuse(command, 'Socket id already in use.');
      openSockets.add(command.socketId);
    } else if (command.type === 'fetch') {
      if (pendingRequests.has(command.requestId)) return refuse(command, 'Request id already in use.');
      pendingRequests.add(command.requestId);
    }
    toPage(command);
  };

  const stop = () => {
    if (stopped) return;
    stopped = true;
    toPage({ type: 'dispose' });
    win.removeEventListener('message', onWindowMessage);
    port.onMessage.removeListener(onPortMessage);
    port.onDisconnect.removeListener(stop);
  };

  port.onMessage.addListener(onPortMessage);
  port.onDisconnect.addListener(stop);
  return { stop, stats };
}
